#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server in a temporary folder, listening on 127.0.0.1 only,
# and prints its connection URL. `scripts/pg-sandbox.sh stop DIR` stops it and removes DIR.
# As root, the server runs as the `postgres` system user, because PostgreSQL refuses root.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
if [[ "${1:-}" == "stop" ]]; then
  dir=$2
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$dir"
  exit 0
fi

port=${MINGJING_PG_PORT:-55432}
dir=$(mktemp -d /tmp/mingjing-pg.XXXXXX)
chown postgres:postgres "$dir"
run=(runuser -u postgres --)
[[ $(id -u) -ne 0 ]] && run=()

"${run[@]}" "$bin/initdb" -D "$dir/data" -U mingjing --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log" 2>&1
"${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
      -c fsync=on -c max_connections=200" start >/dev/null
"${run[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U mingjing mingjing_test
echo "$dir postgresql://mingjing@127.0.0.1:$port/mingjing_test"
