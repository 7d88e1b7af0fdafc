#!/usr/bin/env bash
# OTLP/JSON replay benchmark (not a test): `flightdeck replay` on SPANS GenAI spans written as
# OTLP/JSON lines (the Collector file exporter's shape), against DuckDB computing the same
# per-series table from the same OTLP file (read_json + unnest, Benchmarks/agg_duckdb_otlp.py),
# and against `replay` and DuckDB on FlightDeck JSON Lines carrying the same requests
# (Benchmarks/gen_otlp_json.py writes both files from one seed). One ../shared/bench/peers.sh
# run times every tool (median of RUNS) and checks that every table equals the python peer's
# on the native file: requests, errors and tokens exactly, cost within a relative 1e-9, and
# p50/p95/p99 within a relative 0.001 (DuckDB and python interpolate the exact sample, R type
# 7; replay reads them from its latency sketch, as in bench-cardinality.sh). Then the two
# replay tables, OTLP and native, are compared with each other with no tolerance beyond
# compare.py's 1e-9: the same sketch fed the same latencies must give the same figures.
#
# Environment: FLIGHTDECK (default .build/release/flightdeck), BEFORE (a second binary to time
# on the OTLP file, e.g. a build before the byte-level OTLP/JSON reader; optional),
# SPANS (default 500000), RUNS (default 3), DIR (scratch folder, default /tmp/fd-otlp-json).
# Needs python3 with duckdb (pip install duckdb), /usr/bin/time.
# Build and run niced from the repository's root:
#   swift build -c release --product flightdeck
#   nice -n 19 bash Benchmarks/bench-otlp-json.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FD=$(realpath "${FLIGHTDECK:-$ROOT/.build/release/flightdeck}")
BEFORE=${BEFORE:+$(realpath "$BEFORE")}
SPANS=${SPANS:-500000}
RUNS=${RUNS:-3}
DIR=${DIR:-/tmp/fd-otlp-json}
PEERS=$ROOT/../shared/bench/peers.sh
mkdir -p "$DIR"
otlp=$DIR/otlp-$SPANS.jsonl
native=$DIR/native-$SPANS.jsonl
prices=$DIR/prices.tsv
if [ ! -s "$otlp" ] || [ ! -s "$native" ]; then
  python3 "$ROOT/Benchmarks/gen_otlp_json.py" --spans "$SPANS" --seed 42 --otlp "$otlp" --native "$native" \
    --prices "$ROOT/Sources/FlightDeckCore/Resources/prices.toml" --prices-tsv "$prices"
fi
echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) nproc $(nproc)"
echo "# otlp: $(wc -l <"$otlp") lines, $(stat -c %s "$otlp") bytes; native: $(wc -l <"$native") lines, $(stat -c %s "$native") bytes"
export OTLP_FILE=$otlp PRICES_TSV=$prices
tools=python,duckdb,duckdb_otlp,flightdeck_native,flightdeck_otlp
add=(
  --add "duckdb_otlp=python3 $ROOT/Benchmarks/agg_duckdb_otlp.py \"\$PRICES_TSV\" \"\$OTLP_FILE\" \"\$2\" \"\$3\""
  --add "flightdeck_native=$FD replay --format tsv --from \"\$2\" --to \"\$3\" \"\$1\""
  --add "flightdeck_otlp=$FD replay --format tsv --from \"\$2\" --to \"\$3\" \"\$OTLP_FILE\""
)
if [ -n "$BEFORE" ]; then
  tools=$tools,flightdeck_otlp_before
  add+=(--add "flightdeck_otlp_before=$BEFORE replay --format tsv --from \"\$2\" --to \"\$3\" \"\$OTLP_FILE\"")
fi
# The OTLP file is warmed too (peers.sh warms only the native one).
cat "$otlp" >/dev/null
out=$DIR/out
rm -rf "$out"
"$PEERS" --runs "$RUNS" --pct-tol 0.001 --out "$out" --tools "$tools" "${add[@]}" "$native" 2>/dev/null |
  awk -F'\t' '$1 == "summary" || $1 == "check" || $1 == "#"' || true
python3 "$ROOT/../shared/bench/peers/compare.py" flightdeck_native "flightdeck_native=$out/flightdeck_native.1.out" \
  "flightdeck_otlp=$out/flightdeck_otlp.1.out" | sed 's/^check/check_replay/' || true
