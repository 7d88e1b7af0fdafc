#!/usr/bin/env bash
# Kill -9 torture test for the PostgreSQL store (issue 13, "Concurrency"): the SQLite
# kill loop (Benchmarks/kill-loop.sh) with WORKERS concurrent clients on one database.
#
# Makes a fresh database in the cluster FLIGHTDECK_TEST_POSTGRES_URL names (a role that
# may create databases and roles: `eval "$(Tests/Tools/postgres-cluster.sh start)"`), two
# login roles alice and bob (the store takes the actor from the role that logged in, so
# four-eyes needs two roles; FLIGHTDECK_USER has no effect), and runs WORKERS loops at
# once, each OPS/WORKERS promote/approve/rollback operations as alice or bob, sending
# SIGKILL to the running flightdeck at a random moment in KILL_PERCENT % of them. Then the
# checks of kill-loop.sh: `audit verify` exits 0 (one linear chain); every operation that
# reported success is in the log; per action successes <= log entries <= successes + killed;
# the store's requests, approvals and pointer moves all have their audit entries.
#
# Usage: FLIGHTDECK=/path/to/flightdeck Benchmarks/kill-loop-postgres.sh
# Environment: OPS (default 400), WORKERS (default 8), KILL_PERCENT (default 30),
# MAX_DELAY_MS (default 60), SEED, KEEP=1 keeps the folder and the database.
# Needs bash, jq, psql. Exit status: 0 all checks passed, 1 a check failed, 2 bad setup.
set -u

FD=${FLIGHTDECK:?set FLIGHTDECK to the path of a flightdeck binary}
ADMIN=${FLIGHTDECK_TEST_POSTGRES_URL:?set FLIGHTDECK_TEST_POSTGRES_URL (Tests/Tools/postgres-cluster.sh start)}
OPS=${OPS:-400}
WORKERS=${WORKERS:-8}
KILL_PERCENT=${KILL_PERCENT:-30}
MAX_DELAY_MS=${MAX_DELAY_MS:-60}
RANDOM=${SEED:-$$}
command -v jq >/dev/null || { echo "kill-loop-postgres: needs jq" >&2; exit 2; }
command -v psql >/dev/null || { echo "kill-loop-postgres: needs psql" >&2; exit 2; }

