#!/usr/bin/env bash
# Cardinality benchmark (not a test): memory per series.
#
# 1. `flightdeck replay` against DuckDB (and optionally an earlier build) on LINES lines
#    spread over 1 k, 10 k and 100 k (artefact, version, route) groups, in the same
#    ../shared/bench/peers.sh run, which also checks that the tables agree.
# 2. `analysis show` and `alerts eval` peak RSS on 1 h, 4 h and 16 h of the support-bot
#    incident scenario (the canary judge benchmark's telemetry).
#
# Environment: FLIGHTDECK (default .build/release/flightdeck), BEFORE (a second binary to
# compare, optional), LINES (default 5000000), GROUP_COUNTS (default "1000 10000 100000"),
# RUNS (default 3), DURATIONS (default "1h 4h 16h"), PARTS (default "replay files"),
# DIR (scratch folder, default /tmp/fd-cardinality; each data file is deleted after use).
# Needs cc, python3 with duckdb (pip install duckdb), /usr/bin/time.
# Run niced from the repository's root: nice -n 19 bash Benchmarks/bench-cardinality.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FD=$(realpath "${FLIGHTDECK:-$ROOT/.build/release/flightdeck}")
BEFORE=${BEFORE:+$(realpath "$BEFORE")}
LINES=${LINES:-5000000}
GROUP_COUNTS=${GROUP_COUNTS:-"1000 10000 100000"}
RUNS=${RUNS:-3}
DURATIONS=${DURATIONS:-"1h 4h 16h"}
PARTS=${PARTS:-"replay files"}
DIR=${DIR:-/tmp/fd-cardinality}
PEERS=$ROOT/../shared/bench/peers.sh
mkdir -p "$DIR"
cc -O2 -o "$DIR/gen_cardinality" "$ROOT/Benchmarks/gen_cardinality.c" -lm
echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) nproc $(nproc)"

if [[ " $PARTS " == *" replay "* ]]; then
  for groups in $GROUP_COUNTS; do
    file="$DIR/g$groups.jsonl"
    # A file left by an interrupted run (or generated ahead) is reused.
    [ -s "$file" ] || "$DIR/gen_cardinality" "$LINES" "$groups" 42 >"$file"
    echo "# $groups groups: $(wc -l <"$file") lines, $(stat -c %s "$file") bytes; load $(cut -d' ' -f1 /proc/loadavg)"
    tools=duckdb,flightdeck
    add=(--add "flightdeck=$FD replay --format tsv --from \"\$2\" --to \"\$3\" \"\$1\"")
    if [ -n "$BEFORE" ]; then
      tools=$tools,flightdeck_before
      add+=(--add "flightdeck_before=$BEFORE replay --format tsv --from \"\$2\" --to \"\$3\" \"\$1\"")
    fi
    "$PEERS" --runs "$RUNS" --pct-tol 0.001 --tools "$tools" "${add[@]}" "$file" 2>/dev/null |
      awk -F'\t' -v g="$groups" '$1 == "summary" || $1 == "check" { print g "\t" $0 }' || true
    rm -f "$file"
  done
fi

if [[ " $PARTS " == *" files "* ]]; then
  for duration in $DURATIONS; do
    out="$DIR/sim-$duration"
    rm -rf "$out"
    "$FD" simulate --scenario "$ROOT/Tests/FlightDeckCoreTests/Fixtures/scenarios/support-bot-incident.toml" \
      --out "$out" --duration "$duration" --speed 100000 --seed 1 --start 2025-06-01T00:00:00Z \
      --rotate-bytes 40000000000 >/dev/null 2>&1
    file=$(ls "$out"/*.jsonl | head -1)
    echo "# $duration: $(wc -l <"$file") lines, $(stat -c %s "$file") bytes; load $(cut -d' ' -f1 /proc/loadavg)"
    for name in after before; do
      bin=$FD
      if [ "$name" = before ]; then [ -n "$BEFORE" ] || continue; bin=$BEFORE; fi
      for command in analysis alerts; do
        if [ "$command" = analysis ]; then
          args=(analysis show support-bot "$file" --window 15m)
        else
          args=(alerts eval --rules "$ROOT/Sources/FlightDeckCore/Resources/default-alerts.yml"
            --config "$ROOT/Benchmarks/demo-alerts.toml" "$file")
        fi
        /usr/bin/time -f '%e %M' -o "$DIR/time" "$bin" "${args[@]}" >"$DIR/$name.$command.$duration.out" 2>&1 || true
        read -r wall rss <"$DIR/time"
        printf '%s\t%s\t%s\twall_s %s\tmaxrss_mib %.1f\t%s\n' "$duration" "$command" "$name" "$wall" \
          "$(echo "$rss / 1024" | bc -l)" "$(tail -1 "$DIR/$name.$command.$duration.out" | cut -c1-100)"
      done
    done
    if [ -n "$BEFORE" ]; then
      for command in analysis alerts; do
        if cmp -s "$DIR/after.$command.$duration.out" "$DIR/before.$command.$duration.out"; then
          echo "$duration	$command	output identical before and after"
        else
          echo "$duration	$command	output DIFFERS (see $DIR/*.$command.$duration.out)"
        fi
      done
    fi
    rm -rf "$out"
  done
fi
