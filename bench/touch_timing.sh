#!/bin/sh
# Whole-process timing of `cadencectl touch` on a database with N contacts
# (default 1,000,000): by id, and by an exact (unique) name, which must be
# resolved through the contacts_name index, not a scan.
#
# Usage: bench/touch_timing.sh BUILD_DIR [N]
#   WORK_DIR=dir  keep the generated database there and reuse it on later runs
#                 (default: a temporary directory, removed at exit)
#
# The contacts are inserted with sqlite3 after cadencectl has created the
# schema (building them through the CLI would take minutes and measure
# something else). Uses hyperfine when installed, else /usr/bin/time.
set -eu
build=${1:?usage: touch_timing.sh BUILD_DIR [N]}
n=${2:-1000000}
ctl="$build/src/cadencectl"
if [ -n "${WORK_DIR:-}" ]; then
  dir=$WORK_DIR
  mkdir -p "$dir"
else
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
fi
db="$dir/cadence.db"
cat > "$dir/cadence.yaml" <<YAML
timezone: Asia/Shanghai
database: $db
kinds: {visit: deep, call: normal, like: shallow}
YAML
have=0
[ -f "$db" ] && have=$(sqlite3 "$db" "SELECT count(*) FROM contacts WHERE id LIKE 'c%'")
if [ "$have" -ne "$n" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  "$ctl" --config "$dir/cadence.yaml" contact add "种子" --id seed >/dev/null
  sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
INSERT INTO contacts (id, name, tier, created_at, updated_at)
SELECT 'c' || i, '联系人' || i, 'A', 1764201600, 1764201600 FROM n;
SQL
fi
echo "contacts: $(sqlite3 "$db" 'SELECT count(*) FROM contacts')"
target="c$((n / 2))"
name="联系人$((n / 3))"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 3 --runs 30 \
    "$ctl --config $dir/cadence.yaml touch $target --kind call" \
    "$ctl --config $dir/cadence.yaml touch $name --kind visit"
else
  for who in "$target" "$name"; do
    for i in 1 2 3 4 5; do
      /usr/bin/time -f "touch $who: %e s elapsed, %M KiB max RSS" \
        "$ctl" --config "$dir/cadence.yaml" touch "$who" --kind call >/dev/null
    done
  done
fi
