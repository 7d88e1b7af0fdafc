#!/usr/bin/env bash
# Runs `swift test` (with any extra arguments) under a deadline, for CI.
#
#   Tests/Tools/swift-test-deadline.sh SECONDS LOG [swift test arguments...]
#
# The output goes to the terminal and to LOG. When the run is still going
# after SECONDS, the script prints which tests started and never finished
# (from Swift Testing's "started" and "passed/failed" lines), the stacks of
# the test process's threads that are in FlightDeck's code (lldb), kills the
# run and exits 124: a hung test fails CI in minutes, saying where it hung,
# instead of running into the CI's own time limit with nothing to show.
set -uo pipefail
deadline=$1
log=$2
shift 2

swift test "$@" > >(tee "$log") 2>&1 &
runner=$!
start=$(date +%s)
while kill -0 "$runner" 2>/dev/null; do
  if (($(date +%s) - start >= deadline)); then
    echo
    echo "== swift test still running after ${deadline} s: tests that started and never finished"
    # Swift Testing: "◇ Test NAME started." then "✔ Test NAME passed after …", "✘ Test NAME failed after …"
    # or "➜ Test NAME skipped"; parameterised cases print "Test case passing … started." (ignored).
    grep -a -E '^.{1,4}Test .* started\.$' "$log" | grep -a -v 'Test case passing' |
      sed -E 's/^.{1,4}Test (.*) started\.$/\1/' | sort -u > "$log.started"
    grep -a -E '^.{1,4}Test .* (passed|failed) after |^.{1,4}Test .* skipped' "$log" |
      sed -E 's/^.{1,4}Test (.*) (passed|failed) after .*$/\1/; s/^.{1,4}Test (.*) skipped.*$/\1/' |
      sed -E 's/ with [0-9]+ test cases?$//' | sort -u > "$log.finished"
    comm -23 "$log.started" "$log.finished" | sed 's/^/  /'
    for pid in $(pgrep -f 'PackageTests.xctest|swiftpm-testing-helper'); do
      echo "== threads of $pid in FlightDeck's code (lldb)"
      timeout 120 lldb --batch -p "$pid" -o 'thread backtrace all' 2>/dev/null |
        grep -a -E '^\* thread|^  thread|FlightDeck|Tests|wait|Process' | grep -a -v '^$' | head -300
    done
    pkill -KILL -f 'PackageTests.xctest|swiftpm-testing-helper' 2>/dev/null
    kill -KILL "$runner" 2>/dev/null
    wait "$runner" 2>/dev/null
    exit 124
  fi
  sleep 5
done
wait "$runner"
