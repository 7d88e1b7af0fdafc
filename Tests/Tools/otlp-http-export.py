#!/usr/bin/env python3
"""Sends GenAI spans through the real OpenTelemetry Python OTLP/HTTP exporter.

Usage: python3 Tests/Tools/otlp-http-export.py ENDPOINT [--gzip] [--token TOKEN]

ENDPOINT is the full traces URL, e.g. http://127.0.0.1:4318/v1/traces. The
spans are made by opentelemetry-sdk (TracerProvider, BatchSpanProcessor) and
exported by opentelemetry-exporter-otlp-proto-http's OTLPSpanExporter
(protobuf; gzip with --gzip; "Authorization: Bearer TOKEN" with --token), so
the request bytes, headers and retries are the exporter's own. The GenAI
attributes are set by hand, as the official OpenAI instrumentation names
them (gen_ai.request.model, gen_ai.response.model, gen_ai.usage.*,
error.type; a failed call has no response model).

Prints one JSON object to stdout:
  {"results": ["SUCCESS", ...],          # every export call's SpanExportResult
   "spans": [{"request_id", "model", "response_model", "input_tokens",
              "output_tokens", "cache_read_tokens", "latency_ms", "error"}, ...]}
for the GenAI spans sent (the extra HTTP span is not listed: the receiver
skips it).

Exit status 3 (with a message on stderr) when opentelemetry-sdk or
opentelemetry-exporter-otlp-proto-http is not installed.
"""

import json
import sys

try:
    from opentelemetry.exporter.otlp.proto.http import Compression
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
    from opentelemetry.trace import SpanKind, Status, StatusCode
except ImportError as e:  # pragma: no cover
    print(f"otlp-http-export: {e} (pip install opentelemetry-sdk "
          "opentelemetry-exporter-otlp-proto-http)", file=sys.stderr)
    sys.exit(3)


class Recording(SpanExporter):
    """Forwards to the real exporter and keeps each export's result."""

    def __init__(self, inner):
        self.inner = inner
        self.results = []

    def export(self, spans):
        result = self.inner.export(spans)
        self.results.append(result.name)
        return result

    def shutdown(self):
        self.inner.shutdown()

    def force_flush(self, timeout_millis=30000):
        return True


T0 = 1_700_000_000_000_000_000  # ns

# (request model, response model or None, input, output, cache read, duration ns, error type or None)
CALLS = [
    ("gpt-4o-mini", "gpt-4o-mini-2024-07-18", 1234, 567, 1000, 1_234_500_000, None),
    ("gpt-4o-mini", None, 800, 0, 0, 310_000_000, "RateLimitError"),
    ("gpt-4o", "gpt-4o-2024-08-06", 50, 7, 0, 21_341, None),
    ("claude-sonnet-4-5", "claude-sonnet-4-5-20250929", 3000, 250, 2048, 2_000_000_000, None),
    ("gpt-4o", None, 12, 0, 0, 5_000_000, "APIConnectionError"),
]


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    endpoint = args[0]
    compression = Compression.Gzip if "--gzip" in args else Compression.NoCompression
    headers = {}
    if "--token" in args:
        headers["Authorization"] = "Bearer " + args[args.index("--token") + 1]
    exporter = Recording(OTLPSpanExporter(endpoint=endpoint, compression=compression, headers=headers,
                                          timeout=30))
    provider = TracerProvider(resource=Resource.create({"service.name": "otlp-http-export"}))
    provider.add_span_processor(BatchSpanProcessor(exporter, max_export_batch_size=4))
    tracer = provider.get_tracer("otlp-http-export", "1.0")
    spans = []
    start = T0
    for model, response_model, tin, tout, cache, duration, error in CALLS:
        span = tracer.start_span(f"chat {model}", kind=SpanKind.CLIENT, start_time=start)
        span.set_attribute("gen_ai.operation.name", "chat")
        span.set_attribute("gen_ai.provider.name", "openai")
        span.set_attribute("gen_ai.request.model", model)
        span.set_attribute("gen_ai.usage.input_tokens", tin)
        if response_model is not None:
            span.set_attribute("gen_ai.response.model", response_model)
            span.set_attribute("gen_ai.usage.output_tokens", tout)
        if cache:
            span.set_attribute("gen_ai.usage.cache_read.input_tokens", cache)
        if error is not None:
            span.set_attribute("error.type", error)
            span.set_status(Status(StatusCode.ERROR, error))
        span.end(end_time=start + duration)
        ctx = span.get_span_context()
        spans.append({
            "request_id": f"{ctx.trace_id:032x}{ctx.span_id:016x}",
            "model": model,
            "response_model": response_model,
            "input_tokens": tin,
            "output_tokens": tout,
            "cache_read_tokens": cache,
            "latency_ms": duration / 1e6,
            "error": error is not None,
        })
        start += 1_000_000_000
    other = tracer.start_span("GET /health", kind=SpanKind.SERVER, start_time=start)
    other.set_attribute("http.request.method", "GET")
    other.end(end_time=start + 1_000_000)
    provider.force_flush()
    provider.shutdown()
    print(json.dumps({"results": exporter.results, "spans": spans}))


if __name__ == "__main__":
    main()
