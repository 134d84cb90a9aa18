#!/usr/bin/env bash
# Configures and builds cadence into BUILD_DIR (default: build).
#   scripts/build.sh [--sanitize | --tsan] [--werror] [--no-bench] [TARGET...]
# Environment: BUILD_DIR, CMAKE_BUILD_TYPE (default RelWithDebInfo).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${BUILD_DIR:-build}"
targets=()
cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}")
for arg in "$@"; do
  case "$arg" in
    --sanitize) cmake_args+=(-DCADENCE_SANITIZE=ON) ;;
    --tsan) cmake_args+=(-DCADENCE_TSAN=ON) ;;
    --werror) cmake_args+=(-DCADENCE_WERROR=ON) ;;
    --no-bench) cmake_args+=(-DCADENCE_BUILD_BENCH=OFF) ;;
    -*) echo "build.sh: unknown option '$arg'" >&2; exit 2 ;;
    *) targets+=(--target "$arg") ;;
  esac
done

cmake -S . -B "$build_dir" "${cmake_args[@]}" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" "${targets[@]}"
