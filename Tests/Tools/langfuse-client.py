#!/usr/bin/env python3
"""Real spans of the Langfuse Python SDK (v3, OpenTelemetry-based), sent to an endpoint.

Usage: python3 Tests/Tools/langfuse-client.py --endpoint URL

LANGFUSE_HOST is set to URL (the receiver's base, e.g. http://127.0.0.1:4318),
with a made-up key pair, so the SDK exports OTLP/HTTP protobuf to
URL/api/public/otel/v1/traces with its basic-auth header, as it would to a
Langfuse server. One trace, "handle-request" (a span), holds:
  answer    generation, model gpt-4o, prompt support-answer version 3,
            usage_details input 500 + input_cached_tokens 1000 + output 200,
            total 1700; cost_details input 0.00125, input_cached_tokens
            0.00125, output 0.002, total 0.0045 (USD); completion_start_time
            set between start and end (time to first token)
  fallback  generation, model gpt-4o-mini, usage_details input 300, output 40
            (no cost_details: the receiver prices it)
  failed    generation, model gpt-4o, prompt support-answer version 3,
            level ERROR, status_message "RateLimitError: stub 429", no usage
  lookup    a tool observation (not a generation)
then flushes and shuts the client down.

Prints one JSON object on stdout: {"observations": per observation its name,
type, the inputs above, and the span as the SDK ended it (trace/span id in
hex, start/end and completion start in ns since the epoch)}. Exit status 3
when the langfuse package is missing.
"""

import argparse
import json
import os
import sys
import time
from datetime import datetime, timezone

parser = argparse.ArgumentParser()
parser.add_argument("--endpoint", required=True)
args = parser.parse_args()
os.environ["LANGFUSE_HOST"] = args.endpoint.rstrip("/")
os.environ["LANGFUSE_PUBLIC_KEY"] = "pk-lf-flightdeck-test"
os.environ["LANGFUSE_SECRET_KEY"] = "sk-lf-flightdeck-test"

try:
    from langfuse import Langfuse
    from langfuse.api.resources.prompts.types.prompt import Prompt_Text
    from langfuse.model import TextPromptClient
except ImportError as e:
    print(f"missing package: {e}", file=sys.stderr)
    sys.exit(3)


def main():
    langfuse = Langfuse()
    prompt = TextPromptClient(
        Prompt_Text(name="support-answer", version=3, prompt="Answer: {{question}}", config={}, labels=["production"], tags=[])
    )
    out = []

    def record(obs, name, kind, **inputs):
        span = obs._otel_span
        out.append(
            {
                "name": name,
                "type": kind,
                "trace_id": format(span.context.trace_id, "032x"),
                "span_id": format(span.context.span_id, "016x"),
                "start_ns": span.start_time,
                "end_ns": span.end_time,
                **inputs,
            }
        )

    root = langfuse.start_observation(name="handle-request", as_type="span")

    answer = root.start_observation(name="answer", as_type="generation", model="gpt-4o", prompt=prompt)
    time.sleep(0.03)
    first = datetime.now(timezone.utc)
    time.sleep(0.02)
    usage = {"input": 500, "input_cached_tokens": 1000, "output": 200, "total": 1700}
    cost = {"input": 0.00125, "input_cached_tokens": 0.00125, "output": 0.002, "total": 0.0045}
    answer.update(usage_details=usage, cost_details=cost, completion_start_time=first)
    answer.end()
    record(
        answer, "answer", "generation", model="gpt-4o", prompt_name="support-answer", prompt_version=3,
        usage_details=usage, cost_details=cost,
        completion_start_ns=int(first.timestamp() * 1_000_000) * 1000,
    )

    fallback = root.start_observation(name="fallback", as_type="generation", model="gpt-4o-mini")
    time.sleep(0.01)
    usage = {"input": 300, "output": 40}
    fallback.update(usage_details=usage)
    fallback.end()
    record(fallback, "fallback", "generation", model="gpt-4o-mini", usage_details=usage)

    failed = root.start_observation(name="failed", as_type="generation", model="gpt-4o", prompt=prompt)
    time.sleep(0.01)
    failed.update(level="ERROR", status_message="RateLimitError: stub 429")
    failed.end()
    record(
        failed, "failed", "generation", model="gpt-4o", prompt_name="support-answer", prompt_version=3,
        level="ERROR", status_message="RateLimitError: stub 429",
    )

    tool = root.start_observation(name="lookup", as_type="tool")
    tool.end()
    record(tool, "lookup", "tool")

    root.end()
    record(root, "handle-request", "span")
    langfuse.flush()
    langfuse.shutdown()
    print(json.dumps({"observations": out}, indent=1))


if __name__ == "__main__":
    main()
