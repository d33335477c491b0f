#!/usr/bin/env bash
# Builds a release binary, starts it on a fresh database and runs bench/inbox.py.
#   bash bench/run.sh [aantal]            SQLite
#   MELDPUNT_DATABASE_URL=postgres://… bash bench/run.sh [aantal]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product meldpunt
tmp=$(mktemp -d)
export MELDPUNT_DATABASE_URL="${MELDPUNT_DATABASE_URL:-sqlite://$tmp/bench.sqlite}"
MELDPUNT_MAIL_DIR="$tmp/mail" MELDPUNT_PORT=18090 LOG_LEVEL=warning .build/release/meldpunt serve >"$tmp/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs http://127.0.0.1:18090/health >/dev/null 2>&1 && break; sleep 1; done
python3 bench/inbox.py --url http://127.0.0.1:18090 --aantal "${1:-20000}"
