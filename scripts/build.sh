#!/usr/bin/env bash
# Configures and builds cadence into BUILD_DIR (default: build).
#   scripts/build.sh [--sanitize | --tsan] [--werror] [--no-bench] [TARGET...]
# Environment: BUILD_DIR, CMAKE_BUILD_TYPE (default RelWithDebInfo).
# A sanitizer build's RelWithDebInfo is -O1 -g1 (line tables), as the ASan and
# TSan documentation recommend: reports keep their file:line frames, and the
# build takes about half the time of -O2 -g (src/http/server.cpp under ASan:
# 81 s at -O2 -g, 44 s at -O1 -g1), which is what lets CI run ASan and TSan.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${BUILD_DIR:-build}"
targets=()
sanitizer_profile=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"
                   -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG")
cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}")
for arg in "$@"; do
  case "$arg" in
    --sanitize) cmake_args+=(-DCADENCE_SANITIZE=ON "${sanitizer_profile[@]}") ;;
    --tsan) cmake_args+=(-DCADENCE_TSAN=ON "${sanitizer_profile[@]}") ;;
    --werror) cmake_args+=(-DCADENCE_WERROR=ON) ;;
    --no-bench) cmake_args+=(-DCADENCE_BUILD_BENCH=OFF) ;;
    -*) echo "build.sh: unknown option '$arg'" >&2; exit 2 ;;
    *) targets+=(--target "$arg") ;;
  esac
done

cmake -S . -B "$build_dir" "${cmake_args[@]}" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" "${targets[@]}"
