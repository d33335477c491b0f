#!/usr/bin/env bash
# A PostgreSQL for the benchmark (port 54330), durable as in production: fsync and
# synchronous_commit on. Prints a superuser URL; bench.py makes its databases there.
set -euo pipefail
export PGPORT=54330 PGDATA=/tmp/meldpunt-bench-pg
export PGSETTINGS="-c shared_buffers=2GB -c max_wal_size=8GB -c checkpoint_timeout=15min -c work_mem=16MB"
bash "$(dirname "$0")/../.ci/postgres.sh" >/dev/null
echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
