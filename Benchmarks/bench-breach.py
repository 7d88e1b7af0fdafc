#!/usr/bin/env python3
"""Breach to webhook: the time from the first bad request to the webhook's arrival, through the
whole controller (Benchmarks article, "Alert rules at scale").

Starts a webhook receiver on loopback and `flightdeck serve` on a fresh workspace, following a
telemetry file this script appends to in real time (200 requests/s of artefact "bench"). Each cycle
turns every request into an error at T0 and waits for the webhook's `firing` notification, then
turns the traffic healthy and waits for the `resolved` one. The rule is
`error_rate{artefact="bench"}[2s] > 0.5` with no `for`, evaluated every second; the route has
group_wait 0 s, so the figure is the pipeline: the tailer, the evaluation round, the alert keeper's
write with its outbox event, the sender's poll (1 s) and the HTTP request.

Usage: Benchmarks/bench-breach.py [FLIGHTDECK_BINARY] [CYCLES]
"""
import http.server, json, os, statistics, subprocess, sys, tempfile, threading, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/flightdeck"
cycles = int(sys.argv[2]) if len(sys.argv) > 2 else 20
work = tempfile.mkdtemp(prefix="fd-bench-breach-")
arrivals = []  # (arrival time, status)
lock = threading.Lock()

class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        with lock:
            if body.get("kind") == "alerts":
                arrivals.append((time.time(), body.get("status")))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *a): pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
threading.Thread(target=server.serve_forever, daemon=True).start()
port = server.server_address[1]

with open(f"{work}/rules.yml", "w") as f:
    f.write("""groups:
  - name: bench
    interval: 1s
    rules:
      - alert: BenchErrors
        expr: error_rate{artefact="bench"}[2s] > 0.5
        labels:
          severity: page
""")
with open(f"{work}/fd.toml", "w") as f:
    f.write(f"""[alerts]
rules = "{work}/rules.yml"
evaluation_interval = "1s"

[[notifications.receivers]]
name = "hook"
type = "webhook"
url = "http://127.0.0.1:{port}/hook"

[notifications.route]
receiver = "hook"
group_wait = "0s"
group_interval = "1s"
""")
env = dict(os.environ, FLIGHTDECK_USER="alice")
subprocess.run([binary, "init", "--workspace", f"{work}/ws"], env=env, check=True, capture_output=True)
telemetry = f"{work}/t.jsonl"
open(telemetry, "w").close()
bad = threading.Event()
stop = threading.Event()
first_bad = []

def writer():
    n = 0
    with open(telemetry, "a", buffering=1) as f:
        while not stop.is_set():
            now = time.time()
            status = "error" if bad.is_set() else "ok"
            if status == "error" and not first_bad:
                first_bad.append(now)
            ts = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}Z"
            f.write(json.dumps({"ts": ts, "request_id": f"b{n}", "artefact": "bench", "kind": "model",
                                "version": "v1", "route": "stable", "latency_ms": 100.0, "input_tokens": 10,
                                "output_tokens": 0 if status == "error" else 10, "cost_usd": 0.0001,
                                "status": status}) + "\n")
            n += 1
            time.sleep(0.005)

threading.Thread(target=writer, daemon=True).start()
serve = subprocess.Popen([binary, "serve", "--workspace", f"{work}/ws", "--config", f"{work}/fd.toml",
                          "--listen", "127.0.0.1:0", "--heartbeat", "500ms", "--lease-ttl", "2s", telemetry],
                         env=env, stdout=open(f"{work}/serve.log", "w"), stderr=subprocess.STDOUT)

def wait_for(status, since, limit=60):
    end = time.time() + limit
    while time.time() < end:
        with lock:
            hits = [t for t, s in arrivals if s == status and t >= since]
        if hits:
            return hits[0]
        time.sleep(0.005)
    raise SystemExit(f"no {status} notification within {limit} s; see {work}/serve.log")

try:
    time.sleep(8)  # the lease, the tailer, a few healthy rounds
    latencies, resolutions = [], []
    for c in range(cycles):
        first_bad.clear()
        bad.set()
        while not first_bad:
            time.sleep(0.001)
        t0 = first_bad[0]
        fired = wait_for("firing", t0)
        latencies.append(fired - t0)
        bad.clear()
        t1 = time.time()
        resolved = wait_for("resolved", t1)
        resolutions.append(resolved - t1)
        time.sleep(1 + (c % 4) * 0.25)  # vary the phase against the 1 s rounds
    q = statistics.quantiles(latencies, n=20)
    print(f"breach to webhook over {cycles} cycles: median {statistics.median(latencies):.2f} s, "
          f"p95 {q[18]:.2f} s, min {min(latencies):.2f} s, max {max(latencies):.2f} s")
    print(f"healthy again to resolved: median {statistics.median(resolutions):.2f} s, "
          f"max {max(resolutions):.2f} s")
    print("each breach (s):", " ".join(f"{x:.2f}" for x in latencies))
finally:
    serve.terminate()
    try:
        serve.wait(30)
    except subprocess.TimeoutExpired:
        serve.kill()
    stop.set()
