#!/usr/bin/env bash
# The promote → approve → apply round trip with CLIENTS concurrent clients (issue 13,
# "Benchmarks"): operations per second and p50/p95/p99 latency per operation kind, on
# SQLite and on PostgreSQL side by side, through the store API (no process per
# operation: `roundtripbench` links FlightDeckCore and FlightDeckStorePostgres and runs
# one thread per client, each with its own store connections; see its main.swift).
#
# Usage: bash Benchmarks/bench-roundtrip.sh
# Environment: CLIENTS (default 8), ROUNDS per client (default 50), BACKEND
# (sqlite|postgres|both, default both). Uses the cluster FLIGHTDECK_TEST_POSTGRES_URL names
# when set (a role that may create databases and roles), else starts a throwaway one with
# Tests/Tools/postgres-cluster.sh and stops it at the end. Builds the release binary when
# it is missing. Runs under nice -n 19 (the machine may be shared: the load average is
# printed with the figures). Exit status: roundtripbench's (0: every check passed).
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-8}
ROUNDS=${ROUNDS:-50}
BACKEND=${BACKEND:-both}
BIN=.build/release/roundtripbench
[ -x "$BIN" ] || nice -n 19 swift build -c release --product roundtripbench
if [ "$BACKEND" != sqlite ] && [ -z "${FLIGHTDECK_TEST_POSTGRES_URL:-}" ]; then
  eval "$(bash Tests/Tools/postgres-cluster.sh start)"
  trap 'bash Tests/Tools/postgres-cluster.sh stop' EXIT
fi
echo "$(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
nice -n 19 "$BIN" --backend "$BACKEND" --clients "$CLIENTS" --rounds "$ROUNDS"
