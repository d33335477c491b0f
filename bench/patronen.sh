#!/usr/bin/env bash
# The detector of structural errors at national scale (issue 14): 100,000 generated cases fed one
# by one in day order, on SQLite and (with a URL) PostgreSQL. Prints ms per case for the first
# and the last thousand, and how long the proposals list takes. Not a pass/fail test.
#   bash bench/patronen.sh [postgres://…]   (after swift build --build-tests)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${PATROON_BENCH:-100000}
echo "SQLite (in memory):"
PATROON_BENCH=$N swift test --skip-build --filter snelheidTotHonderdduizendZaken 2>&1 | grep PATROON_BENCH
if [ -n "${1:-}" ]; then
  echo "PostgreSQL:"
  PATROON_BENCH=$N MELDPUNT_TEST_DATABASE_URL=$1 swift test --skip-build --filter snelheidTotHonderdduizendZaken 2>&1 | grep PATROON_BENCH
fi
