#!/usr/bin/env bash
# Regenerates Sources/flightdeck/man/flightdeck.1 (one page, every command) with swift-argument-parser's
# GenerateManual plugin, from the flightdeck built from this tree.
#
#   bash Tests/Tools/generate-man.sh            # the plugin (builds its tool the first time: minutes)
#
# The plugin's tool reads `flightdeck --experimental-dump-help` and drops every character that is not
# ASCII (its String+Escaping.swift keeps `character.isASCII` only), which turned `5 → 25 → 50 %` into
# `5  25  50 %`. So the tool reads the help through a wrapper that spells those characters in ASCII
# (→ ->, — --, – -, − -, × x, … ..., ‖ ||), and the page's empty lines (paragraph breaks, which mandoc
# warns about) become `.Pp`, and a JSON shape gets break points after its commas. Run it whenever a command, option or help text changes; FlightDeckCLITests
# checks that the page names every command of the built executable.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product flightdeck
bin="$(swift build --show-bin-path)/flightdeck"
# Builds the plugin's tool (and writes a page we do not keep).
swift package --allow-writing-to-package-directory generate-manual >/dev/null
tool=$(find .build -name generate-manual-tool -type f -perm -u+x | head -1)
[ -n "$tool" ] || { echo "generate-manual-tool not found under .build" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/flightdeck" <<WRAP
#!/bin/sh
"$bin" "\$@" | python3 -c '
import sys
text = sys.stdin.read()
for a, b in (("\u2192", "->"), ("\u2014", "--"), ("\u2013", "-"), ("\u2212", "-"), ("\u00d7", "x"),
             ("\u2026", "..."), ("\u2016", "||")):
    text = text.replace(a, b)
left = sorted({c for c in text if ord(c) > 127})
if left:
    sys.exit("generate-man.sh: no ASCII spelling for " + " ".join("U+%04X" % ord(c) for c in left))
sys.stdout.write(text)
'
WRAP
chmod +x "$work/flightdeck"
mkdir -p "$work/out"
"$tool" "$work/flightdeck" --date "$(date -u +%Y-%m-%d)" -o "$work/out"
# A JSON shape (`{"version","configuration":{...}}`) has no blank to break at: troff warned "can't
# break line" at 80 columns. `\:` after each comma of such a line is a break point that prints nothing.
sed -e 's/^$/.Pp/' -e '/{"/s/,/,\\:/g' "$work/out/flightdeck.1" > Sources/flightdeck/man/flightdeck.1
echo "wrote Sources/flightdeck/man/flightdeck.1; read it with: man -l Sources/flightdeck/man/flightdeck.1"
