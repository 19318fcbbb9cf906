#!/usr/bin/env bash
# End-to-end checks of the command-line contract on real stores: seed the demo city, take a
# backup while the server handles requests, restore it elsewhere and verify the ledger, then edit
# a ledger row behind the platform's back (sqlite3 shell, psql) and check that `ledger verify`
# fails naming that entry. Runs on SQLite, and on PostgreSQL when MINGJING_TEST_POSTGRES_URL is
# set.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=build/release/src/app/mingjing
work=$(mktemp -d /tmp/mingjing-system.XXXXXX)
server_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0

check() {  # check NAME COMMAND...: runs COMMAND, counts and reports the outcome
  local name=$1
  shift
  if "$@" >"$work/last.log" 2>&1; then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    sed 's/^/     /' "$work/last.log" | tail -20
    failed=$((failed + 1))
  fi
}

verify_fails_naming() {  # verify_fails_naming DATABASE SEQ
  if "$bin" ledger verify --database "$1" --data-dir "$work/var" 2>"$work/verify.err"; then
    echo "verify passed on a tampered ledger"
    return 1
  fi
  grep -q "(entry $2)" "$work/verify.err" || { cat "$work/verify.err"; return 1; }
}

# Serves `database` on a free port, runs a backup while logins hit it, stops the server.
backup_while_serving() {  # backup_while_serving DATABASE OUTPUT
  local port=$((20000 + RANDOM % 20000))
  "$bin" serve --database "$1" --data-dir "$work/var" --listen "127.0.0.1:$port" \
    --web-root "$work/none" >"$work/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 50); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  for i in $(seq 20); do
    curl -s -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"username\":\"nobody$i\",\"password\":\"wrong-password-123\"}" \
      "http://127.0.0.1:$port/api/v1/auth/login" &
  done
  "$bin" backup --database "$1" --output "$2"
  wait_status=0
  wait $(jobs -p | grep -v "^$server_pid$") || wait_status=$?
  kill -TERM "$server_pid"
  wait "$server_pid"
  server_pid=
  return $wait_status
}

run_suite() {  # run_suite LABEL DATABASE RESTORE_DATABASE TAMPER_COMMAND...
  local label=$1 database=$2 restored=$3
  shift 3
  rm -rf "$work/var"
  check "$label: migrate" "$bin" migrate --database "$database" --data-dir "$work/var"
  check "$label: seed demo" env MINGJING_DEMO_PASSWORD=System-Test-Password-1 \
    "$bin" seed demo --database "$database" --data-dir "$work/var"
  check "$label: ledger verifies after seeding" \
    "$bin" ledger verify --database "$database" --data-dir "$work/var"
  check "$label: backup while serving" backup_while_serving "$database" "$work/$label.backup"
  check "$label: ledger verifies after serving" \
    "$bin" ledger verify --database "$database" --data-dir "$work/var"
  check "$label: restore" "$bin" restore --database "$restored" --input "$work/$label.backup"
  check "$label: restored ledger verifies" \
    "$bin" ledger verify --database "$restored" --data-dir "$work/var" --restored
  check "$label: tamper with entry 5" "$@"
  check "$label: verify names entry 5" verify_fails_naming "$database" 5
}

run_suite sqlite "sqlite:$work/mingjing.db" "sqlite:$work/restored.db" \
  sqlite3 "$work/mingjing.db" "UPDATE ledger_entries SET detail = '{\"edited\":true}' WHERE seq = 5"

if [[ -n "${MINGJING_TEST_POSTGRES_URL:-}" ]]; then
  base=${MINGJING_TEST_POSTGRES_URL%/*}
  for name in mj_system mj_restored; do
    psql -q "$MINGJING_TEST_POSTGRES_URL" -c "SET client_min_messages = warning" \
      -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
  done
  run_suite postgresql "$base/mj_system" "$base/mj_restored" \
    psql -q "$base/mj_system" -c "UPDATE ledger_entries SET detail = '{}' WHERE seq = 5"
fi

echo "system: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
