#!/usr/bin/env bash
# Kill -9 torture test for the registry (issue 3, "Bad input and faults").
#
# Runs OPS promote/approve/rollback operations against a fresh temporary
# workspace, as two alternating operators (FLIGHTDECK_USER=alice / bob, so
# four-eyes approvals work), and sends SIGKILL to the running flightdeck at
# a random moment (0–MAX_DELAY_MS ms after start) in KILL_PERCENT % of the
# operations. Then it checks:
#   1. `flightdeck audit verify` exits 0 (the hash chain is intact), one linear chain;
#   2. every operation that reported success (exit 0) is in the audit log:
#      each request it created (REQ-N, request.create by its requester), each
#      approval (request.approve of REQ-N by the approver), each rollback;
#   3. nothing is in the log that no operation could have done: per action,
#      successes <= entries in the log <= successes + killed attempts;
#   4. the store agrees with the log: every request and decision listed by
#      `requests --all --json` and every pointer move of `history --json` has
#      its audit entry (request.create / request.approve / pointer.move or rollback).
# (The checks live in kill-loop-checks.sh, shared with kill-loop-postgres.sh.)
#
# Usage: FLIGHTDECK=/path/to/flightdeck Benchmarks/kill-loop.sh
# Environment: OPS (default 1000), KILL_PERCENT (default 50), MAX_DELAY_MS
# (default 30), SEED (default: $$), KEEP=1 keeps the workspace. Needs bash, jq.
# Exit status: 0 all checks passed, 1 a check failed, 2 bad setup.
set -u

FD=${FLIGHTDECK:?set FLIGHTDECK to the path of a flightdeck binary}
OPS=${OPS:-1000}
KILL_PERCENT=${KILL_PERCENT:-50}
MAX_DELAY_MS=${MAX_DELAY_MS:-30}
RANDOM=${SEED:-$$}
command -v jq >/dev/null || { echo "kill-loop: needs jq" >&2; exit 2; }
[ -x "$FD" ] || { echo "kill-loop: $FD is not executable" >&2; exit 2; }

DIR=$(mktemp -d "${TMPDIR:-/tmp}/fd-kill-loop.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$DIR"' EXIT
WS="$DIR/ws"
LOG="$DIR/ops.tsv"   # i, op, user, subject, rc, stdout and stderr
: >"$LOG"

fd() { FLIGHTDECK_USER=$1 "$FD" "${@:2}" --workspace "$WS"; }

# Setup (never killed): three medium-tier artefacts (1 approval, four-eyes), five versions each.
fd alice init >/dev/null || { echo "kill-loop: init failed" >&2; exit 2; }
ARTEFACTS=(chat-model support-bot rerank-prompt)
# Every version passes its evaluation gates first (production promotions need them).
printf '{"metrics": {"pass_rate": 0.97, "error_rate": 0.01}, "source": "kill-loop"}\n' >"$DIR/gates.json"
for a in "${ARTEFACTS[@]}"; do
  fd alice registry register "$a" --kind model --tier medium >/dev/null || exit 2
  for v in v1 v2 v3 v4 v5; do
    fd alice registry register "$a" "$v" --source "git:$(printf '%07x' $RANDOM)" >/dev/null || exit 2
    fd alice gate check "$a" "$v" --results "$DIR/gates.json" >/dev/null || exit 2
  done
done

attempted=0 killed=0 committed=0 refused=0 other=0

run_op() { # $1 user, rest: arguments. Sets rc and out.
  local user=$1; shift
  local outfile="$DIR/out"
  FLIGHTDECK_USER=$user "$FD" "$@" --workspace "$WS" >"$outfile" 2>"$DIR/err" &
  local pid=$!
  local k=0
  if [ $((RANDOM % 100)) -lt "$KILL_PERCENT" ]; then
    k=1
    sleep "$(printf '0.%03d' $((RANDOM % (MAX_DELAY_MS + 1))))"
    kill -9 "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  rc=$?
  out=$(cat "$outfile" "$DIR/err" | tr '\t\n' '  ')
  if [ "$rc" = 137 ]; then killed=$((killed + 1)); elif [ "$rc" = 0 ]; then committed=$((committed + 1));
  elif [ "$rc" = 1 ]; then refused=$((refused + 1)); else other=$((other + 1)); fi
  attempted=$((attempted + 1))
  : "$k"
}

users=(alice bob)
for ((i = 0; i < OPS; i++)); do
  me=${users[$((i % 2))]}
  case $((i % 5)) in
    0 | 2)
      a=${ARTEFACTS[$((RANDOM % 3))]}
      v=v$((RANDOM % 5 + 1))
      run_op "$me" promote "$a" "$v" --reason "loop $i"
      op=promote subject="$a@$v"
      if [ "$rc" = 0 ]; then
        id=$(sed -n 's/^REQ-\([0-9]*\) .*/\1/p' "$DIR/out" | head -1)
        subject="REQ-$id"
      fi
      ;;
    1 | 3)
      # Approve an open request (read without killing) as someone other than its requester.
      op=approve
      pick=$(fd alice requests --json | jq -r '.requests[] | select(.state=="pending") | "\(.id):\(.requester)"' | shuf -n 1 --random-source=<(yes "$RANDOM"))
      if [ -n "$pick" ]; then
        id=${pick%%:*} requester=${pick##*:}
        approver=$([ "$requester" = alice ] && echo bob || echo alice)
      else
        id=1 approver=$me
      fi
      run_op "$approver" approve "REQ-$id" --comment "loop $i"
      me=$approver subject="REQ-$id"
      ;;
    4)
      a=${ARTEFACTS[$((RANDOM % 3))]}
      run_op "$me" rollback "$a" --reason "loop $i"
      op=rollback subject="$a"
      ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$op" "$me" "$subject" "$rc" "$out" >>"$LOG"
done

echo "ops attempted: $attempted  killed: $killed  committed (exit 0): $committed  refused (exit 1): $refused  other: $other"

. "$(dirname "$0")/kill-loop-checks.sh"
[ "${KEEP:-0}" = 1 ] && echo "kept: $DIR"
if [ "$fail" = 0 ]; then echo "kill-loop: PASS"; else echo "kill-loop: FAIL"; fi
exit "$fail"
