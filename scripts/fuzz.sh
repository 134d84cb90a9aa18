#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan+UBSan) and runs each for
# SECONDS (default 60) on a copy of its committed seed corpus (fuzz/corpus/).
# A crash stops the run with the reproducer's path; new corpus entries stay in
# BUILD_DIR/corpus/ (commit the interesting ones).
#   scripts/fuzz.sh [SECONDS] [HARNESS...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  harnesses=(config csv_import vcard_import rrule time_parse action_token http_target http_request)
fi

scripts/install-deps.sh
command -v clang++ >/dev/null || apt-get install -y -qq clang >/dev/null
build_dir="${BUILD_DIR:-build-fuzz}"
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DCADENCE_FUZZ=ON -DCADENCE_SANITIZE=ON -DCADENCE_WERROR=ON \
  -DCADENCE_BUILD_TESTS=OFF -DCADENCE_BUILD_BENCH=OFF >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
cmake --build "$build_dir" --parallel "${JOBS:-$(nproc)}" --target "${targets[@]}"

declare -A seeds=([config]=config [csv_import]=csv [vcard_import]=vcard [rrule]=rrule
                  [time_parse]=time [action_token]=action_token [http_target]=http_target
                  [http_request]=http_request)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for h in "${harnesses[@]}"; do
  corpus="$build_dir/corpus/$h"
  mkdir -p "$corpus" "$build_dir/crashes"
  cp -n fuzz/corpus/"${seeds[$h]}"/* "$corpus"/ 2>/dev/null || true
  echo "== fuzz_$h for ${seconds}s"
  log="$build_dir/fuzz_$h.log"
  rc=0
  "$build_dir/fuzz/fuzz_$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build_dir/crashes/$h-" -print_final_stats=1 "$corpus" >"$log" 2>&1 || rc=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
  if [ "$rc" -ne 0 ]; then
    tail -40 "$log" >&2
    echo "fuzz_$h found a problem (exit $rc); reproducer in $build_dir/crashes/" >&2
    exit 1
  fi
done
