#!/bin/sh
# 1,000 alert rules over 10,000 series (Benchmarks article, "The controller").
# bench-alerts-1000.sh FLIGHTDECK [OUT]   (a release build: swift build -c release --product flightdeck)
#
# 1. Replay: `alerts eval` of 10 minutes of data (600,000 records) at the default 15 s interval
#    (40 rounds), with the 1,000 rules and with their first rule alone; the difference over 40 is
#    the evaluation time per round.
# 2. Live: `flightdeck serve` with the 1,000 rules following the same shape of data stamped the last
#    10 minutes; after it has read the file, its CPU time over 60 s (/proc/PID/stat utime + stime)
#    is the controller's CPU share at the default interval.
set -eu
F=$1
OUT=${2:-/tmp/bench-alerts-1000}
HERE=$(dirname "$0")
python3 "$HERE/gen_alerts_1000.py" "$OUT/replay" --minutes 10
for rules in rules-1 rules-1000; do
  for run in 1 2 3; do
    /usr/bin/time -f "$rules run $run: %e s wall, %U s user, %M KiB peak" \
      "$F" alerts eval --rules "$OUT/replay/$rules.yml" --config "$OUT/replay/alerts.toml" \
      "$OUT/replay/telemetry.jsonl" > "$OUT/replay/$rules.out"
  done
  echo "$rules: $(wc -l < "$OUT/replay/$rules.out") transitions"
done

python3 "$HERE/gen_alerts_1000.py" "$OUT/live" --minutes 10 --now
rm -rf "$OUT/live/ws"
"$F" init --workspace "$OUT/live/ws" > /dev/null
"$F" serve --config "$OUT/live/alerts.toml" --workspace "$OUT/live/ws" --listen 127.0.0.1:0 \
  "$OUT/live/telemetry.jsonl" > "$OUT/live/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
# Until the whole file is read (the engine reads it in polls) and the first rounds ran.
sleep 90
ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
t0=$(ticks)
sleep 60
t1=$(ticks)
echo "serve: $((t1 - t0)) CPU ticks in 60 s = $(echo "scale=1; ($t1 - $t0) / 60" | bc) % of one core (CLK_TCK 100); RSS $(awk '/VmRSS/ {print $2, $3}' "/proc/$PID/status")"
grep -c "pending → firing\|inactive → firing" "$OUT/live/serve.log" || true
