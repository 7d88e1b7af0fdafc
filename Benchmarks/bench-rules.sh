#!/bin/sh
# Alert rules at scale (Benchmarks article, "Alert rules at scale"): 1,000 rules over 10,000
# series, evaluated every 15 s (the default evaluation_interval) over 10 minutes of telemetry
# (600,000 requests from gen_cardinality.c: 40 rounds). Each shape is replayed through
# `flightdeck alerts eval` and the same replay with no rules is subtracted, so what remains is
# the rules' own cost; ÷ 40 is the time of one evaluation round, ÷ 15 s its CPU share of one
# core. Usage: Benchmarks/bench-rules.sh [RUNS]   (release build: swift build -c release)
set -eu
cd "$(dirname "$0")/.."
B=${B:-.build/release/flightdeck}
runs=${1:-3}
dir=${TMPDIR:-/tmp}/fd-bench-rules
mkdir -p "$dir"
cc -O2 -o "$dir/gen_cardinality" Benchmarks/gen_cardinality.c -lm
[ -s "$dir/t.jsonl" ] || "$dir/gen_cardinality" 600000 10000 1 > "$dir/t.jsonl"
python3 Benchmarks/gen_rules.py mix > "$dir/mix.yml"
python3 Benchmarks/gen_rules.py wide > "$dir/wide.yml"
printf 'groups:\n  - name: none\n    rules: []\n' > "$dir/none.yml"
for shape in none mix wide; do
  "$B" rules check "$dir/$shape.yml" > /dev/null
  for r in $(seq 1 "$runs"); do
    /usr/bin/time -f "$shape run $r: %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
      "$B" alerts eval --rules "$dir/$shape.yml" --interval 15s "$dir/t.jsonl" > "$dir/$shape.out"
  done
  echo "$shape: $(wc -l < "$dir/$shape.out") transitions"
done
