#!/usr/bin/env bash
# Registry benchmark: wall time of the registry commands, as an operator feels them
# (process start + open + one transaction), on a workspace grown to a realistic size.
#
# Usage: FLIGHTDECK=.build/release/flightdeck bash Benchmarks/bench-registry.sh
# Environment: ARTEFACTS (default 100), VERSIONS (default 10), CYCLES (default 200).
# Prints one line per measurement; figures go to the Benchmarks article.
set -euo pipefail
FD=${FLIGHTDECK:?set FLIGHTDECK to a flightdeck binary}
ARTEFACTS=${ARTEFACTS:-100}
VERSIONS=${VERSIONS:-10}
CYCLES=${CYCLES:-200}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/fd-bench-registry.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
WS="$DIR/ws"
fd() { FLIGHTDECK_USER=$1 "$FD" "${@:2}" --workspace "$WS"; }
now_ms() { date +%s%3N; }

fd alice init >/dev/null
printf '{"metrics": {"pass_rate": 0.97, "error_rate": 0.01}, "source": "bench"}\n' >"$DIR/gates.json"
t0=$(now_ms)
for a in $(seq 1 "$ARTEFACTS"); do
  fd alice registry register "art-$a" --kind model --tier medium >/dev/null
  for v in $(seq 1 "$VERSIONS"); do fd alice registry register "art-$a" "v$v" >/dev/null; done
done
t1=$(now_ms)
n=$((ARTEFACTS * (VERSIONS + 1)))
echo "register: $n commands in $((t1 - t0)) ms = $(((t1 - t0) * 1000 / n)) µs per command"
# art-1's versions pass their gates (production promotions need them).
t0=$(now_ms)
for v in $(seq 1 "$VERSIONS"); do fd alice gate check art-1 "v$v" --results "$DIR/gates.json" >/dev/null; done
t1=$(now_ms)
echo "gate check: $VERSIONS commands in $((t1 - t0)) ms"

# Promote (alice) → approve (bob, applies) → rollback (carol), CYCLES times over art-1.
t0=$(now_ms)
for i in $(seq 1 "$CYCLES"); do
  v=$(( (i % VERSIONS) + 1 ))
  req=$(fd alice promote art-1 "v$v" --reason "cycle $i" --json | jq -r '.request.id // empty')
  [ -n "$req" ] && fd bob approve "$req" >/dev/null
  [ $((i % 4)) -eq 0 ] && fd carol rollback art-1 --reason "cycle $i" >/dev/null 2>&1 || true
done
t1=$(now_ms)
echo "promote+approve(+rollback every 4th): $CYCLES cycles in $((t1 - t0)) ms = $(((t1 - t0) / CYCLES)) ms per cycle"

entries=$(fd alice audit export --format jsonl | wc -l)
for cmd in "registry list" "registry show art-1" "requests --all" "history art-1" "audit verify"; do
  t0=$(now_ms)
  for _ in 1 2 3 4 5; do fd alice $cmd >/dev/null; done
  t1=$(now_ms)
  echo "$cmd: $(((t1 - t0) / 5)) ms (mean of 5; $entries audit entries, $n artefacts+versions)"
done
t0=$(now_ms); fd alice audit export --format jsonl --out "$DIR/a.jsonl"; t1=$(now_ms)
echo "audit export jsonl: $((t1 - t0)) ms, $(wc -c <"$DIR/a.jsonl") bytes"
t0=$(now_ms); "$FD" --version >/dev/null; t1=$(now_ms)
echo "process start (flightdeck --version): $((t1 - t0)) ms"
echo "database: $(du -k "$WS/registry.sqlite" | cut -f1) KiB"
