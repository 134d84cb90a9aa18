#!/usr/bin/env bash
# Builds the Debian package (prefix /usr, /etc/cadence) into BUILD_DIR
# (default build-pkg) and prints its path.
#   scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
build_dir="${BUILD_DIR:-build-pkg}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_INSTALL_PREFIX=/usr -DCADENCE_BUILD_TESTS=OFF -DCADENCE_BUILD_BENCH=OFF >/dev/null
cmake --build "$build_dir" --parallel "${JOBS:-$(nproc)}"
(cd "$build_dir" && cpack -G DEB >/dev/null)
ls "$build_dir"/cadence_*.deb
