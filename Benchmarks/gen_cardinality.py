#!/usr/bin/env python3
"""Deterministic FlightDeck JSON Lines telemetry over many (artefact, version, route) groups.

Usage: gen_cardinality.py --lines N --groups G [--seed S] > file.jsonl

Same keys, order and formats as ../shared/bench/gen_telemetry.py (so the peers
script reads it unchanged): ts (RFC 3339, ms, non-decreasing, 1 ms apart),
request_id, artefact, kind, version, route, latency_ms (3 decimals), input_tokens,
output_tokens, cost_usd (6 decimals), status. Group g (0 <= g < G) is artefact
"svc-<g // 2>" on route stable (version v1) for even g, canary (v2) for odd g; each
line picks a group uniformly at random. latency_ms is lognormal with a per-group
median between 20 ms and 2 s and sigma 0.5; 0.5 % of requests time out at
30000.0 ms, 1.5 % are errors. Needs numpy.
"""
import argparse
import sys

import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lines", type=int, required=True)
    ap.add_argument("--groups", type=int, required=True)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    g_mu = np.log(20.0) + rng.random(a.groups) * np.log(100.0)
    frag = []
    for g in range(a.groups):
        route, ver = ("stable", 1) if g % 2 == 0 else ("canary", 2)
        frag.append('","artefact":"svc-%05d","kind":"model","version":"v%d","route":"%s","latency_ms":'
                    % (g // 2, ver, route))
    start = 1748736000  # 2025-06-01T00:00:00Z
    out = sys.stdout
    block = 200_000
    n = 0
    while n < a.lines:
        k = min(block, a.lines - n)
        groups = rng.integers(0, a.groups, k)
        lat = np.exp(g_mu[groups] + 0.5 * rng.standard_normal(k))
        u = rng.random(k)
        tin = rng.integers(50, 4000, k)
        tout = rng.integers(1, 800, k)
        lines = []
        for i in range(k):
            t = n + i
            sec, ms = divmod(t, 1000)
            m, s = divmod(sec, 60)
            h, m = divmod(m, 60)
            ts = "2025-06-%02dT%02d:%02d:%02d.%03dZ" % (1 + h // 24, h % 24, m, s, ms)
            uu = u[i]
            if uu < 0.005:
                st, latency, o = "timeout", 30000.0, 0
            elif uu < 0.02:
                st, latency, o = "error", lat[i], 0
            else:
                st, latency, o = "ok", lat[i], int(tout[i])
            it = int(tin[i])
            lines.append('{"ts":"%s","request_id":"r%012x%s%.3f,"input_tokens":%d,"output_tokens":%d,'
                         '"cost_usd":%.6f,"status":"%s"}\n'
                         % (ts, t, frag[groups[i]], latency, it, o, it * 1e-6 + o * 3e-6, st))
        out.write("".join(lines))
        n += k


if __name__ == "__main__":
    main()
