#!/usr/bin/env bash
# SMS through a real Kannel. Starts bearerbox, smsbox and Kannel's fake SMS centre (fakesmsc, from
# the Debian package kannel-extras) on loopback ports and serves Mingjing with [sms] pointing at
# smsbox. Then queues a test SMS with `mingjing notify test-sms` and checks that the fake SMS
# centre receives the right number and text, that the outbox row is marked sent, and that the
# delivery report Kannel sends back to Mingjing's report route marks the row delivered. Runs on
# SQLite only, because the SMS path does not depend on the store's backend.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=${MINGJING_BIN:-build/release/src/app/mingjing}
fakesmsc=/usr/lib/kannel/test/fakesmsc
work=$(mktemp -d /tmp/mingjing-sms.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for tool in /usr/sbin/bearerbox /usr/sbin/smsbox "$fakesmsc" sqlite3 python3 curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "FAIL missing $tool: run scripts/install-deps.sh --test (packages kannel, kannel-extras)"
    exit 1
  fi
done

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

wait_for_port() {  # wait_for_port PORT: waits up to 10 s for a listener on 127.0.0.1:PORT
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "nothing listens on 127.0.0.1:$1"
  return 1
}

# Five consecutive loopback ports: Kannel's admin, smsbox link, fake SMSC and sendsms, then
# Mingjing's HTTP port.
base=$((21000 + RANDOM % 20000))
admin_port=$base smsbox_port=$((base + 1)) smsc_port=$((base + 2)) sendsms_port=$((base + 3))
http_port=$((base + 4))
sms_password="kannel-$RANDOM-$RANDOM"
phone=13800138000
text="【明镜监察】测试短信：系统测试 $RANDOM。"

cat >"$work/kannel.conf" <<CONF
group = core
admin-port = $admin_port
admin-interface = 127.0.0.1
admin-password = admin-$RANDOM
admin-allow-ip = 127.0.0.1
smsbox-port = $smsbox_port
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-file = $work/bearerbox.log
log-level = 0
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = fake
port = $smsc_port
our-host = 127.0.0.1
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $smsbox_port
sendsms-port = $sendsms_port
sendsms-interface = 127.0.0.1
global-sender = 10690000
log-file = $work/smsbox.log
log-level = 0

group = sendsms-user
username = mingjing
password = $sms_password

group = sms-service
keyword = default
text = "ok"
CONF

start_kannel() {
  /usr/sbin/bearerbox "$work/kannel.conf" >"$work/bearerbox.out" 2>&1 &
  pids+=($!)
  wait_for_port "$smsc_port"
  # -m 0: the fake SMS centre sends no messages of its own and prints each one it receives.
  "$fakesmsc" -H 127.0.0.1 -r "$smsc_port" -i 1 -m 0 "0 0 text nop" >"$work/fakesmsc.out" 2>&1 &
  pids+=($!)
  /usr/sbin/smsbox "$work/kannel.conf" >"$work/smsbox.out" 2>&1 &
  pids+=($!)
  wait_for_port "$sendsms_port"
}

prepare_database() {
  "$bin" migrate --database "sqlite:$work/mingjing.db" --data-dir "$work/var"
  MINGJING_DEMO_PASSWORD=System-Test-Password-1 \
    "$bin" seed demo --database "sqlite:$work/mingjing.db" --data-dir "$work/var"
  sqlite3 "$work/mingjing.db" "UPDATE users SET phone = '$phone' WHERE username = 'minzheng.head'"
}

start_mingjing() {
  MINGJING_SMS_URL="http://127.0.0.1:$sendsms_port/cgi-bin/sendsms" \
    MINGJING_SMS_USERNAME=mingjing MINGJING_SMS_PASSWORD="$sms_password" \
    MINGJING_SMS_REPORT_URL="http://127.0.0.1:$http_port/api/v1/notify/sms-reports" \
    "$bin" serve --database "sqlite:$work/mingjing.db" --data-dir "$work/var" \
    --listen "127.0.0.1:$http_port" --web-root "$work/none" >"$work/serve.log" 2>&1 &
  pids+=($!)
  wait_for_port "$http_port"
}

# Decodes the UCS-2 text that fakesmsc prints URL-encoded ("%9E%C4rL" for 黄牌).
received_text() {
  python3 - "$work/fakesmsc.out" "$phone" <<'PY'
import re, sys, urllib.parse
for line in open(sys.argv[1], encoding="latin-1"):
    match = re.search(r"Got message \d+: <(\S+) (\S+) ucs-2 (.*)>", line)
    if match and match.group(2) == sys.argv[2]:
        print(urllib.parse.unquote_to_bytes(match.group(3).replace("+", " ")).decode("utf-16-be"))
PY
}

sms_arrives() {
  for _ in $(seq 60); do
    [[ -n "$(received_text)" ]] && break
    sleep 0.5
  done
  local got
  got=$(received_text)
  if [[ "$got" != "$text" ]]; then
    echo "expected: $text"
    echo "received: ${got:-nothing}"
    tail -5 "$work/fakesmsc.out"
    return 1
  fi
}

outbox_row_sent() {
  local state
  state=$(sqlite3 "$work/mingjing.db" \
    "SELECT state || ' ' || attempts FROM notify_outbox WHERE template_code = 'sms.test'")
  [[ "$state" == "sent 1" ]] || { echo "outbox row: ${state:-missing}"; return 1; }
}

# Kannel 1.4.5's fake SMSC driver reports each message it writes to fakesmsc as delivered
# (type 1), and smsbox calls the dlr-url with it.
delivery_reported() {
  local row=""
  for _ in $(seq 60); do
    row=$(sqlite3 "$work/mingjing.db" "SELECT delivery_status || ' ' || delivery_code || ' ' || \
      (provider_id <> '') FROM notify_outbox WHERE template_code = 'sms.test'")
    [[ "$row" == "delivered 1 1" ]] && return 0
    sleep 0.5
  done
  echo "outbox row (status, type, has provider id): ${row:-missing}"
  grep -i "dlr" "$work/smsbox.log" | tail -5
  return 1
}

# The report route is not open to anyone without the message's token.
wrong_token_rejected() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' \
    "http://127.0.0.1:$http_port/api/v1/notify/sms-reports?token=guessed-$RANDOM&type=1")
  [[ "$status" == "404" ]] || { echo "expected 404, got $status"; return 1; }
}

password_not_logged() {
  if grep -q -- "$sms_password" "$work/serve.log"; then
    echo "the SMS password appears in the server log"
    return 1
  fi
}

check "kannel starts on loopback" start_kannel
check "database migrated and seeded" prepare_database
check "server starts with [sms]" start_mingjing
check "test SMS queued" "$bin" notify test-sms --database "sqlite:$work/mingjing.db" \
  --user minzheng.head --text "$text"
check "fake SMS centre receives it" sms_arrives
check "outbox row marked sent" outbox_row_sent
check "delivery report marks it delivered" delivery_reported
check "report with a wrong token rejected" wrong_token_rejected
check "SMS password not logged" password_not_logged

echo "sms: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
