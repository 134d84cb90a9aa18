#!/usr/bin/env bash
# The quick start: install the build dependencies, build, seed a small demo
# database relative to today, and run cadenced in the foreground with the
# example config, so that within seconds the console shows real reminders.
#
#   scripts/demo.sh [DEMO_DIR]       (default: ./demo; Ctrl-C stops the daemon)
#
# What the demo config changes from config/cadence.example.yaml (a copy in
# DEMO_DIR, the example itself is untouched):
#   database:     DEMO_DIR/cadence.db
#   quiet_hours:  removed, so the demo fires at any time of day
#   a custom holiday "demo_festival" one day ahead (or today before 09:00),
#   added to the festivals rule: its 1-day lead reminder is due now.
# The data (cadencectl demo seed): a contact whose birthday is today, one whose
# last visit was 100 days ago, one with a birthday in 3 days; see
# src/cli/demo_cmd.cpp. Environment: BUILD_DIR (default: build), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."

demo_dir="${1:-demo}"
build_dir="${BUILD_DIR:-build}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  scripts/install-deps.sh
  # Only the two binaries the demo runs, with the flags and the build directory
  # of scripts/test.sh: the test command afterwards reuses every object built
  # here, and the demo after a test run builds nothing.
  scripts/build.sh --werror cadenced cadencectl
fi
mkdir -p "$demo_dir"
demo_dir="$(cd "$demo_dir" && pwd)"

# The festival: one day ahead, so its 1-day lead fires today at 09:00 (now, if
# that has passed: a late fire within catch_up); before 09:00, today.
tz="$(sed -n 's/^timezone: *\([^ #]*\).*/\1/p' config/cadence.example.yaml)"
hour="$(TZ="$tz" date +%H)"
if (( 10#$hour >= 9 )); then
  festival="$(TZ="$tz" date -d tomorrow +%m-%d)"
else
  festival="$(TZ="$tz" date +%m-%d)"
fi

config="$demo_dir/cadence.yaml"
sed -e "s|^database: .*|database: $demo_dir/cadence.db|" \
    -e '/^ *quiet_hours:/d' \
    -e "s|^  custom:$|  custom:\n    - {key: demo_festival, name: 演示节日, date: \"$festival\"}|" \
    -e 's|^\( *\)xiaonian\]|\1xiaonian, demo_festival]|' \
    config/cadence.example.yaml > "$config"

"$build_dir/src/cadencectl" --config "$config" check
"$build_dir/src/cadencectl" --config "$config" demo seed

echo
echo "Starting cadenced with $config (Ctrl-C to stop)."
echo "In another terminal: $build_dir/src/cadencectl --config $config due"
echo
exec "$build_dir/src/cadenced" --config "$config"
