#!/usr/bin/python3
"""Whole-process load benchmark of the HTTP API against a real cadenced.

  BUILD_DIR=build bench/http_load.py            (needs `wrk`: apt-get install wrk)
  CONTACTS=10000 DURATION=30 CONNECTIONS=18 DELAY_MS=14 PROBES=8

What runs: cadenced on a generated SQLite file (CONTACTS contacts touched 5 days ago,
so their keep-in-touch reminders are scheduled, plus 2 x PROBES contacts that are
overdue and fire at start), its HTTP job on a loopback port, a generic-webhook
channel to a loopback receiver in this script that stamps every arrival.

Phases, in one run:
  1. idle reference: PROBES fired reminders are snoozed (REST API) to fire at
     distinct seconds over the next PROBES*2 s; nothing else runs.
  2. load: `wrk` sends GET /api/v1/reminders (bearer token, default limit 100)
     at about 1,000 requests/s (CONNECTIONS connections, each waiting DELAY_MS
     between requests: wrk's Lua delay()) for DURATION s, while the other PROBES
     reminders are snoozed to fire at distinct seconds inside the load window.
  3. open throttle: the same request as fast as wrk can for 10 s (capacity).

Reported: wrk's rate, latency percentiles, errors and non-2xx answers; the
firing lateness (arrival at the receiver minus the snooze instant) of the probe
reminders without and under load. Exit status 1 when the load phase had errors,
a p99 of 20 ms or more, or a probe arrived more than 1 s later than its idle
reference's worst.
"""
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, os.environ.get("BUILD_DIR", "build"))
CONTACTS = int(os.environ.get("CONTACTS", "10000"))
DURATION = int(os.environ.get("DURATION", "30"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "18"))
DELAY_MS = int(os.environ.get("DELAY_MS", "14"))
PROBES = int(os.environ.get("PROBES", "8"))
TOKEN = "bench-api-token-0123456789abcdef"

arrivals = {}  # probe contact id -> [arrival unix time, ...]
arrivals_lock = threading.Lock()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        stamp = time.time()
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        for probe in re.findall(r"probe-\d+", body):
            with arrivals_lock:
                arrivals.setdefault(probe, []).append(stamp)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(port, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    req.add_header("Authorization", f"Bearer {TOKEN}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.loads(res.read())


def rfc3339(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def wait_for(what, predicate, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.05)
    sys.exit(f"timed out waiting for {what}")


def generate(work, config, db):
    subprocess.run([f"{BUILD}/src/cadencectl", "--config", config, "due"], check=True,
                   stdout=subprocess.DEVNULL)  # creates and migrates the schema
    now = int(time.time())
    created = now - 30 * 86400
    con = sqlite3.connect(db)
    con.execute("INSERT INTO accounts (id, name, tier, owner, departments, created_at, "
                "updated_at) VALUES ('acme', 'Acme', 'key', 'zhang', '', ?, ?)",
                (created, created))
    rows = [(f"c{i}", f"联系人{i}", created, created) for i in range(CONTACTS)]
    rows += [(f"probe-{i}", f"probe-{i}", created, created) for i in range(2 * PROBES)]
    con.executemany("INSERT INTO contacts (id, name, account, department, tags, tier, owner, "
                    "created_at, updated_at) VALUES (?, ?, 'acme', '', '', 'A', 'zhang', ?, ?)",
                    rows)
    con.execute("INSERT INTO interactions (contact_row, kind, depth, at, note, source) "
                "SELECT row_id, 'call', 1, ?, '', 'import' FROM contacts WHERE id LIKE 'c%'",
                (now - 5 * 86400,))
    con.execute("INSERT INTO contact_summary (contact_row, last_any, last_normal, last_deep, "
                "count) SELECT contact_row, max(at), max(at), NULL, count(*) FROM interactions "
                "GROUP BY contact_row")
    con.execute("INSERT INTO contact_last_kind (contact_row, kind, last_at) "
                "SELECT contact_row, kind, max(at) FROM interactions GROUP BY contact_row, kind")
    con.commit()
    con.close()


def snooze_probes(port, names, reminders, first, step):
    """Snoozes each probe's reminder to fire at first + k*step; returns the instants."""
    targets = {}
    for k, name in enumerate(names):
        at = first + k * step
        api(port, "POST", f"/api/v1/reminders/{reminders[name]}/snooze", {"until": rfc3339(at)})
        targets[name] = at
    return targets


def lateness(targets):
    """Per probe: seconds from the snooze instant to the first arrival after it."""
    out = []
    with arrivals_lock:
        for name, at in targets.items():
            later = [t for t in arrivals.get(name, []) if t >= at - 0.5]
            out.append(min(later) - at if later else None)
    return out


def run_wrk(port, seconds, delay_ms, connections, work):
    script = os.path.join(work, "wrk.lua")
    with open(script, "w") as f:
        f.write(f'wrk.headers["Authorization"] = "Bearer {TOKEN}"\n')
        if delay_ms > 0:
            f.write(f"function delay() return {delay_ms} end\n")
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script,
         f"http://127.0.0.1:{port}/api/v1/reminders"],
        check=True, capture_output=True, text=True).stdout
    return out


def parse_wrk(out):
    def ms(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
              "requests": int(re.search(r"(\d+) requests in", out).group(1))}
    for pct in ("50", "75", "90", "99"):
        result[f"p{pct}"] = ms(re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M).group(1))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["socket_errors"] = sum(int(g) for g in errors.groups()) if errors else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    return result


