#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for FlightDeck's PostgreSQL tests.
#
#   eval "$(Tests/Tools/postgres-cluster.sh start)"   # prints the exports below
#   swift test --filter FlightDeckStorePostgresTests
#   Tests/Tools/postgres-cluster.sh stop              # uses $FLIGHTDECK_TEST_POSTGRES_DIR (or: stop DIR)
#
# start: initdb in a new temporary folder (as the `postgres` user when run as root: PostgreSQL
# refuses to run as root), a server listening on 127.0.0.1 only, on a free port, with
# scram-sha-256 password authentication for TCP; a role `flightdeck_test` (LOGIN CREATEDB
# CREATEROLE, not a superuser) owning a database `flightdeck_test`; its password in a password
# file (pgpass format, mode 600) in the folder. Prints
#   export FLIGHTDECK_TEST_POSTGRES_URL=postgres://flightdeck_test@127.0.0.1:PORT/flightdeck_test?sslmode=disable&passfile=DIR/pgpass
#   export FLIGHTDECK_TEST_POSTGRES_DIR=DIR
# stop: stops the server (fast shutdown) and removes the folder.
# The binaries come from Debian's postgresql package (/usr/lib/postgresql/*/bin).
set -euo pipefail

bindir() {
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/pg_ctl" ]; then
    pg_config --bindir
    return
  fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$d" ] || [ ! -x "$d/pg_ctl" ]; then
    echo "postgres-cluster.sh: no PostgreSQL server binaries (apt-get install -y postgresql)" >&2
    exit 1
  fi
  echo "$d"
}

# Runs "$@" as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bin dir port password
  bin=$(bindir)
  dir=$(mktemp -d /tmp/flightdeck-pg.XXXXXX)
  chmod 700 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  # The superuser's password is never used over TCP (the socket in DIR is trusted for the owner).
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  # A port may be taken between the probe and the start: try a few.
  local started=0
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" \
      start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if [ "$started" != 1 ]; then
    cat "$dir/server.log" >&2 || true
    echo "postgres-cluster.sh: the server did not start" >&2
    exit 1
  fi
  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres <<SQL >/dev/null
CREATE ROLE flightdeck_test LOGIN CREATEDB CREATEROLE PASSWORD '$password';
CREATE DATABASE flightdeck_test OWNER flightdeck_test;
SQL
  umask 077
  printf '127.0.0.1:%s:*:flightdeck_test:%s\n' "$port" "$password" >"$dir/pgpass"
  chmod 600 "$dir/pgpass"
  echo "export FLIGHTDECK_TEST_POSTGRES_URL='postgres://flightdeck_test@127.0.0.1:$port/flightdeck_test?sslmode=disable&passfile=$dir/pgpass'"
  echo "export FLIGHTDECK_TEST_POSTGRES_DIR='$dir'"
}

stop() {
  local dir=${1:-${FLIGHTDECK_TEST_POSTGRES_DIR:-}}
  if [ -z "$dir" ]; then
    echo "postgres-cluster.sh stop: no folder (give it, or set FLIGHTDECK_TEST_POSTGRES_DIR)" >&2
    exit 1
  fi
  case "$dir" in
  /tmp/flightdeck-pg.*) ;;
  *)
    echo "postgres-cluster.sh stop: $dir is not a folder this script made" >&2
    exit 1
    ;;
  esac
  if [ -d "$dir/data" ]; then
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
*)
  echo "usage: $0 start | stop [DIR]" >&2
  exit 2
  ;;
esac