# postgres://USER@HOST:PORT/DB?sslmode=disable&passfile=PATH
HOSTPORT=$(sed -E 's|^postgres(ql)?://[^@]*@([^/]*)/.*|\2|' <<<"$ADMIN")
HOST=${HOSTPORT%:*} PORT=${HOSTPORT##*:}
ADMIN_USER=$(sed -E 's|^postgres(ql)?://([^@]*)@.*|\2|' <<<"$ADMIN")
ADMIN_PASSFILE=$(sed -nE 's|.*[?&]passfile=([^&]*).*|\1|p' <<<"$ADMIN")

DIR=$(mktemp -d "${TMPDIR:-/tmp}/fd-kill-loop-pg.XXXXXX")
DB="fd_kill_$$_$RANDOM"
sql() { PGPASSFILE=$ADMIN_PASSFILE psql -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U "$ADMIN_USER" -d "$1" -c "$2"; }
cleanup() {
  [ "${KEEP:-0}" = 1 ] && return
  sql postgres "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$DIR"
}
trap cleanup EXIT
sql postgres "CREATE DATABASE $DB" || exit 2
cp "$ADMIN_PASSFILE" "$DIR/pgpass"
for u in alice bob; do
  pw=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
  sql "$DB" "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$u') THEN CREATE ROLE $u LOGIN; END IF; END \$\$; ALTER ROLE $u PASSWORD '$pw'" || exit 2
  echo "$HOST:$PORT:*:$u:$pw" >>"$DIR/pgpass"
done
chmod 600 "$DIR/pgpass"
url() { echo "postgres://$1@$HOST:$PORT/$DB?sslmode=disable&passfile=$DIR/pgpass"; }
WS="$DIR/ws"
fd() { FLIGHTDECK_STORE=$(url "$1") "$FD" "${@:2}" --workspace "$WS"; }

fd "$ADMIN_USER" init >/dev/null || { echo "kill-loop-postgres: init failed" >&2; exit 2; }
sql "$DB" "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO alice, bob" || exit 2
ARTEFACTS=(chat-model support-bot rerank-prompt)
printf '{"metrics": {"pass_rate": 0.97, "error_rate": 0.01}, "source": "kill-loop"}\n' >"$DIR/gates.json"
for a in "${ARTEFACTS[@]}"; do
  fd alice registry register "$a" --kind model --tier medium >/dev/null || exit 2
  for v in v1 v2 v3 v4 v5; do
    fd alice registry register "$a" "$v" --source "git:$(printf '%07x' $RANDOM)" >/dev/null || exit 2
    fd alice gate check "$a" "$v" --results "$DIR/gates.json" >/dev/null || exit 2
  done
done

worker() { # $1 worker number; writes $DIR/ops.$1.tsv: i, op, user, subject, rc, output
  local w=$1 log="$DIR/ops.$1.tsv" i me op subject rc out pick id requester approver a v pid
  RANDOM=$((SEED_BASE + w))
  : >"$log"
  for ((i = w; i < OPS; i += WORKERS)); do
    me=$([ $((i % 2)) = 0 ] && echo alice || echo bob)
    case $((i % 5)) in
      0 | 2) a=${ARTEFACTS[$((RANDOM % 3))]} v=v$((RANDOM % 5 + 1)) op=promote subject="$a@$v"
        set -- promote "$a" "$v" --reason "loop $i" ;;
      1 | 3) op=approve
        pick=$(fd alice requests --json 2>/dev/null | jq -r '.requests[] | select(.state=="pending") | "\(.id):\(.requester)"' | shuf -n 1)
        if [ -n "$pick" ]; then id=${pick%%:*} requester=${pick##*:}; else id=1 requester=bob; fi
        me=$([ "$requester" = alice ] && echo bob || echo alice) subject="REQ-$id"
        set -- approve "REQ-$id" --comment "loop $i" ;;
      4) a=${ARTEFACTS[$((RANDOM % 3))]} op=rollback subject="$a"
        set -- rollback "$a" --reason "loop $i" ;;
    esac
    FLIGHTDECK_STORE=$(url "$me") "$FD" "$@" --workspace "$WS" >"$DIR/out.$w" 2>"$DIR/err.$w" &
    pid=$!
    if [ $((RANDOM % 100)) -lt "$KILL_PERCENT" ]; then
      sleep "$(printf '0.%03d' $((RANDOM % (MAX_DELAY_MS + 1))))"
      kill -9 "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    rc=$?
    out=$(cat "$DIR/out.$w" "$DIR/err.$w" | tr '\t\n' '  ')
    if [ "$op" = promote ] && [ "$rc" = 0 ]; then
      subject="REQ-$(sed -n 's/^REQ-\([0-9]*\) .*/\1/p' "$DIR/out.$w" | head -1)"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$op" "$me" "$subject" "$rc" "$out" >>"$log"
  done
}

SEED_BASE=$RANDOM
for ((w = 0; w < WORKERS; w++)); do worker "$w" & done
wait
cat "$DIR"/ops.*.tsv >"$DIR/ops.tsv"
LOG="$DIR/ops.tsv"
count() { awk -F'\t' -v c="$1" '$5==c' "$LOG" | wc -l; }
echo "workers: $WORKERS  ops attempted: $(wc -l <"$LOG")  killed: $(count 137)  committed (exit 0): $(count 0)  refused (exit 1): $(count 1)  other: $(awk -F'\t' '$5!=0 && $5!=1 && $5!=137' "$LOG" | wc -l)"
awk -F'\t' '$5!=0 && $5!=1 && $5!=137 {print "OTHER:", $0}' "$LOG" | head -5
grep -h "busy\|serializ" "$LOG" | head -3

. "$(dirname "$0")/kill-loop-checks.sh"
[ "${KEEP:-0}" = 1 ] && echo "kept: $DIR (database $DB)"
if [ "$fail" = 0 ]; then echo "kill-loop-postgres: PASS"; else echo "kill-loop-postgres: FAIL"; fi
exit "$fail"
