#!/usr/bin/env bash
# Installs the Debian packages cadence builds, tests and benchmarks with.
# Idempotent: when every package is present it does nothing (no apt-get update).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git mold
  libboost1.81-dev
  libsqlitecpp-dev libsqlite3-dev sqlite3
  libspdlog-dev libfmt-dev
  libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcurl4-openssl-dev
  libhowardhinnant-date-dev tzdata
  libicu-dev
  libnova-dev
  libical-dev
  libsystemd-dev
  libcli11-dev
  nlohmann-json3-dev
  libkainjow-mustache-dev
  python3 python3-aiosmtpd
  libfaketime e2fsprogs openssl
  chromium fonts-wqy-zenhei
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -ne 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The browser tests drive Debian's chromium with playwright-core, pinned in
# tests/browser/package-lock.json and installed next to it (git-ignored).
browser_dir="$(dirname "$0")/../tests/browser"
if [ ! -f "$browser_dir/node_modules/playwright-core/package.json" ]; then
  command -v npm >/dev/null || { echo "install-deps: npm (Node.js) is required" >&2; exit 1; }
  echo "install-deps: installing playwright-core (npm ci in tests/browser)" >&2
  (cd "$browser_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
