#!/usr/bin/env bash
# Memory of a server over one million open cases. Unless DIR already contains a database, builds
# one with build/release/bench/million_cases_bench --keep DIR, which also prints the due-card
# figures. Then serves it on loopback and reads the server's resident memory (VmRSS) and its peak
# (VmHWM) at three points: idle, after console reads by a department account, and after a minute
# of simulated business-system traffic. Prints a table for docs/benchmarks.md.
#   bench/million_cases.sh [DIR]     (default /tmp/mingjing-million)
set -euo pipefail
cd "$(dirname "$0")/.."

bin=build/release/src/app/mingjing
dir=${1:-/tmp/mingjing-million}
if [[ ! -f "$dir/mingjing.db" ]]; then
  build/release/bench/million_cases_bench --cases "${CASES:-1000000}" --keep "$dir" \
    | grep -v '^\['
fi
password=$(sed -n 's/^password=//p' "$dir/demo-credentials.txt")
port=$((30000 + RANDOM % 10000))
pid=
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true' EXIT

MINGJING_RATE_LIMIT_PER_SECOND=0 "$bin" serve --database "sqlite:$dir/mingjing.db" \
  --data-dir "$dir/var" --listen "127.0.0.1:$port" --web-root "$dir/no-web" \
  >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
sleep 5  # the timer loop's first round and the dispatcher's first pass

memory() {  # memory LABEL: one table row with the server's VmRSS and VmHWM in MiB
  awk -v label="$1" '/VmRSS/ {rss = $2} /VmHWM/ {hwm = $2}
    END {printf "| %s | %d | %d |\n", label, rss / 1024, hwm / 1024}' "/proc/$pid/status"
}

echo "| server state | resident MiB | peak MiB |"
echo "| --- | ---: | ---: |"
memory "idle after start"

base="http://127.0.0.1:$port/api/v1"
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"minzheng.staff\",\"password\":\"$password\"}" "$base/auth/login" |
  sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')
for path in me "cases?page=1" "cases?page=500" "cases?q=M0999" alerts "alerts?state=issued" \
  dashboard/summary "catalog/items?page=1"; do
  for _ in 1 2 3; do curl -s -o /dev/null -H "Cookie: $cookie" "$base/$path"; done
done
memory "after console reads"

"$bin" simulate --url "http://127.0.0.1:$port" --key-file "$dir/demo-credentials.txt" \
  --rate "${RATE:-20}" --duration "${DURATION:-60}" >"$dir/simulate.log" 2>&1 || true
memory "after ${DURATION:-60} s of simulated traffic"
cases=$(sqlite3 "$dir/mingjing.db" "SELECT count(*) FROM cases WHERE completed_at = 0")
echo
echo "Open cases in the store: $cases; database file: $(($(stat -c %s "$dir/mingjing.db") >> 20)) MiB."
