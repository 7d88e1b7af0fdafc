#!/usr/bin/env bash
# Runs one libFuzzer target of the Fuzz package (Benchmarks/Fuzz/Package.swift) for a
# number of seconds, on its corpus in Tests/Fixtures/fuzz/TARGET/, then merges
# what the run found back into that corpus (small files only) and prints the
# executions and findings. Linux only (libFuzzer ships with the Swift toolchain
# there). See the Benchmarks article, "Fuzzing".
#
#   Benchmarks/fuzz.sh --list             the targets
#   Benchmarks/fuzz.sh TARGET SECONDS     build if needed, run, merge, report
#
# Environment:
#   FUZZ_MAX_LEN      longest input tried, bytes (default 8192)
#   FUZZ_KEEP_BYTES   largest file kept in the corpus, bytes (default 4096)
#   FUZZ_TIMEOUT      seconds one input may take before it is a finding (default 10)
#   FUZZ_RSS_MB       memory limit, MB, beyond which an input is a finding (default 2048)
#   FUZZ_ARGS         extra libFuzzer options, e.g. "-len_control=0" (full length at once)
#   FUZZ_NO_BUILD=1   run the binary already built (e.g. while sources are being edited)
#   FUZZ_SEEDS        extra folder(s) of seed files, colon-separated, read when the
#                     corpus is empty (e.g. ../shared/corpus/promptfoo)
#
# Exit status: 0 when the run ended with no finding, 1 with a finding (its
# input is kept in .build-fuzz/runs/TARGET/findings/), 2 on a usage or build
# error.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$root/.build-fuzz"
package="$root/Benchmarks/Fuzz"

targets() {
  (cd "$package/Sources" && ls -d Fuzz*/ | tr -d / | grep -v '^FuzzSupport$')
}

if [[ "${1:-}" == "--list" ]]; then
  targets
  exit 0
fi
if [[ $# -ne 2 ]] || ! [[ "$2" =~ ^[0-9]+$ ]] || [[ "$2" -lt 1 ]]; then
  echo "usage: $0 TARGET SECONDS   (or --list)" >&2
  exit 2
fi
target="$1"
seconds="$2"
if ! targets | grep -qx "$target"; then
  echo "fuzz.sh: unknown target '$target'; targets: $(targets | tr '\n' ' ')" >&2
  exit 2
fi
if [[ "$(uname -s)" != "Linux" ]]; then
  echo "fuzz.sh: libFuzzer builds need Linux (swift build -sanitize=fuzzer)" >&2
  exit 2
fi

max_len="${FUZZ_MAX_LEN:-8192}"
keep_bytes="${FUZZ_KEEP_BYTES:-4096}"
timeout="${FUZZ_TIMEOUT:-10}"
rss_mb="${FUZZ_RSS_MB:-2048}"

# Swift code gets libFuzzer's coverage and entry point; the C and C++ code
# underneath (Yams' libyaml, TOMLKit's toml++) gets coverage only.
if [[ "${FUZZ_NO_BUILD:-}" != 1 ]]; then
  echo "== building $target (release, -sanitize=fuzzer, scratch $scratch)"
  (cd "$package" && swift build -c release --product "$target" --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library \
    -Xcc -fsanitize=fuzzer-no-link -Xcxx -fsanitize=fuzzer-no-link) || exit 2
fi
[[ -x "$scratch/release/$target" ]] || { echo "fuzz.sh: $scratch/release/$target is not built" >&2; exit 2; }

corpus="$root/Tests/Fixtures/fuzz/$target"
run="$scratch/runs/$target"
mkdir -p "$corpus" "$run/findings"
# Run a copy, so that a rebuild during the run does not change the binary under it.
binary="$run/$target"
cp "$scratch/release/$target" "$binary"
# libFuzzer's own signal handlers write the crashing input; the Swift runtime's
# backtracer would take the signal first (and spend seconds per crash).
export SWIFT_BACKTRACE=enable=no
rm -rf "$run/grown" "$run/merged"
mkdir -p "$run/grown" "$run/merged"

if [[ -z "$(ls -A "$corpus")" && -n "${FUZZ_SEEDS:-}" ]]; then
  IFS=: read -ra seed_dirs <<<"$FUZZ_SEEDS"
  for d in "${seed_dirs[@]}"; do
    find "$d" -type f -size -"$((keep_bytes + 1))"c -exec cp {} "$corpus/" \;
  done
fi

before=$(find "$run/findings" -type f | wc -l)
touch "$run/started"
echo "== fuzzing $target for ${seconds}s (corpus $(ls "$corpus" | wc -l) files, max_len $max_len, timeout ${timeout}s, rss ${rss_mb} MB)"
set +e
nice -n 19 "$binary" "$run/grown" "$corpus" \
  -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" -rss_limit_mb="$rss_mb" \
  -artifact_prefix="$run/findings/" -print_final_stats=1 -reload=0 ${FUZZ_ARGS:-} >"$run/log" 2>&1
status=$?
set -e

# Merge: keep the inputs that add edge coverage (-use_counters=0: a new hit
# count on a known edge does not earn a file; this keeps a corpus at a few
# hundred files), small files only.
find "$run/grown" -type f -size +"$keep_bytes"c -delete
nice -n 19 "$binary" -merge=1 -use_counters=0 -max_len="$max_len" -timeout="$timeout" -rss_limit_mb="$rss_mb" \
  "$run/merged" "$corpus" "$run/grown" >"$run/merge.log" 2>&1 || {
  echo "fuzz.sh: merge failed (see $run/merge.log); corpus left as it was" >&2
}
if [[ -n "$(ls -A "$run/merged")" ]]; then
  find "$run/merged" -type f -size +"$keep_bytes"c -delete
  rm -f "$corpus"/*
  cp "$run/merged"/* "$corpus/"
fi

executions=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$run/log" | tail -1 | grep -o '[0-9]*$' || true)
per_second=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$run/log" | tail -1 | grep -o '[0-9]*$' || true)
peak_rss=$(grep -oE 'stat::peak_rss_mb: *[0-9]+' "$run/log" | tail -1 | grep -o '[0-9]*$' || true)
after=$(find "$run/findings" -type f | wc -l)
echo "== $target: ${seconds}s, executions ${executions:-?}, ${per_second:-?} exec/s, peak RSS ${peak_rss:-?} MB"
echo "== corpus: $(ls "$corpus" | wc -l) files, $(cat "$corpus"/* 2>/dev/null | wc -c) bytes in Tests/Fixtures/fuzz/$target"
if [[ $status -ne 0 || $after -gt $before ]]; then
  echo "== FINDING (libFuzzer exit $status); inputs in $run/findings/:"
  find "$run/findings" -type f -newer "$run/started" -printf '   %f (%s bytes)\n' 2>/dev/null || true
  grep -E '^(==[0-9]+==|Fatal error|.*fuzz finding|SUMMARY|ERROR: libFuzzer)' "$run/log" | head -20 || true
  echo "   full log: $run/log"
  exit 1
fi
echo "== no finding"
