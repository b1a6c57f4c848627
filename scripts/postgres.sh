#!/usr/bin/env bash
# Start or stop a throw-away PostgreSQL server for the tests, on a spare port, as the postgres user.
# No systemd: the server is started with pg_ctl and lives in /tmp.
set -euo pipefail
action=${1:?start or stop}
port=${2:-54329}
datadir=/tmp/digibank-pg-$port
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
# Django 5.2 supports PostgreSQL 14 and later; Debian 12 ships 15.
major=$(basename "$(dirname "$bindir")")
if [ -z "$bindir" ] || [ "$major" -lt 14 ]; then
  echo "PostgreSQL 14 or later is needed under /usr/lib/postgresql (found: ${major:-none})." >&2
  exit 1
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  elif [ "$(id -un)" = postgres ]; then
    "$@"
  else
    # A normal user can own its own throw-away cluster.
    "$@"
  fi
}

case "$action" in
  start)
    if as_postgres "$bindir/pg_ctl" -D "$datadir" status >/dev/null 2>&1; then
      echo "PostgreSQL already runs on port $port"
      exit 0
    fi
    if [ ! -s "$datadir/PG_VERSION" ]; then
      rm -rf "$datadir"
      mkdir -p "$datadir"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$datadir"
      as_postgres "$bindir/initdb" -D "$datadir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_postgres "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 \
      -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    if ! "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='digibank'" | grep -q 1; then
      "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create database digibank"
    fi
    echo "PostgreSQL runs on port $port"
    ;;
  stop)
    as_postgres "$bindir/pg_ctl" -D "$datadir" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop [port]" >&2
    exit 2
    ;;
esac
