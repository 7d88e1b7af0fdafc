#!/usr/bin/env bash
# The resolve API under wrk: requests per second and latency percentiles at
# 64 connections, against a SQLite store and (when FLIGHTDECK_TEST_POSTGRES_URL
# names a cluster, e.g. from Tests/Tools/postgres-cluster.sh) a PostgreSQL one.
#
#   bash Benchmarks/bench-resolve.sh [BINARY] [DURATION]
#
# BINARY defaults to .build/release/flightdeck; DURATION to 30s.
set -euo pipefail
BIN=${1:-.build/release/flightdeck}
DUR=${2:-30s}
WORK=$(mktemp -d)
trap 'kill "${SERVE:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export FLIGHTDECK_USER=bench

seed() { # $1: store option (may be empty)
  "$BIN" init --workspace "$WORK/ws" $1 >/dev/null
  "$BIN" registry register support-bot --kind prompt --tier low --workspace "$WORK/ws" $1 >/dev/null
  printf 'You are a support agent for {{product}}.\nAnswer in {{language}}.\n' >"$WORK/t1.txt"
  printf 'You are a careful support agent for {{product}}.\nAnswer in {{language}}.\n' >"$WORK/t2.txt"
  "$BIN" registry register support-bot v1 --template "$WORK/t1.txt" --tag team=support --workspace "$WORK/ws" $1 >/dev/null
  "$BIN" registry register support-bot v2 --template "$WORK/t2.txt" --workspace "$WORK/ws" $1 >/dev/null
  "$BIN" promote support-bot v1 --to production --override bench --reason bench --workspace "$WORK/ws" $1 >/dev/null
  "$BIN" promote support-bot v2 --to canary --override bench --reason bench --workspace "$WORK/ws" $1 >/dev/null
}

run() { # $1: label, $2: store option
  rm -rf "$WORK/ws"
  seed "$2"
  local port=$((20000 + RANDOM % 20000))
  "$BIN" serve --workspace "$WORK/ws" $2 --listen 127.0.0.1:0 --resolve-listen "127.0.0.1:$port" >"$WORK/serve.log" 2>&1 &
  SERVE=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v1/artefacts/support-bot/routing" >/dev/null && break; sleep 0.2; done
  for path in pointers/production routing versions/v1/template; do
    echo "== $1: /v1/artefacts/support-bot/$path (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    curl -s "http://127.0.0.1:$port/v1/artefacts/support-bot/$path"; echo
    wrk -t2 -c64 -d"$DUR" --latency "http://127.0.0.1:$port/v1/artefacts/support-bot/$path"
  done
  # How soon a held long poll answers a move: 5 moves of production, each
  # timed from the start and the exit of the `promote` process to the
  # poll's answer.
  local url="http://127.0.0.1:$port/v1/artefacts/support-bot/pointers/production"
  for i in 1 2 3 4 5; do
    local tag next
    tag=$(curl -s -D - -o /dev/null "$url" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
    next=$([ $((i % 2)) = 1 ] && echo v2 || echo v1)
    (curl -s -o /dev/null -H "If-None-Match: $tag" "$url?wait=30s"; date +%s%N >"$WORK/answered") &
    local poll=$!
    sleep 1
    local t0; t0=$(date +%s%N)
    "$BIN" promote support-bot "$next" --override bench --reason bench --workspace "$WORK/ws" $2 >/dev/null
    local t1; t1=$(date +%s%N)
    wait "$poll"
    local t2; t2=$(cat "$WORK/answered")
    echo "== $1: move $i to $next: answered $(( (t2 - t0) / 1000000 )) ms after promote started, $(( (t2 - t1) / 1000000 )) ms after it exited"
  done
  kill "$SERVE"; wait "$SERVE" 2>/dev/null || true
  SERVE=
}

run sqlite ""
if [ -n "${FLIGHTDECK_TEST_POSTGRES_URL:-}" ]; then
  db="fd_resolve_bench_$$"
  base=${FLIGHTDECK_TEST_POSTGRES_URL%%\?*}
  query=${FLIGHTDECK_TEST_POSTGRES_URL#"$base"}
  psql "${base}${query}" -qc "CREATE DATABASE $db" 2>/dev/null || true
  run postgres "--store ${base%/*}/$db${query}"
fi
