#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the unit and integration suites on
# SQLite, the store-backed suites again on a throwaway PostgreSQL 15 server, and the end-to-end
# suites. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test

jobs=$(nproc)
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"

echo "== unit and integration tests on SQLite"
ctest --preset release -j "$jobs" --timeout 300

echo "== store-backed tests on PostgreSQL 15"
read -r pg_dir pg_url < <(scripts/pg-sandbox.sh)
trap 'scripts/pg-sandbox.sh stop "$pg_dir"' EXIT
MINGJING_TEST_POSTGRES_URL="$pg_url" ctest --preset release -L store -j "$jobs" --timeout 300

for suite in tests/system/*.sh; do
  [[ -e "$suite" ]] || continue
  echo "== $suite"
  MINGJING_TEST_POSTGRES_URL="$pg_url" bash "$suite"
done
