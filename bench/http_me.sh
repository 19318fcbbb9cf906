#!/usr/bin/env bash
# Measures an authenticated GET /api/v1/me against nginx serving a static JSON file of the same
# size, both on loopback with the same wrk settings, and prints the figures for
# docs/benchmarks.md. Needs wrk and nginx (scripts/install-deps.sh --test) and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=build/release/src/app/mingjing
duration=${DURATION:-10s}
connections=${CONNECTIONS:-32}
work=$(mktemp -d /tmp/mingjing-bench.XXXXXX)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

mj_port=$((30000 + RANDOM % 10000))
nginx_port=$((mj_port + 1))
password=Bench-Password-2026

"$bin" migrate --database "sqlite:$work/m.db" >/dev/null 2>&1
MINGJING_DEMO_PASSWORD=$password "$bin" seed demo --database "sqlite:$work/m.db" \
  --data-dir "$work/var" >/dev/null
MINGJING_RATE_LIMIT_PER_SECOND=0 MINGJING_ACCESS_LOG=${ACCESS_LOG:-true} \
  "$bin" serve --database "sqlite:$work/m.db" --data-dir "$work/var" \
  --listen "127.0.0.1:$mj_port" --web-root "$work/none" >"$work/serve.log" 2>&1 &
pids+=($!)
mj_pid=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$mj_port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"minzheng.staff\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$mj_port/api/v1/auth/login" | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')
curl -s -H "Cookie: $cookie" "http://127.0.0.1:$mj_port/api/v1/me" >"$work/me.json"
mkdir -p "$work/www"
cp "$work/me.json" "$work/www/me.json"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { root $work/www; default_type application/json; }
  }
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.5
pids+=("$(cat "$work/nginx.pid")")

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
idle_rss=$(rss_kb "$mj_pid")

run_wrk() {  # run_wrk URL [header]
  wrk -t2 -c"$connections" -d"$duration" --latency ${2:+-H "$2"} "$1" 2>&1
}
nginx_out=$(run_wrk "http://127.0.0.1:$nginx_port/me.json")
mj_out=$(run_wrk "http://127.0.0.1:$mj_port/api/v1/me" "Cookie: $cookie")
loaded_rss=$(rss_kb "$mj_pid")

rate() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1 == "99%" {print $2}'; }
echo "body bytes:         $(wc -c <"$work/me.json")"
echo "nginx requests/s:   $(rate "$nginx_out")  p99 $(p99 "$nginx_out")"
echo "mingjing requests/s: $(rate "$mj_out")  p99 $(p99 "$mj_out")"
echo "ratio:              $(awk -v a="$(rate "$mj_out")" -v b="$(rate "$nginx_out")" 'BEGIN {printf "%.2f", a / b}')"
echo "mingjing RSS idle:  $((idle_rss / 1024)) MiB, loaded: $((loaded_rss / 1024)) MiB"
echo "non-2xx (mingjing): $(echo "$mj_out" | awk '/Non-2xx/ {print $NF}')"
