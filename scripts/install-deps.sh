#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running and testing Mingjing need.
# Runs as root; skips apt-get entirely when everything is already present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev libssl-dev libsodium-dev
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libsoci-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  zlib1g-dev
  postgresql-15 postgresql-client-15
)
# Node.js may come from another source with npm bundled, which Debian's npm package conflicts
# with: install Debian's only when the commands are missing.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [[ "${1:-}" == "--test" ]]; then
  # Test-only extras: the SMS gateway, the browser, and the benchmark tools.
  packages+=(kannel kannel-extras chromium nginx wrk curl)
  packages+=(fonts-noto-cjk)  # Chinese glyphs for the browser tests' screenshots
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
