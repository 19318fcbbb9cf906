#!/usr/bin/env bash
# Crash safety of event ingest: three `mingjing simulate` senders push batches to `mingjing serve`
# while the server is killed with SIGKILL and restarted. Each sender appends to its own log the
# event id of every event that a 2xx response reported as stored. Afterwards every logged event
# must be in the store exactly once. Runs on SQLite, and on PostgreSQL when
# MINGJING_TEST_POSTGRES_URL is set. MINGJING_BIN picks the binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=${MINGJING_BIN:-build/release/src/app/mingjing}
senders=${CRASH_SENDERS:-3}
work=$(mktemp -d /tmp/mingjing-crash.XXXXXX)
server_pid=
sender_pids=()
cleanup() {
  [[ -n "$server_pid" ]] && kill -9 "$server_pid" 2>/dev/null || true
  for pid in "${sender_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0

report() {  # report NAME STATUS [DETAIL_FILE]
  if [[ $2 -eq 0 ]]; then
    echo "ok   $1"
    passed=$((passed + 1))
  else
    echo "FAIL $1"
    [[ -n "${3:-}" && -s "$3" ]] && sed 's/^/     /' "$3" | head -20
    failed=$((failed + 1))
  fi
}

start_server() {  # start_server DATABASE PORT
  MINGJING_RATE_LIMIT_PER_SECOND=0 MINGJING_ACCESS_LOG=false \
    "$bin" serve --database "$1" --data-dir "$work/var" --listen "127.0.0.1:$2" \
    --web-root "$work/none" >>"$work/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not start; see $work/serve.log" >&2
  return 1
}

# The event ids of simulated events stored in DATABASE, one a line, with repeats kept.
stored_event_ids() {  # stored_event_ids LABEL DATABASE
  local query="SELECT event_id FROM case_events WHERE event_id LIKE 'SIM-crash%'"
  if [[ $1 == sqlite ]]; then
    sqlite3 "${2#sqlite:}" "$query"
  else
    psql -qAt "$2" -c "$query"
  fi
}

run_suite() {  # run_suite LABEL DATABASE
  local label=$1 database=$2
  local port=$((20000 + RANDOM % 20000))
  rm -rf "$work/var" "$work"/acks-*.log
  # migrate may append ledger entries and sign a head, so it must use the suite's key too.
  MINGJING_DATA_DIR="$work/var" "$bin" migrate --database "$database" >"$work/setup.log" 2>&1
  MINGJING_DEMO_PASSWORD=Crash-Test-Password-1 \
    "$bin" seed demo --database "$database" --data-dir "$work/var" >>"$work/setup.log" 2>&1
  start_server "$database" "$port"

  sender_pids=()
  for i in $(seq "$senders"); do
    "$bin" simulate --url "http://127.0.0.1:$port" --key-file "$work/var/demo-credentials.txt" \
      --rate 25 --duration 10 --seed "$i" --run-id "crash$label$i" \
      --ack-log "$work/acks-$i.log" >"$work/sender-$i.log" 2>&1 &
    sender_pids+=($!)
  done

  # Kill the server twice while batches are in flight, restarting it each time.
  for round in 1 2; do
    sleep 3
    kill -9 "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    sleep 0.5
    start_server "$database" "$port"
  done
  local sender_status=0
  for pid in "${sender_pids[@]}"; do wait "$pid" || sender_status=1; done
  sender_pids=()
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=

  report "$label: senders ran to the end" "$sender_status" "$work/sender-1.log"
  cat "$work"/acks-*.log 2>/dev/null | sort -u >"$work/acked"
  local status=0
  [[ -s "$work/acked" ]] || status=1
  report "$label: senders recorded acknowledged events ($(wc -l <"$work/acked"))" $status \
    "$work/sender-1.log"

  stored_event_ids "$label" "$database" | sort >"$work/stored"
  comm -23 "$work/acked" "$work/stored" >"$work/missing"
  status=0
  [[ ! -s "$work/missing" ]] || status=1
  report "$label: every acknowledged event is stored" $status "$work/missing"
  uniq -d "$work/stored" >"$work/repeated"
  status=0
  [[ ! -s "$work/repeated" ]] || status=1
  report "$label: no event is stored twice" $status "$work/repeated"
  status=0
  "$bin" ledger verify --database "$database" --data-dir "$work/var" >"$work/verify.log" 2>&1 ||
    status=1
  report "$label: ledger verifies after the crashes" $status "$work/verify.log"
}

run_suite sqlite "sqlite:$work/mingjing.db"

if [[ -n "${MINGJING_TEST_POSTGRES_URL:-}" ]]; then
  base=${MINGJING_TEST_POSTGRES_URL%/*}
  psql -q "$MINGJING_TEST_POSTGRES_URL" -c "SET client_min_messages = warning" \
    -c "DROP DATABASE IF EXISTS mj_crash" -c "CREATE DATABASE mj_crash"
  run_suite postgresql "$base/mj_crash"
fi

echo "crash safety: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
