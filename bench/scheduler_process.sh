#!/usr/bin/env bash
# Whole-process benchmarks of the scheduler on a generated data set:
#   CONTACTS contacts (default 1,000,000) in CONTACTS/100 accounts,
#   INTERACTIONS touches (default 10,000,000), the 8 rules of bench/bench.yaml.
# Measures: cadenced start to READY=1, start to the end of the first planning
# pass, peak RSS (VmHWM), voluntary context switches over IDLE_SECONDS (60)
# of idleness, and `cadencectl forecast` of a full year.
#
#   BUILD_DIR=build bench/scheduler_process.sh [WORK_DIR]
# The data set is generated once into WORK_DIR (default /tmp/cadence-bench)
# directly with sqlite3 (the store's schema, then INSERT ... SELECT), and reused.
# GENERATE_ONLY=1 stops after generating; SKIP_FORECAST=1 skips the forecast.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build}"
work="${1:-/tmp/cadence-bench}"
contacts="${CONTACTS:-1000000}"
interactions="${INTERACTIONS:-10000000}"
idle="${IDLE_SECONDS:-60}"
mkdir -p "$work"
db="$work/bench-$contacts-$interactions.db"
config="$work/bench.yaml"
sed "s|^database: .*|database: $db|" bench/bench.yaml > "$config"

if [[ ! -s "$db" ]]; then
  echo "generating $contacts contacts, $interactions interactions into $db ..."
  t0=$(date +%s)
  # The store creates and migrates the schema.
  "$build/src/cadencectl" --config "$config" due > /dev/null
  # Contacts were added 30 days ago; the touches spread over the last 10 days,
  # so no cadence is overdue at start and the idle measurement is idle.
  now=$(date +%s)
  created=$((now - 30 * 86400))
  sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $contacts / 100)
INSERT INTO accounts (id, name, tier, owner, departments, created_at, updated_at)
SELECT 'acc' || i, 'Account ' || i, CASE WHEN i % 10 = 0 THEN 'strategic' ELSE 'key' END,
       'zhang', '采购' || char(10) || '技术' || char(10) || '财务', $created, $created FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $contacts)
INSERT INTO contacts (id, name, account, department, tags, tier, owner, bday_month, bday_day,
                      lunar_month, lunar_day, created_at, updated_at)
SELECT 'c' || i, '联系人' || i, 'acc' || (1 + i % ($contacts / 100)),
       CASE i % 3 WHEN 0 THEN '采购' WHEN 1 THEN '技术' ELSE '财务' END,
       CASE WHEN i % 20 = 0 THEN 'decision-maker' ELSE '' END,
       CASE WHEN i % 10 = 0 THEN 'A' WHEN i % 10 < 4 THEN 'B' ELSE 'C' END, 'zhang',
       CASE WHEN i % 2 = 0 THEN 1 + i % 12 END, CASE WHEN i % 2 = 0 THEN 1 + i % 28 END,
       CASE WHEN i % 7 = 0 THEN 1 + i % 12 END, CASE WHEN i % 7 = 0 THEN 1 + i % 29 END,
       $created, $created FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $interactions)
INSERT INTO interactions (contact_row, kind, depth, at, note, source)
SELECT 1 + (i * 7919) % $contacts,
       CASE i % 5 WHEN 0 THEN 'visit' WHEN 1 THEN 'call' WHEN 2 THEN 'message'
                  WHEN 3 THEN 'meal' ELSE 'like' END,
       CASE i % 5 WHEN 0 THEN 2 WHEN 3 THEN 2 WHEN 1 THEN 1 ELSE 0 END,
       $now - (i * 104729) % (10 * 86400), '', 'import' FROM n;
INSERT INTO contact_summary (contact_row, last_any, last_normal, last_deep, count)
SELECT contact_row, max(at), max(CASE WHEN depth >= 1 THEN at END),
       max(CASE WHEN depth >= 2 THEN at END), count(*) FROM interactions GROUP BY contact_row;
INSERT INTO contact_last_kind (contact_row, kind, last_at)
SELECT contact_row, kind, max(at) FROM interactions GROUP BY contact_row, kind;
COMMIT;
SQL
  echo "generated in $(( $(date +%s) - t0 )) s, $(du -h "$db" | cut -f1)"
fi

[[ "${GENERATE_ONLY:-0}" == 1 ]] && exit 0

/usr/bin/python3 - "$build/src/cadenced" "$config" "$idle" <<'PY'
import os, socket, subprocess, sys, tempfile, time
cadenced, config, idle = sys.argv[1], sys.argv[2], int(sys.argv[3])
sock_path = os.path.join(tempfile.mkdtemp(), "notify.sock")
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sock_path)
env = dict(os.environ, NOTIFY_SOCKET=sock_path)
log = open(os.path.join(os.path.dirname(config), "cadenced.log"), "w+")
t0 = time.monotonic()
p = subprocess.Popen([cadenced, "--config", config], env=env, stdout=subprocess.DEVNULL, stderr=log)
s.settimeout(120)
while True:
    msg = s.recv(4096).decode()
    if "READY=1" in msg:
        break
ready = time.monotonic() - t0
def status(field):
    for line in open(f"/proc/{p.pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
while True:
    log.seek(0)
    if "planned until" in log.read():
        break
    if p.poll() is not None:
        sys.exit("cadenced exited early: see " + log.name)
    time.sleep(0.05)
planned = time.monotonic() - t0
# The first wake after the pass fires what is overdue (its summary line ends
# it); idleness starts after that.
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    log.seek(0)
    if " sent (" in log.read().split("planned until", 1)[1]:
        break
    time.sleep(0.2)
time.sleep(2)
def all_threads():
    total = 0
    for t in os.listdir(f"/proc/{p.pid}/task"):
        for line in open(f"/proc/{p.pid}/task/{t}/status"):
            if line.startswith("voluntary_ctxt_switches:"):
                total += int(line.split()[1])
    return total
before, before_all = status("voluntary_ctxt_switches"), all_threads()
time.sleep(idle)
after, after_all = status("voluntary_ctxt_switches"), all_threads()
print(f"start -> READY=1: {ready:.3f} s")
print(f"start -> first planning pass done: {planned:.1f} s")
print(f"peak RSS (VmHWM): {status('VmHWM') / 1024:.0f} MiB, now (VmRSS): {status('VmRSS') / 1024:.0f} MiB")
print(f"voluntary context switches over {idle} s idle: {after - before} (main thread), "
      f"{after_all - before_all} (all threads)")
p.terminate()
p.wait(30)
PY

[[ "${SKIP_FORECAST:-0}" == 1 ]] && exit 0
echo "forecast of a year:"
/usr/bin/time -f "  %e s elapsed, %M KiB max RSS" \
  "$build/src/cadencectl" --config "$config" forecast --from 2027-03-01 --to 2028-02-29 \
  > "$work/forecast.csv"
echo "  $(($(wc -l < "$work/forecast.csv") - 1)) reminders"
