#!/usr/bin/env bash
# Runs the front end's unit tests (Vitest) and the browser tests (tests/e2e, node's test runner
# driving Debian's Chromium against a server started for the run). Exits non-zero on a failure.
# Needs node, npm and /usr/bin/chromium (scripts/install-deps.sh --test); MINGJING_BIN picks the
# server binary, else the release build is used and built when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]]; then
  echo "e2e: ${CHROMIUM:-/usr/bin/chromium} is missing; run scripts/install-deps.sh --test" >&2
  exit 1
fi

(cd web && npm ci --no-audit --no-fund && npm test)
(cd tests/e2e && npm ci --no-audit --no-fund && npm test)
