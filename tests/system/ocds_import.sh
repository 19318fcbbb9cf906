#!/usr/bin/env bash
# The command-line contract of `mingjing import ocds` on real stores. A gzip JSON-lines file with
# a broken line and a release without a valid date imports the rest, names both lines and exits
# 1. A second run stores nothing new, and a changed release becomes version 2. A release package
# imports with exit 0, and a run without --division or --system exits 2. Runs on SQLite, and on
# PostgreSQL when MINGJING_TEST_POSTGRES_URL is set. MINGJING_BIN picks the binary (default: the
# release build).
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=${MINGJING_BIN:-build/release/src/app/mingjing}
work=$(mktemp -d /tmp/mingjing-ocds.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() {  # check NAME COMMAND...: passes when COMMAND succeeds
  local name=$1
  shift
  if "$@" >"$work/check.log" 2>&1; then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    sed 's/^/     /' "$work/check.log" | head -20
    failed=$((failed + 1))
  fi
}

release() {  # release OCID ID DATE AMOUNT: one release line
  printf '{"ocid":"%s","id":"%s","date":"%s","buyer":{"id":"11511602MB1234567X"},' "$1" "$2" "$3"
  printf '"tender":{"value":{"amount":1000000}},'
  printf '"awards":[{"id":"a-%s","status":"active","value":{"amount":%s}}]}\n' "$2" "$4"
}

import() {  # import DATABASE FILE [ARGS...]: runs the import, output in $work/out and $work/err
  local database=$1 file=$2
  shift 2
  set +e
  "$bin" import ocds --database "$database" "$@" "$file" >"$work/out" 2>"$work/err"
  status=$?
  set -e
}

run_suite() {  # run_suite NAME DATABASE
  local name=$1 database=$2
  "$bin" migrate --database "$database" --data-dir "$work/var" >/dev/null 2>&1

  {
    release ocds-sys-1 r1 2026-03-01T09:00:00+08:00 900000
    echo '{"ocid": broken'
    release ocds-sys-2 r2 2026-03-01 900000
    release ocds-sys-3 r3 2026-03-02T09:00:00+08:00 600000
  } | gzip >"$work/releases.jsonl.gz"

  import "$database" "$work/releases.jsonl.gz" --division 511602
  check "$name: bad lines exit 1" test "$status" -eq 1
  check "$name: broken line named" grep -q 'releases.jsonl.gz:2: invalid JSON' "$work/err"
  check "$name: bad date named" grep -q 'releases.jsonl.gz:3: date: ' "$work/err"
  check "$name: rest imported" grep -q '^3 releases: 2 accepted, 0 duplicates, 0 new versions, 1 rejected; 1 lines' "$work/out"
  check "$name: buyer risk alert" grep -q '1 alerts issued' "$work/out"

  import "$database" "$work/releases.jsonl.gz" --division 511602
  check "$name: rerun stores nothing" grep -q '^3 releases: 0 accepted, 2 duplicates' "$work/out"

  release ocds-sys-1 r1 2026-03-01T09:00:00+08:00 800000 >"$work/changed.jsonl"
  import "$database" "$work/changed.jsonl" --division 511602
  check "$name: changed release exits 0" test "$status" -eq 0
  check "$name: changed release versioned" grep -q '0 accepted, 0 duplicates, 1 new versions' "$work/out"

  {
    printf '{"uri":"https://example.org/p.json","version":"1.1","releases":[\n'
    release ocds-sys-4 p1 2026-03-03T09:00:00+08:00 900000 | tr -d '\n'
    printf ',\n'
    release ocds-sys-4 p2 2026-03-04T09:00:00+08:00 950000 | tr -d '\n'
    printf '\n]}\n'
  } >"$work/package.json"
  import "$database" "$work/package.json" --division 511602
  check "$name: package exits 0" test "$status" -eq 0
  check "$name: package imported" grep -q '^2 releases: 2 accepted' "$work/out"

  import "$database" "$work/package.json"
  check "$name: no division exits 2" test "$status" -eq 2
  check "$name: no division explained" grep -q 'give --system KEY_ID or --division CODE' "$work/out" "$work/err"
}

run_suite sqlite "sqlite:$work/mingjing.db"

if [[ -n "${MINGJING_TEST_POSTGRES_URL:-}" ]]; then
  base=${MINGJING_TEST_POSTGRES_URL%/*}
  psql -q "$MINGJING_TEST_POSTGRES_URL" -c "SET client_min_messages = warning" \
    -c "DROP DATABASE IF EXISTS mj_ocds" -c "CREATE DATABASE mj_ocds"
  run_suite postgresql "$base/mj_ocds"
fi

echo "system: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
