#!/usr/bin/env bash
# Installs dependencies, builds, and runs the test suite with ctest.
#   scripts/test.sh              the whole suite (BUILD_DIR defaults to build)
#   scripts/test.sh --sanitize   the whole suite under ASan+UBSan (build-asan)
#   scripts/test.sh --tsan       the tests that run the real daemon process (and
#                                its threads) under ThreadSanitizer (build-tsan)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
build_args=(--werror)
ctest_args=()
tsan_reports=""
case "${1:-}" in
  --sanitize)
    export BUILD_DIR="${BUILD_DIR:-build-asan}"
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
    build_args+=(--sanitize --no-bench)
    ;;
  --tsan)
    export BUILD_DIR="${BUILD_DIR:-build-tsan}"
    # Every instrumented process (tests and the cadenced/cadencectl they start)
    # writes its reports under one directory: a race in a daemon the test later
    # SIGKILLs still leaves its report there, and any report fails the run.
    tsan_reports="$(mktemp -d /tmp/cadence-tsan.XXXXXX)"
    export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1} log_path=$tsan_reports/report"
    build_args+=(--tsan --no-bench cadenced cadencectl cadence_daemon_tests
                 cadence_ops_tests cadence_http_tests cadence_delivery_tests)
    ctest_args+=(-R '^(CadencedProcess|CadencedDatabase|SchedulerProcess|DbFaultProcess|HttpProcess|OwnerPageBrowser|DeliveryCrash|KillSuite|OutageProcess|SecretsProcess|ClockProcess)\.')
    ;;
  "") ;;
  *) echo "test.sh: unknown option '$1'" >&2; exit 2 ;;
esac
build_dir="${BUILD_DIR:-build}"
scripts/build.sh "${build_args[@]}"
cd "$build_dir"
ctest --output-on-failure --parallel "$(nproc)" --timeout 600 "${ctest_args[@]}"
if [ -n "$tsan_reports" ]; then
  if compgen -G "$tsan_reports/report*" >/dev/null; then
    cat "$tsan_reports"/report* >&2
    echo "ThreadSanitizer reported the problems above" >&2
    exit 1
  fi
  echo "ThreadSanitizer: no reports"
fi
