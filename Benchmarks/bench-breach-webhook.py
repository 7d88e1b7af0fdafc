#!/usr/bin/env python3
"""Breach to webhook through `flightdeck serve` (Benchmarks article, "The controller").

bench-breach-webhook.py FLIGHTDECK [RUNS] [--load DIR]

Starts a webhook receiver on loopback (http.server, records each request's arrival time) and
`flightdeck serve` on a fresh workspace following one telemetry file, with one rule
(error_rate{artefact=~"breach-.*"}[10s] > 0.5, for 0, group interval 1 s) routed to the webhook with
group_wait 0s. Each run appends 20 error records of a new artefact (breach-N) stamped now, flushes,
and measures the time from the write to the webhook's arrival of the alert naming breach-N.
Prints each latency and the median. The path: the tail's poll (250 ms), the rule group's round (1 s),
the alert keeper's transaction (alert state + outbox event), the notification sender's poll (1 s),
the HTTP POST.

With --load DIR (a folder written by `gen_alerts_1000.py DIR --now --append-for SECONDS`, still
appending), the same `serve` also follows DIR/telemetry.jsonl and evaluates DIR's 1,000 rules (their
group at the default 15 s) beside the breach rule: the breach's time under that load. The runs start
once serve's log shows the load's first round recorded (its 1,000 transitions: the first turn reads
the load's 10 minutes of history; at most 30 minutes), and 30 s more (two rounds of the load's group).
Each run's line has the load average (1 min) when it started.
"""
import datetime
import http.server
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

args = [a for a in sys.argv[1:]]
load = None
if "--load" in args:
    load = args[args.index("--load") + 1]
    del args[args.index("--load"):args.index("--load") + 2]
binary = args[0]
runs = int(args[1]) if len(args) > 1 else 5
arrivals = []  # (time, body)
lock = threading.Lock()


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            arrivals.append((time.time(), body.decode("utf-8", "replace")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def line(artefact, i, status):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return json.dumps({
        "ts": now, "request_id": f"{artefact}-{i}", "artefact": artefact, "kind": "agent", "version": "v1",
        "route": "stable", "latency_ms": 100, "input_tokens": 1, "output_tokens": 1, "cost_usd": 0.0,
        "status": status}) + "\n"


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
threading.Thread(target=server.serve_forever, daemon=True).start()
root = tempfile.mkdtemp(prefix="fd-breach-")
telemetry = os.path.join(root, "telemetry.jsonl")
with open(telemetry, "w") as f:
    f.write(line("warmup", 0, "ok"))
with open(os.path.join(root, "rules.yml"), "w") as f:
    f.write("groups:\n  - name: breach\n    interval: 1s\n    rules:\n      - alert: Breach\n"
            "        expr: 'error_rate{artefact=~\"breach-.*\"}[10s] > 0.5'\n        labels:\n          severity: ticket\n")
    if load:
        # The load's group (its file starts with "groups:\n").
        f.write(open(os.path.join(load, "rules-1000.yml")).read().split("\n", 1)[1])
with open(os.path.join(root, "fd.toml"), "w") as f:
    f.write(f'[alerts]\nrules = "{root}/rules.yml"\n\n[[notifications.receivers]]\nname = "hook"\ntype = "webhook"\n'
            f'url = "http://127.0.0.1:{server.server_address[1]}/hook"\n\n[notifications.route]\nreceiver = "hook"\n'
            'group_by = ["alertname", "artefact"]\ngroup_wait = "0s"\n'
            + ('\n[metrics]\nmax_series = 20000\n' if load else ''))
ws = os.path.join(root, "ws")
subprocess.run([binary, "init", "--workspace", ws], check=True, capture_output=True)
log = open(os.path.join(root, "serve.log"), "w")
serve = subprocess.Popen([binary, "serve", "--config", os.path.join(root, "fd.toml"), "--workspace", ws,
                          "--listen", f"127.0.0.1:{free_port()}", telemetry]
                         + ([os.path.join(load, "telemetry.jsonl")] if load else []), stdout=log, stderr=log)
try:
    started = time.time()
    # Under --load the lease line may wait for the first turn (reading the history).
    deadline = time.time() + (1800 if load else 60)
    while "holding the controller lease" not in open(log.name).read():
        if time.time() > deadline or serve.poll() is not None:
            sys.exit("serve did not take the lease:\n" + open(log.name).read())
        time.sleep(0.1)
    if load:
        deadline = time.time() + 1800
        while "more transitions" not in open(log.name).read():
            if time.time() > deadline or serve.poll() is not None:
                sys.exit("the load's first round was not recorded:\n" + open(log.name).read()[-4000:])
            time.sleep(1)
        print(f"the load's first round recorded after {time.time() - started:.0f} s", flush=True)
        time.sleep(30)
    else:
        time.sleep(3)
    latencies = []
    for n in range(runs):
        artefact = f"breach-{n}"
        load_before = os.getloadavg()[0]
        with open(telemetry, "a") as f:
            f.write("".join(line(artefact, i, "error") for i in range(20)))
            f.flush()
            os.fsync(f.fileno())
        t0 = time.time()
        deadline = t0 + 60
        got = None
        while got is None and time.time() < deadline:
            with lock:
                got = next((t for t, body in arrivals if f'"{artefact}"' in body), None)
            time.sleep(0.005)
        if got is None:
            sys.exit(f"no webhook for {artefact} within 60 s:\n" + open(log.name).read())
        latencies.append(got - t0)
        print(f"{artefact}: {1000 * (got - t0):.0f} ms (load average {load_before:.1f} before)",
              flush=True)
        time.sleep(2.3)  # a different phase of the 1 s rounds and polls each run
    print(f"median {1000 * statistics.median(latencies):.0f} ms, min {1000 * min(latencies):.0f}, "
          f"max {1000 * max(latencies):.0f} ms over {runs} runs")
finally:
    serve.terminate()
    try:
        serve.wait(timeout=30)
    except subprocess.TimeoutExpired:
        serve.kill()
    server.shutdown()
