#!/usr/bin/env python3
"""Deterministic generator of the same GenAI requests as OTLP/JSON lines and as
FlightDeck JSON Lines, for the OTLP/JSON replay benchmark (bench-otlp-json.sh).

Usage: gen_otlp_json.py --spans N --seed S --otlp OUT.jsonl --native OUT.jsonl
                        [--prices prices.toml] [--prices-tsv OUT.tsv]

Each request is one OTLP/JSON line (`{"resourceSpans": [...]}` with one span, the
shape of the Collector's file exporter: hex ids, int64 as strings, kind 3,
status {"code": 2} on errors, GenAI attributes gen_ai.request.model,
gen_ai.response.model, gen_ai.usage.input_tokens/output_tokens,
gen_ai.provider.name, flightdeck.route, plus an http.url and a temperature
that the mapping ignores) and one FlightDeck line (artefact = request model,
version = response model, route, latency_ms, tokens, cost_usd, status), so
that `flightdeck replay` gives the same per-series table on either file:
- latency_ms has 3 decimals; end - start = latency_ms x 1e6 ns exactly;
- ts = start time in ms (start ns = ms x 1e6 + a sub-ms part, truncated away);
- cost_usd = (input x input_per_million + output x output_per_million) / 1e6,
  the float replay computes from the price table for the OTLP span (written
  with repr, so it reads back to the same double).
--prices-tsv writes model, input_per_million, output_per_million for the
DuckDB peer. Standard library only; the output is a function of the arguments.
"""
import argparse
import math
import random
import tomllib

MODELS = [  # request model, response model, provider, lognormal mu, sigma (ms), mean in, mean out, weight
    ("gpt-4o", "gpt-4o-2024-08-06", "openai", 6.8, 0.5, 1800, 350, 0.30),
    ("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "openai", 6.2, 0.45, 900, 200, 0.25),
    ("claude-sonnet-4", "claude-sonnet-4-20250514", "anthropic", 7.1, 0.55, 2500, 400, 0.20),
    ("claude-haiku-4-5", "claude-haiku-4-5-20251001", "anthropic", 6.0, 0.4, 700, 150, 0.10),
    ("gemini-2.5-flash", "gemini-2.5-flash-001", "google", 6.4, 0.5, 1200, 300, 0.10),
    ("gpt-5", "gpt-5-2025-08-07", "openai", 7.6, 0.6, 3000, 900, 0.05),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spans", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--otlp", required=True)
    ap.add_argument("--native", required=True)
    ap.add_argument("--prices", default="Sources/FlightDeckCore/Resources/prices.toml")
    ap.add_argument("--prices-tsv")
    a = ap.parse_args()
    with open(a.prices, "rb") as f:
        table = tomllib.load(f)["prices"]
    price = {m[0]: (float(table[m[0]]["input_per_million"]), float(table[m[0]]["output_per_million"]))
             for m in MODELS}
    if a.prices_tsv:
        with open(a.prices_tsv, "w") as f:
            f.write("model\tinput_per_million\toutput_per_million\n")
            for m, (pi, po) in price.items():
                f.write(f"{m}\t{pi!r}\t{po!r}\n")
    rng = random.Random(a.seed)
    weights = [m[7] for m in MODELS]
    ms = 1_748_736_000_000  # 2025-06-01T00:00:00Z
    with open(a.otlp, "w") as fo, open(a.native, "w") as fn:
        for k in range(a.spans):
            ms += rng.choice((0, 1, 1, 2))
            model, response, provider, mu, sigma, mean_in, mean_out, _ = rng.choices(MODELS, weights)[0]
            r = rng.random()
            route = "canary" if r < 0.10 else "shadow" if r < 0.15 else "stable"
            error = rng.random() < (0.04 if route == "canary" else 0.015)
            latency_us = max(1, int(math.exp(rng.gauss(mu, sigma)) * 1000))  # 3 decimals of ms
            tin = max(1, int(rng.expovariate(1 / mean_in)))
            tout = 0 if error else max(1, int(rng.expovariate(1 / mean_out)))
            pi, po = price[model]
            cost = (tin * pi + tout * po) / 1_000_000
            trace = "%032x" % rng.getrandbits(128)
            span = "%016x" % (rng.getrandbits(64) | 1)
            start = ms * 1_000_000 + rng.randrange(1_000_000)
            end = start + latency_us * 1000
            ts = "%s.%03dZ" % (__import__("time").strftime("%Y-%m-%dT%H:%M:%S", __import__("time").gmtime(ms // 1000)), ms % 1000)
            latency = "%d.%03d" % divmod(latency_us, 1000)
            status = ',"status":{"code":2}' if error else ',"status":{}'
            fo.write(
                '{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"chat-api"}},'
                '{"key":"telemetry.sdk.language","value":{"stringValue":"python"}}]},'
                '"scopeSpans":[{"scope":{"name":"opentelemetry.instrumentation.openai_v2","version":"2.1b0"},'
                f'"spans":[{{"traceId":"{trace}","spanId":"{span}","parentSpanId":"","flags":256,'
                f'"name":"chat {model}","kind":3,"startTimeUnixNano":"{start}","endTimeUnixNano":"{end}",'
                '"attributes":['
                f'{{"key":"gen_ai.operation.name","value":{{"stringValue":"chat"}}}},'
                f'{{"key":"gen_ai.provider.name","value":{{"stringValue":"{provider}"}}}},'
                f'{{"key":"gen_ai.request.model","value":{{"stringValue":"{model}"}}}},'
                f'{{"key":"gen_ai.request.temperature","value":{{"doubleValue":0.7}}}},'
                f'{{"key":"gen_ai.response.model","value":{{"stringValue":"{response}"}}}},'
                f'{{"key":"gen_ai.usage.input_tokens","value":{{"intValue":"{tin}"}}}},'
                f'{{"key":"gen_ai.usage.output_tokens","value":{{"intValue":"{tout}"}}}},'
                f'{{"key":"flightdeck.route","value":{{"stringValue":"{route}"}}}},'
                f'{{"key":"server.address","value":{{"stringValue":"api.example.com"}}}}]'
                f'{status}}}]}}]}}]}}\n')
            fn.write(
                f'{{"ts":"{ts}","request_id":"{trace}{span}","artefact":"{model}","kind":"model",'
                f'"version":"{response}","route":"{route}","latency_ms":{latency},"input_tokens":{tin},'
                f'"output_tokens":{tout},"cost_usd":{cost!r},"status":"{"error" if error else "ok"}"}}\n')


if __name__ == "__main__":
    main()
