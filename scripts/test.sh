#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite with ctest.
#   scripts/test.sh [--sanitize]      (BUILD_DIR defaults to build, or build-asan)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
build_args=(--werror)
if [ "${1:-}" = "--sanitize" ]; then
  export BUILD_DIR="${BUILD_DIR:-build-asan}"
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
  build_args+=(--sanitize --no-bench)
fi
build_dir="${BUILD_DIR:-build}"
scripts/build.sh "${build_args[@]}"
cd "$build_dir"
ctest --output-on-failure --parallel "$(nproc)" --timeout 600
