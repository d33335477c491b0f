#!/usr/bin/env bash
# Starts a throw-away PostgreSQL on 127.0.0.1:$PGPORT (default 54329) and prints its URL.
# Installs Debian's postgresql when it is missing. Used by .ci/run and by developers.
set -euo pipefail
PGPORT="${PGPORT:-54329}"
PGDATA="${PGDATA:-/tmp/meldpunt-pg-$PGPORT}"
# CI runs without fsync (speed); the benchmark passes its own settings, with fsync on.
PGSETTINGS="${PGSETTINGS:--c fsync=off}"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing PostgreSQL from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")

# PostgreSQL refuses to run as root: run it as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if ! as_pg "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  rm -rf "$PGDATA"
  mkdir -p "$PGDATA"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
  as_pg "$BIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
  as_pg "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
    -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 $PGSETTINGS -c max_connections=500" start >&2
  as_pg "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE ROLE meldpunt LOGIN PASSWORD 'meldpunt'" >&2
  as_pg "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE meldpunt OWNER meldpunt" >&2
fi
echo "postgres://meldpunt:meldpunt@127.0.0.1:$PGPORT/meldpunt"
