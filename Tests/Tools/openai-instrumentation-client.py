#!/usr/bin/env python3
"""Real spans of the official OpenAI instrumentation, sent to an OTLP/HTTP endpoint.

Usage: python3 Tests/Tools/openai-instrumentation-client.py --endpoint URL
           [--semconv latest] [--compression gzip]

The `openai` Python client, instrumented by opentelemetry-instrumentation-openai-v2,
calls a stub of the OpenAI chat-completions API that this script serves on a
free loopback port (no provider is called). The spans go through the real
OTLP/HTTP protobuf exporter (opentelemetry-exporter-otlp-proto-http) to
URL/v1/traces (URL is the receiver's base, e.g. http://127.0.0.1:4318).

Calls, in order (model requested: gpt-4o-mini; the stub answers with model
gpt-4o-mini-2024-07-18):
  cached   200: prompt_tokens 1200 (prompt_tokens_details.cached_tokens 1024),
           completion_tokens 80
  plain    200: prompt_tokens 300 (cached_tokens 0), completion_tokens 40
  error500 500: the client raises InternalServerError (no response model)
  error429 429: the client raises RateLimitError (no response model)
  stream   200, server-sent events (stream=True, include_usage): 3 content
           chunks, then a usage chunk: prompt_tokens 50, completion_tokens 3
The client does no retries (max_retries=0).

--semconv latest sets OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental
(the instrumentation's opt-in to the newest GenAI conventions); without it the
instrumentation emits its default (semantic conventions v1.30.0) attributes.
--compression gzip makes the exporter gzip its bodies.

Prints one JSON object on stdout: {"semconv", "sent": what the stub answered
per call, "spans": every span as the SDK ended it (name, trace/span id in hex,
start/end in ns since the epoch, status code, attributes)}, read from an
in-memory exporter on the same tracer provider, so a test can compare what
FlightDeck decoded with what was sent. Exit status 3 when a package is missing.
"""

import argparse
import http.server
import json
import os
import sys
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("--endpoint", required=True)
parser.add_argument("--semconv", choices=["default", "latest"], default="default")
parser.add_argument("--compression", choices=["none", "gzip"], default="none")
args = parser.parse_args()
if args.semconv == "latest":
    os.environ["OTEL_SEMCONV_STABILITY_OPT_IN"] = "gen_ai_latest_experimental"

try:
    import openai
    from opentelemetry.exporter.otlp.proto.http import Compression
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.openai_v2 import OpenAIInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
except ImportError as e:
    print(f"missing package: {e}", file=sys.stderr)
    sys.exit(3)

RESPONSE_MODEL = "gpt-4o-mini-2024-07-18"
USAGE = {
    "cached": {"prompt_tokens": 1200, "completion_tokens": 80, "cached_tokens": 1024},
    "plain": {"prompt_tokens": 300, "completion_tokens": 40, "cached_tokens": 0},
    "stream": {"prompt_tokens": 50, "completion_tokens": 3, "cached_tokens": 0},
}
FAILURES = {"error500": 500, "error429": 429}


def usage_json(u):
    return {
        "prompt_tokens": u["prompt_tokens"],
        "completion_tokens": u["completion_tokens"],
        "total_tokens": u["prompt_tokens"] + u["completion_tokens"],
        "prompt_tokens_details": {"cached_tokens": u["cached_tokens"], "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0},
    }


class Stub(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def send_json(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        scenario = request["messages"][-1]["content"]
        time.sleep(0.02)  # the stub's "model time", so latencies are not ~0
        if scenario in FAILURES:
            code = FAILURES[scenario]
            self.send_json(
                code,
                {"error": {"message": f"stub {code}", "type": "server_error" if code == 500 else "rate_limit_exceeded", "code": None}},
            )
            return
        created = int(time.time())
        if request.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            base = {"id": f"chatcmpl-{scenario}", "object": "chat.completion.chunk", "created": created, "model": RESPONSE_MODEL}
            chunks = [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]
            chunks += [{"index": 0, "delta": {"content": w}, "finish_reason": None} for w in ["Par", "is", "."]]
            chunks += [{"index": 0, "delta": {}, "finish_reason": "stop"}]
            for c in chunks:
                self.wfile.write(b"data: " + json.dumps({**base, "choices": [c]}).encode() + b"\n\n")
                self.wfile.flush()
                time.sleep(0.005)
            self.wfile.write(b"data: " + json.dumps({**base, "choices": [], "usage": usage_json(USAGE[scenario])}).encode() + b"\n\n")
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True
            return
        self.send_json(
            200,
            {
                "id": f"chatcmpl-{scenario}",
                "object": "chat.completion",
                "created": created,
                "model": RESPONSE_MODEL,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "Paris."}, "finish_reason": "stop"}],
                "usage": usage_json(USAGE[scenario]),
            },
        )

    def log_message(self, *a):
        pass


def main():
    stub = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=stub.serve_forever, daemon=True).start()

    provider = TracerProvider(resource=Resource.create({"service.name": "openai-instrumentation-client"}))
    memory = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(memory))
    exporter = OTLPSpanExporter(
        endpoint=args.endpoint.rstrip("/") + "/v1/traces",
        compression=Compression.Gzip if args.compression == "gzip" else Compression.NoCompression,
    )
    provider.add_span_processor(BatchSpanProcessor(exporter))
    OpenAIInstrumentor().instrument(tracer_provider=provider)

    client = openai.OpenAI(
        api_key="sk-test-not-a-key", base_url=f"http://127.0.0.1:{stub.server_address[1]}/v1", max_retries=0
    )
    sent = []
    for scenario in ["cached", "plain", "error500", "error429", "stream"]:
        messages = [{"role": "user", "content": scenario}]
        entry = {"scenario": scenario}
        try:
            if scenario == "stream":
                stream = client.chat.completions.create(
                    model="gpt-4o-mini", messages=messages, stream=True, stream_options={"include_usage": True}
                )
                entry["text"] = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
            else:
                client.chat.completions.create(model="gpt-4o-mini", messages=messages)
            entry["status"] = 200
            entry["usage"] = USAGE[scenario]
            entry["response_model"] = RESPONSE_MODEL
        except openai.APIStatusError as e:
            entry["status"] = e.status_code
            entry["error"] = type(e).__qualname__
        sent.append(entry)

    provider.force_flush()
    provider.shutdown()
    stub.shutdown()

    def plain(v):
        return list(v) if isinstance(v, tuple) else v

    spans = [
        {
            "name": s.name,
            "trace_id": format(s.context.trace_id, "032x"),
            "span_id": format(s.context.span_id, "016x"),
            "start_ns": s.start_time,
            "end_ns": s.end_time,
            "status": s.status.status_code.name,
            "status_description": s.status.description,
            "attributes": {k: plain(v) for k, v in (s.attributes or {}).items()},
        }
        for s in memory.get_finished_spans()
    ]
    print(json.dumps({"semconv": args.semconv, "sent": sent, "spans": spans}, indent=1))


if __name__ == "__main__":
    main()
