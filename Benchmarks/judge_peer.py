#!/usr/bin/env python3
"""SciPy peer of `flightdeck analysis show support-bot FILE --window W` (Benchmarks/bench-judge.sh).

Reads FlightDeck JSON Lines, keeps support-bot's requests in the window that ends just
after the newest support-bot record (as `analysis show` does), and runs
scipy.stats.mannwhitneyu on the latency of successful requests (stable v12 vs canary v13)
and a pooled two-proportion z test on the error rate. With --compare FD.json it checks
that FlightDeck counted the same requests and errors (rates use every request; latency
samples are a 5,000-per-version reservoir in FlightDeck, so only the rate counts are
compared exactly) and prints both p-values of the error rate.
"""
import json
import math
import sys
from datetime import datetime

from scipy.stats import mannwhitneyu, norm


def parse_ts(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000


def window_ms(text):
    units = {"ms": 1, "s": 1000, "m": 60000, "h": 3600000, "d": 86400000}
    for u in ("ms", "s", "m", "h", "d"):
        if text.endswith(u) and text[: -len(u)].replace(".", "").isdigit():
            return float(text[: -len(u)]) * units[u]
    raise SystemExit(f"bad window {text}")


def main():
    path, window = sys.argv[1], window_ms(sys.argv[2])
    rows = []
    with open(path, "rb") as f:
        for line in f:
            if b'"support-bot"' not in line:
                continue
            r = json.loads(line)
            if r.get("artefact") != "support-bot":
                continue
            rows.append((parse_ts(r["ts"]), r["version"], r["route"], r["status"], r["latency_ms"]))
    end = max(t for t, *_ in rows) + 1
    start = end - window
    base = [r for r in rows if start <= r[0] < end and r[1] == "v12" and r[2] == "stable"]
    can = [r for r in rows if start <= r[0] < end and r[1] == "v13" and r[2] == "canary"]
    bl = [r[4] for r in base if r[3] == "ok"]
    cl = [r[4] for r in can if r[3] == "ok"]
    u = mannwhitneyu(cl, bl, alternative="two-sided")
    be = sum(1 for r in base if r[3] == "error")
    ce = sum(1 for r in can if r[3] == "error")
    p = (be + ce) / (len(base) + len(can))
    se = math.sqrt(p * (1 - p) * (1 / len(base) + 1 / len(can)))
    z = (ce / len(can) - be / len(base)) / se if se > 0 else 0.0
    pz = 2 * norm.sf(abs(z))
    if "--compare" in sys.argv:
        fd = json.load(open(sys.argv[sys.argv.index("--compare") + 1]))
        er = next(m for m in fd["metrics"] if m["name"] == "error rate")
        same = er["baselineCount"] == len(base) and er["canaryCount"] == len(can)
        same = same and abs(er["baselineValue"] - be / len(base)) < 1e-12
        same = same and abs(er["canaryValue"] - ce / len(can)) < 1e-12
        print(
            f"  agreement: requests {len(base)}/{len(can)}, errors {be}/{ce} "
            f"{'identical' if same else 'DIFFER: ' + json.dumps(er)}; error-rate p "
            f"FlightDeck {er['pValue']:.3g} ({er['test']}) vs SciPy {pz:.3g}; latency MWU p (SciPy, all "
            f"{len(bl)}/{len(cl)} samples) {u.pvalue:.3g}"
        )
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
