#!/bin/sh
# 1,000 alert rules over 10,000 series (Benchmarks article, "The controller").
# bench-alerts-1000.sh FLIGHTDECK [OUT]   (a release build: swift build -c release --product flightdeck)
#
# 1. Replay: `alerts eval` of 10 minutes of data (600,000 records) at the default 15 s interval
#    (40 rounds), with the 1,000 rules and with their first rule alone; the difference over 40 is
#    the evaluation time per round.
# 2. Live: `flightdeck serve` with the 1,000 rules following the same 10,000 series: 10 minutes of
#    history stamped up to now, then 1,000 records a second appended live (gen_alerts_1000.py
#    --append-for). After 90 s (the first round reads the history), sample_serve.py samples it for
#    DURATION seconds (default 600): CPU share (/proc/PID/stat), RSS, and each round's wall and CPU
#    time (the controller thread's bursts in /proc/PID/task/TID/schedstat). Then the lease epochs
#    taken and lost, and the transitions recorded, from serve's log.
#    LIVE_ONLY=1 skips the replay half.
set -eu
F=$1
OUT=${2:-/tmp/bench-alerts-1000}
HERE=$(dirname "$0")
DURATION=${DURATION:-600}
if [ -z "${LIVE_ONLY:-}" ]; then
python3 "$HERE/gen_alerts_1000.py" "$OUT/replay" --minutes 10
for rules in rules-1 rules-1000; do
  for run in 1 2 3; do
    /usr/bin/time -f "$rules run $run: %e s wall, %U s user, %M KiB peak" \
      "$F" alerts eval --rules "$OUT/replay/$rules.yml" --config "$OUT/replay/alerts.toml" \
      "$OUT/replay/telemetry.jsonl" > "$OUT/replay/$rules.out"
  done
  echo "$rules: $(wc -l < "$OUT/replay/$rules.out") transitions"
done

fi

rm -rf "$OUT/live"
python3 "$HERE/gen_alerts_1000.py" "$OUT/live" --minutes 10 --now --append-for $((DURATION + 150)) &
GEN=$!
until [ -e "$OUT/live/backfilled" ]; do sleep 1; done
"$F" init --workspace "$OUT/live/ws" > /dev/null
"$F" serve --config "$OUT/live/alerts.toml" --workspace "$OUT/live/ws" --listen 127.0.0.1:0 \
  "$OUT/live/telemetry.jsonl" > "$OUT/live/serve.log" 2>&1 &
PID=$!
trap 'kill $PID $GEN 2>/dev/null || true' EXIT
# The first round reads the 10 minutes of history.
sleep 90
python3 "$HERE/sample_serve.py" "$PID" "$DURATION" | tee "$OUT/live/sample.txt"
echo "lease taken: $(grep -c 'holding the controller lease' "$OUT/live/serve.log" || true) time(s); lost: $(grep -c 'lost the controller lease' "$OUT/live/serve.log" || true)"
grep 'holding the controller lease\|lost the controller lease' "$OUT/live/serve.log" || true
# Transitions: one line each (the first 100 of a round), then "… and N more transitions (…)".
awk '/ alerts: .* → / && !/ alerts: … and / {n++} / alerts: … and [0-9]+ more transitions/ {for (i = 1; i <= NF; i++) if ($i == "and") {n += $(i + 1); break}} END {print "transitions logged: " n+0}' "$OUT/live/serve.log"
echo "not saved: $(grep -c 'not saved' "$OUT/live/serve.log" || true)"
kill -TERM $PID
wait $PID || true
"$F" alerts list --workspace "$OUT/live/ws" | tail -n +1 | wc -l | sed 's/^/alerts list lines: /'