def main():
    if subprocess.run(["sh", "-c", "command -v wrk"], capture_output=True).returncode != 0:
        sys.exit("wrk is not installed: apt-get install wrk")
    work = tempfile.mkdtemp(prefix="cadence-http-load-")
    db = os.path.join(work, "cadence.db")
    config = os.path.join(work, "cadence.yaml")
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    http_port = free_port()
    with open(config, "w") as f:
        f.write(f"""timezone: UTC
locale: en
owners:
  - id: zhang
    channels: [hook]
channels:
  - id: hook
    type: webhook
    url: "http://127.0.0.1:{receiver.server_port}/in"
kinds:
  call: normal
rules:
  - id: keep-in-touch
    match: {{tier: A}}
    cadence: {{every: 14d}}
database: {db}
http:
  listen: 127.0.0.1:{http_port}
  token: {TOKEN}
""")
    t0 = time.monotonic()
    generate(work, config, db)
    print(f"generated {CONTACTS} contacts + {2 * PROBES} probes in "
          f"{time.monotonic() - t0:.1f} s ({work})")

    log = open(os.path.join(work, "cadenced.log"), "w+")
    daemon = subprocess.Popen([f"{BUILD}/src/cadenced", "--config", config],
                              stdout=subprocess.DEVNULL, stderr=log)
    try:
        names = [f"probe-{i}" for i in range(2 * PROBES)]
        wait_for("the probes' first firing",
                 lambda: all(n in arrivals for n in names), 120)
        reminders = {}
        for r in api(http_port, "GET", "/api/v1/reminders?state=fired&limit=1000")["reminders"]:
            if r["subject"].startswith("contact:probe-"):
                reminders[r["subject"][len("contact:"):]] = r["id"]
        assert len(reminders) == 2 * PROBES, reminders

        # 1. Idle reference.
        idle_targets = snooze_probes(http_port, names[:PROBES], reminders,
                                     int(time.time()) + 2, 2)
        wait_for("the idle probes", lambda: None not in lateness(idle_targets), 60)
        idle = lateness(idle_targets)

        # 2. Load, with probes firing inside its window.
        step = max(1, (DURATION - 4) // PROBES)
        load_targets = snooze_probes(http_port, names[PROBES:], reminders,
                                     int(time.time()) + 3, step)
        wrk_out = run_wrk(http_port, DURATION, DELAY_MS, CONNECTIONS, work)
        wait_for("the probes under load", lambda: None not in lateness(load_targets), 60)
        loaded = lateness(load_targets)

        # 3. Capacity.
        open_out = run_wrk(http_port, 10, 0, CONNECTIONS, work)
        rss = open(f"/proc/{daemon.pid}/status").read()
        vm_hwm = re.search(r"VmHWM:\s+(\d+) kB", rss).group(1)
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
        receiver.shutdown()

    load = parse_wrk(wrk_out)
    capacity = parse_wrk(open_out)
    print(f"load   ({CONNECTIONS} conns, {DELAY_MS} ms think time, {DURATION} s): "
          f"{load['rps']:.0f} req/s, {load['requests']} requests, p50 {load['p50']:.2f} ms, "
          f"p90 {load['p90']:.2f} ms, p99 {load['p99']:.2f} ms, socket errors "
          f"{load['socket_errors']}, non-2xx {load['non2xx']}")
    print(f"open   ({CONNECTIONS} conns, no think time, 10 s): {capacity['rps']:.0f} req/s, "
          f"p50 {capacity['p50']:.2f} ms, p99 {capacity['p99']:.2f} ms, errors "
          f"{capacity['socket_errors'] + capacity['non2xx']}")
    print("firing lateness idle (s):  " + " ".join(f"{x:.3f}" for x in idle))
    print("firing lateness load (s):  " + " ".join(f"{x:.3f}" for x in loaded))
    print(f"cadenced peak RSS: {int(vm_hwm) / 1024:.1f} MB")
    failed = []
    if load["socket_errors"] or load["non2xx"]:
        failed.append("errors under load")
    if load["p99"] >= 20.0:
        failed.append("p99 >= 20 ms")
    if load["rps"] < 1000:
        failed.append("rate below 1,000 req/s")
    if max(loaded) > max(idle) + 1.0:
        failed.append("firing delayed by the load")
    print("FAIL: " + ", ".join(failed) if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
