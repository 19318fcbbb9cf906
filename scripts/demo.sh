#!/usr/bin/env bash
# Installs what is missing, builds Mingjing, creates var/mingjing.db, seeds the demo city
# (Guang'an City) and serves http://127.0.0.1:8080 until Ctrl-C. Once the server responds, the
# traffic simulator sends cases of the demo business system (MINGJING_SIMULATE=0 turns it off,
# MINGJING_SIMULATE_RATE sets cases a second).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target mingjing

if [[ -f web/package.json ]]; then
  (cd web && npm ci --no-audit --no-fund && npm run build)
fi

bin=build/release/src/app/mingjing
database=${MINGJING_DATABASE:-sqlite:var/mingjing.db}
"$bin" migrate --database "$database" --data-dir var
"$bin" seed demo --database "$database" --data-dir var
listen=${MINGJING_LISTEN:-127.0.0.1:8080}
"$bin" serve --database "$database" --data-dir var --listen "$listen" &
server_pid=$!
simulator_pid=
trap '[[ -n "$simulator_pid" ]] && kill "$simulator_pid" 2>/dev/null; kill "$server_pid" 2>/dev/null' \
  EXIT INT TERM

if [[ "${MINGJING_SIMULATE:-1}" != 0 ]]; then
  for _ in $(seq 100); do
    curl -fsS "http://$listen/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  "$bin" simulate --url "http://$listen" --key-file var/demo-credentials.txt \
    --rate "${MINGJING_SIMULATE_RATE:-0.5}" &
  simulator_pid=$!
fi
wait "$server_pid"
