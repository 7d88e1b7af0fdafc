#!/usr/bin/env python3
"""1,000 alert rules over the 10,000 series of gen_cardinality.c (5,000 artefacts svc-00000 … svc-04999,
each on route stable and canary), for the "1,000 rules over 10,000 series" benchmark (Benchmarks
article, "Alert rules at scale"). Two shapes:

  mix   500 per-service rules (error_rate of one artefact: 2 series each), 400 slice rules (p95 of
        the canary legs of the 100 artefacts whose number starts with two given digits)
        and 100 fleet-wide rules (request_rate above 100/s, error_rate above 50 %, over all 10,000
        series: rarely true, as fleet-wide alerts are): about 1.04 M series evaluated per round.
  wide  1,000 rules each over all 10,000 series (error_rate with 1,000 thresholds): 10 M per round.

Usage: gen_rules.py mix|wide > rules.yml
"""
import sys

shape = sys.argv[1] if len(sys.argv) > 1 else "mix"
print("groups:")
print("  - name: bench")
print("    rules:")
def rule(name, expr):
    print(f"      - alert: {name}")
    print(f"        expr: '{expr}'")
    print("        for: 1m")
    print("        labels:")
    print("          severity: ticket")
if shape == "wide":
    for i in range(1000):
        rule(f"Wide{i}", f"error_rate[1m] > {0.02 + i * 0.0001:.4f}")
else:
    for i in range(500):
        rule(f"Service{i}", f'error_rate{{artefact="svc-{i * 10:05d}"}}[1m] > 0.05')
    for j in range(400):
        prefix, threshold = j % 50, 1500 + j
        rule(f"Slice{j}", f'p95_latency_ms{{artefact=~"svc-0{prefix:02d}[0-9]+",route="canary"}}[5m] > {threshold}')
    for i in range(100):
        if i % 2 == 0:
            rule(f"Fleet{i}", f"request_rate[1m] > {100 + i}")
        else:
            rule(f"Fleet{i}", f"error_rate[5m] > {0.5 + i / 1000:.3f}")
