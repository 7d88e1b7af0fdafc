#!/usr/bin/env python3
"""Re-verify a FlightDeck audit export (JSON Lines) without FlightDeck.

Usage: python3 Tests/Tools/verify-audit-export.py audit.jsonl [--head HASH] [--partial]

An independent check for auditors, using only Python's standard library: for
each line, drop `hash` and `time`, serialise the rest as canonical JSON (keys
sorted, no whitespace, UTF-8: the RFC 8785 subset FlightDeck uses), and check
that hash == SHA-256(previousHash + canonical JSON), that previousHash equals
the previous line's hash (64 zeros for the first entry) and that sequence
numbers run 1, 2, 3... With --head, the last hash must equal the head hash
you recorded earlier (`flightdeck audit verify` prints it). With --partial
(for `flightdeck audit export --since`), the file may start at any entry: its
first line is taken on trust as the anchor (its previousHash and sequence are
printed so you can compare them with a full export) and the rest is checked.

A file ending in .csv is read as `flightdeck audit export --format csv`: each
text field is unescaped first (`\\\\` -> `\\`, `\\xHH` and `\\u{H...}` -> that code
point; the escaping that keeps controls, bidi and formula starters out of the
file), an empty before/after is null and an empty identity is left out (entries
written before FlightDeck recorded how the actor was identified have none, and
their hash does not cover it); then the same checks apply.

Exit status: 0 intact, 1 broken (the first bad line is named), 2 unusable input.
"""
import csv
import hashlib
import json
import re
import sys

ESCAPE = re.compile(r"\\(\\|x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]{1,6}\})")


def unescape(text):
    """Undo FlightDeck's CSV field escaping (DelimitedField)."""
    def one(m):
        e = m.group(1)
        if e == "\\":
            return "\\"
        return chr(int(e[1:3], 16)) if e[0] == "x" else chr(int(e[2:-1], 16))
    if re.search(r"\\(?!\\|x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]{1,6}\})", ESCAPE.sub("", text)):
        raise ValueError(f"stray backslash in {text!r}")
    return ESCAPE.sub(one, text)


def csv_entries(path):
    """The rows of a CSV export as JSON Lines text (one canonical object per line)."""
    lines = []
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        for row in rows:
            r = dict(zip(header, row))
            text = {k: unescape(r[k]) for k in header if k not in ("sequence", "at")}
            entry = {
                "sequence": int(r["sequence"]), "at": int(r["at"]), "actor": text["actor"],
                "action": text["action"], "subject": text["subject"],
                "before": text["before"] or None, "after": text["after"] or None,
                "reason": text["reason"], "previousHash": text["previous_hash"], "hash": text["hash"],
            }
            # How the actor was identified: hashed only when recorded (older entries have none).
            if text.get("identity"):
                entry["identity"] = text["identity"]
            lines.append(json.dumps(entry, ensure_ascii=False))
    return lines


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path, head, partial = argv[1], None, False
    rest = argv[2:]
    while rest:
        if rest[0] == "--head" and len(rest) >= 2:
            head, rest = rest[1], rest[2:]
        elif rest[0] == "--partial":
            partial, rest = True, rest[1:]
        else:
            print(f"unknown argument {rest[0]!r}; " + __doc__.strip().splitlines()[2], file=sys.stderr)
            return 2
    previous, expected_sequence, count = "0" * 64, 1, 0
    try:
        if path.endswith(".csv"):
            lines = csv_entries(path)
        else:
            lines = open(path, encoding="utf-8").read().split("\n")
            lines = [line for line in lines if line.strip()]
    except (ValueError, KeyError, StopIteration) as e:
        print(f"{path}: not a FlightDeck CSV export ({e})", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"{path}: {e}", file=sys.stderr)
        return 2
    for number, line in enumerate(lines, start=1):
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as e:
            print(f"{path}:{number}: not JSON ({e})", file=sys.stderr)
            return 2
        stated = entry.pop("hash", None)
        entry.pop("time", None)
        canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        actual = hashlib.sha256((entry["previousHash"] + canonical).encode("utf-8")).hexdigest()
        if partial and number == 1:
            previous, expected_sequence = entry["previousHash"], entry["sequence"]
            print(f"{path}: partial export from entry #{expected_sequence}, which links to {previous}")
        if entry["sequence"] != expected_sequence:
            hint = " (an `audit export --since` file? add --partial)" if number == 1 else ""
            print(f"{path}:{number}: sequence {entry['sequence']}, expected {expected_sequence}{hint}")
            return 1
        if entry["previousHash"] != previous:
            print(f"{path}:{number}: entry #{entry['sequence']} does not link to the entry before it")
            return 1
        if stated != actual:
            print(f"{path}:{number}: entry #{entry['sequence']} was edited (hash {stated}, content hashes to {actual})")
            return 1
        previous, expected_sequence, count = actual, expected_sequence + 1, count + 1
    if head is not None and previous != head:
        print(f"{path}: the last hash {previous} is not the recorded head {head}")
        return 1
    print(f"{path}: chain intact, {count} entries, head {previous}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
