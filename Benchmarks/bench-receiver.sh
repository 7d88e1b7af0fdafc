#!/usr/bin/env bash
# The OTLP/HTTP receiver under load: `flightdeck receive` (release build) with
# its data folder on local disk, driven by wrk POSTing one prepared
# ExportTraceServiceRequest (SPANS GenAI spans in the shape the OpenAI
# instrumentation writes, from Tests/Tools/otlp-protobuf-reference.py --bench)
# as protobuf, then as OTLP/JSON, then overloaded.
#
#   swift build -c release --product flightdeck
#   nice -n 19 Benchmarks/bench-receiver.sh            # SPANS=100 DURATION=10s CONNS=8
#   SPANS=10000 CONNS=40 RUNS=protobuf nice -n 19 Benchmarks/bench-receiver.sh   # large requests only
#   RUNS="gzip gzip-overload" nice -n 19 Benchmarks/bench-receiver.sh   # the protobuf body gzipped
#
# RUNS (default "protobuf json overload") also takes gzip and gzip-overload:
# the protobuf body compressed with gzip -c and sent with Content-Encoding:
# gzip, from CONNS and from OVERLOAD_CONNS connections.
#
# Prints, per run: answers by status, requests/s and spans/s acknowledged,
# p50/p99/max time to answer (wrk, per request), the receiver's CPU seconds
# per second (utime + stime from /proc/PID/stat) and so spans per CPU-second,
# and its peak RSS (VmHWM from /proc/PID/status).
set -euo pipefail
cd "$(dirname "$0")/.."
SPANS=${SPANS:-100}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-8}
OVERLOAD_CONNS=${OVERLOAD_CONNS:-256}
RUNS=${RUNS:-protobuf json overload}
bin=${BIN:-.build/release/flightdeck}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 Tests/Tools/otlp-protobuf-reference.py --bench "$SPANS" "$work" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" receive --otlp-listen "127.0.0.1:$port" --data-dir "$work/data" >"$work/receiver.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do grep -q listening "$work/receiver.log" && break; sleep 0.05; done
cat "$work/receiver.log"
url="http://127.0.0.1:$port/v1/traces"
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

run() { # NAME BODY CONTENT-TYPE CONNECTIONS
  local before after secs out
  before=$(cpu)
  out=$(BODY="$2" CT="$3" CE="${CE:-}" wrk -t2 -c"$4" -d"$DURATION" -s Benchmarks/ReceiverBench/post.lua "$url")
  after=$(cpu)
  secs=${DURATION%s}
  local ok
  ok=$(echo "$out" | sed -n 's/.* 200=\([0-9]*\).*/\1/p')
  ok=${ok:-0}
  echo "== $1 ($(stat -c %s "$2") bytes, $SPANS spans per request, $4 connections, $DURATION)"
  echo "$out" | grep -E "statuses:|p50_us|Requests/sec"
  awk -v ok="$ok" -v s="$secs" -v sp="$SPANS" -v c=$((after - before)) -v t="$ticks" 'BEGIN {
    cpu = c / t / s
    printf "acknowledged: %.0f requests/s, %.0f spans/s; receiver CPU %.2f s/s, %.0f spans per CPU-second\n",
      ok / s, ok * sp / s, cpu, (cpu > 0 ? ok * sp / s / cpu : 0) }'
  grep VmHWM "/proc/$pid/status"
}

for r in $RUNS; do
  case $r in
  protobuf) run protobuf "$work/bench.pb" application/x-protobuf "$CONNS" ;;
  json) run json "$work/bench.json" application/json "$CONNS" ;;
  overload) run "protobuf, overloaded" "$work/bench.pb" application/x-protobuf "$OVERLOAD_CONNS" ;;
  gzip)
    gzip -c "$work/bench.pb" >"$work/bench.pb.gz"
    CE=gzip run "protobuf, gzip" "$work/bench.pb.gz" application/x-protobuf "$CONNS"
    ;;
  gzip-overload)
    gzip -c "$work/bench.pb" >"$work/bench.pb.gz"
    CE=gzip run "protobuf, gzip, overloaded" "$work/bench.pb.gz" application/x-protobuf "$OVERLOAD_CONNS"
    ;;
  *) echo "unknown run $r (protobuf, json, overload, gzip, gzip-overload)" >&2; exit 64 ;;
  esac
done
echo "data folder: $(du -sh "$work/data" | cut -f1), $(ls "$work/data" | wc -l) files"
kill -TERM "$pid"
wait "$pid" || true
cat "$work/receiver.log" | tail -1
