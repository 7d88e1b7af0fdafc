#!/usr/bin/env bash
# Canary judge benchmark: `flightdeck analysis show` (scan the telemetry, keep the
# window, fill the reservoirs, judge nine metrics) against a SciPy peer that reads the
# same JSON Lines and runs the same two tests on the same window (scipy.stats
# mannwhitneyu on p95 latency's samples, a pooled two-proportion z on the error rate),
# and a check that both count the same requests and errors.
#
# Usage: FLIGHTDECK=.build/release/flightdeck bash Benchmarks/bench-judge.sh
# Environment: DURATION (virtual length of the simulated telemetry, default 1h),
#              RUNS (default 3; the median wall time is printed).
# Needs python3 with scipy and numpy for the peer.
set -euo pipefail
FD=${FLIGHTDECK:?set FLIGHTDECK to a flightdeck binary}
DURATION=${DURATION:-1h}
RUNS=${RUNS:-3}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=$(mktemp -d "${TMPDIR:-/tmp}/fd-bench-judge.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
# The support-bot incident scenario: v13's canary degrades at minute 4, so the judge has
# something to find (8 % errors, twice the latency).
"$FD" simulate --scenario "$ROOT/Tests/FlightDeckCoreTests/Fixtures/scenarios/support-bot-incident.toml" \
  --out "$DIR/t" --duration "$DURATION" --speed 100000 --seed 1 --start 2025-06-01T00:00:00Z --rotate-bytes 4000000000 \
  >/dev/null
FILE="$DIR/t/telemetry.jsonl"
LINES=$(wc -l <"$FILE")
echo "telemetry: $LINES lines, $(du -m "$FILE" | cut -f1) MiB ($DURATION of the incident scenario)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null
  e=$(date +%s%N)
  echo $(((e - s) / 1000000))
}
for window in 15m "$DURATION"; do
  fd_ms=$(for _ in $(seq "$RUNS"); do time_ms "$FD" analysis show support-bot "$FILE" --window "$window"; done | median)
  rss=$( { /usr/bin/time -f '%M' "$FD" analysis show support-bot "$FILE" --window "$window" >/dev/null; } 2>&1 | tail -1)
  py_ms=$(for _ in $(seq "$RUNS"); do time_ms python3 "$ROOT/Benchmarks/judge_peer.py" "$FILE" "$window"; done | median)
  echo "window $window: flightdeck analysis show ${fd_ms} ms (max RSS $((rss / 1024)) MiB); SciPy peer ${py_ms} ms"
  "$FD" analysis show support-bot "$FILE" --window "$window" --json >"$DIR/fd.json"
  python3 "$ROOT/Benchmarks/judge_peer.py" "$FILE" "$window" --compare "$DIR/fd.json"
done
