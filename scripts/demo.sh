#!/usr/bin/env bash
# Installs what is missing, builds Mingjing, creates var/mingjing.db, seeds the demo city
# (Guang'an City) and serves http://127.0.0.1:8080 until Ctrl-C.
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
"$bin" migrate --database "$database"
"$bin" seed demo --database "$database" --data-dir var
exec "$bin" serve --database "$database" --data-dir var --listen "${MINGJING_LISTEN:-127.0.0.1:8080}"
