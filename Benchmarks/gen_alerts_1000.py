#!/usr/bin/env python3
"""The "1,000 rules over 10,000 series" benchmark's inputs (Benchmarks article).

gen_alerts_1000.py OUT_DIR [--minutes 10] [--now [--append-for SECONDS]]
  OUT_DIR/telemetry.jsonl: 10,000 series (2,500 artefacts bot-0000..bot-2499 x versions v1, v2 x routes
    stable, canary), one request per series every 10 s over the last MINUTES minutes (ending at the
    fixed 2025-06-01T00:10:00Z, or at the current time with --now); 1 in 50 requests is an error.
    With --append-for, once the file is written (OUT_DIR/backfilled is then created) the same
    10,000 series go on live: every 10 s of wall time one request per series stamped in those 10 s
    is appended (1,000 records a second), for SECONDS.
  OUT_DIR/rules-1000.yml: one group, 1,000 rules at the default interval:
    900 per artefact   error_rate{artefact="bot-NNNN"}[1m] > 0.5           (4 series each)
     90 per route      error_rate{route="canary"}[5m] > 0.9 + k/1000       (5,000 series each)
     10 everything     p95_latency_ms[5m] > 100000 + k                      (10,000 series each)
  OUT_DIR/rules-1.yml: the first rule alone (the baseline: reading and decoding the file).
  OUT_DIR/alerts.toml: [alerts] rules = rules-1000.yml; [metrics] max_series = 20000.
"""
import datetime
import json
import os
import random
import sys
import time

if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
    # `--help` (or a missing folder) must not become the output folder.
    print(__doc__ or "gen_alerts_1000.py OUT [--minutes N] [--now] [--append-for SECONDS]", file=sys.stderr)
    sys.exit(0 if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help") else 64)
out = sys.argv[1]
minutes = int(sys.argv[sys.argv.index("--minutes") + 1]) if "--minutes" in sys.argv else 10
end_ms = int(time.time() * 1000) if "--now" in sys.argv else 1_748_736_600_000
os.makedirs(out, exist_ok=True)
rng = random.Random(1000)


def rfc3339(ms):
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def write_tick(f, tick, base):
    for a in range(2500):
        for v in ("v1", "v2"):
            for route in ("stable", "canary"):
                f.write(json.dumps({
                    "ts": rfc3339(base + rng.randrange(10_000)), "request_id": f"r{tick}-{a}-{v}-{route}",
                    "artefact": f"bot-{a:04d}", "kind": "agent", "version": v, "route": route,
                    "latency_ms": rng.randrange(50, 3000), "input_tokens": 100, "output_tokens": 20,
                    "cost_usd": 0.0002, "status": "error" if rng.randrange(50) == 0 else "ok",
                }, separators=(",", ":")) + "\n")


with open(os.path.join(out, "telemetry.jsonl"), "w") as f:
    start = end_ms - minutes * 60_000
    for tick in range(0, minutes * 6):
        write_tick(f, tick, start + tick * 10_000)

rules = []
for i in range(900):
    rules.append(f'error_rate{{artefact="bot-{i:04d}"}}[1m] > 0.5')
for k in range(90):
    rules.append(f'error_rate{{route="canary"}}[5m] > {0.9 + k / 1000:.3f}')
for k in range(10):
    rules.append(f"p95_latency_ms[5m] > {100000 + k}")


def write_rules(path, exprs):
    with open(path, "w") as f:
        f.write("groups:\n  - name: load\n    rules:\n")
        for n, e in enumerate(exprs):
            f.write(f"      - alert: Load{n:04d}\n        expr: '{e}'\n        labels:\n          severity: ticket\n")


write_rules(os.path.join(out, "rules-1000.yml"), rules)
write_rules(os.path.join(out, "rules-1.yml"), rules[:1])
for name, rules_file in (("alerts.toml", "rules-1000.yml"), ("alerts-1.toml", "rules-1.yml")):
    with open(os.path.join(out, name), "w") as f:
        f.write(f'[alerts]\nrules = "{os.path.join(os.path.abspath(out), rules_file)}"\n\n[metrics]\nmax_series = 20000\n')

if "--append-for" in sys.argv:
    seconds = float(sys.argv[sys.argv.index("--append-for") + 1])
    open(os.path.join(out, "backfilled"), "w").close()
    stop = time.time() + seconds
    tick = minutes * 6
    base = end_ms
    with open(os.path.join(out, "telemetry.jsonl"), "a") as f:
        while time.time() < stop:
            # The tick [base, base + 10 s) is written once it has passed.
            delay = (base + 10_000) / 1000 - time.time()
            if delay > 0:
                time.sleep(delay)
            write_tick(f, tick, base)
            f.flush()
            tick += 1
            base += 10_000
