#!/usr/bin/env python3
"""Reference OTLP/protobuf trace requests from the real OpenTelemetry Python exporter.

Usage: python3 Tests/Tools/otlp-protobuf-reference.py OUTPUT_DIR
       python3 Tests/Tools/otlp-protobuf-reference.py --bench SPANS OUTPUT_DIR

Writes, for each request NAME, two files holding the same
ExportTraceServiceRequest:
  NAME.pb    the exporter's own bytes:
             opentelemetry.exporter.otlp.proto.common.trace_encoder
             .encode_spans(spans).SerializeToString()
             (for "anyvalue", a message built with the generated classes of
             opentelemetry-proto, serialized by protobuf itself)
  NAME.json  the same message as OTLP/JSON on one line:
             google.protobuf.json_format.MessageToJson (the proto3 JSON
             mapping), with traceId/spanId/parentSpanId turned from base64
             into lowercase hex as the OTLP/JSON encoding requires
             (OTLP specification, "JSON Protobuf Encoding": "traceId and
             spanId ... are represented as case-insensitive hex-encoded
             strings; they are not base64-encoded as is defined in the
             standard Protobuf JSON Mapping").

Requests:
  genai     GenAI spans from the SDK: two resources, two scopes, cache and
            reasoning tokens, an error status, a non-GenAI span, an array
            attribute, every span kind.
  anyvalue  one GenAI span whose attributes hold every AnyValue kind
            (string, bool, int, double, array, kvlist, bytes, empty),
            nested, and a resource attribute.
  many      2 000 SDK spans over 10 resources and 3 scopes each.

With --bench, writes only bench.pb and bench.json: SPANS GenAI spans in the
shape the official OpenAI instrumentation gives a chat call (request and
response model, provider, input/output/cache-read tokens, finish reasons,
server address, operation name), over 4 resources, for
Benchmarks/OTLPBench.

Exit status 3 (with a message on stderr) when opentelemetry-sdk or
opentelemetry-exporter-otlp-proto-http is not installed
(pip install opentelemetry-sdk opentelemetry-exporter-otlp-proto-http).
"""

import base64
import json
import os
import sys

try:
    from google.protobuf import json_format
    from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
    from opentelemetry.proto.collector.trace.v1 import trace_service_pb2
    from opentelemetry.proto.common.v1 import common_pb2
    from opentelemetry.proto.resource.v1 import resource_pb2
    from opentelemetry.proto.trace.v1 import trace_pb2
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
    from opentelemetry.sdk.trace.id_generator import IdGenerator
    from opentelemetry.trace import SpanKind, Status, StatusCode
except ImportError as e:  # pragma: no cover
    print(f"otlp-protobuf-reference: {e} (pip install opentelemetry-sdk "
          "opentelemetry-exporter-otlp-proto-http)", file=sys.stderr)
    sys.exit(3)


class CountingIds(IdGenerator):
    """Deterministic ids: trace k is 0x5b8e…00k, span k is 0xeee1…00k."""

    def __init__(self, base):
        self.trace = base
        self.span = base

    def generate_trace_id(self):
        self.trace += 1
        return (0x5B8EFFF798038103 << 64) | self.trace

    def generate_span_id(self):
        self.span += 1
        return (0xEEE19B7E << 32) | self.span


T0 = 1_700_000_000_123_456_789  # ns


def provider(exporter, resource_attributes, id_base):
    p = TracerProvider(resource=Resource.create(resource_attributes), id_generator=CountingIds(id_base))
    p.add_span_processor(SimpleSpanProcessor(exporter))
    return p


def genai_span(tracer, model, start, duration_ns, attrs, kind=SpanKind.CLIENT, error=None):
    span = tracer.start_span(f"chat {model}", kind=kind, start_time=start)
    if model is not None:
        span.set_attribute("gen_ai.request.model", model)
    for k, v in attrs.items():
        span.set_attribute(k, v)
    if error is not None:
        span.set_status(Status(StatusCode.ERROR, error))
        span.set_attribute("error.type", error)
    span.end(end_time=start + duration_ns)


def genai_request():
    exporter = InMemorySpanExporter()
    a = provider(exporter, {"service.name": "support-bot", "flightdeck.route": "canary"}, 0)
    b = provider(exporter, {"service.name": "batch", "flightdeck.version": "v7"}, 1000)
    t1 = a.get_tracer("openai.instrumentation", "2.1")
    t2 = a.get_tracer("custom.scope")
    t3 = b.get_tracer("batch.scope")
    genai_span(t1, "gpt-4o-mini", T0, 1_500_000_000, {
        "gen_ai.provider.name": "openai",
        "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
        "gen_ai.usage.input_tokens": 1234,
        "gen_ai.usage.output_tokens": 567,
        "gen_ai.usage.cache_read.input_tokens": 1000,
        "gen_ai.response.finish_reasons": ["stop"],
        "session.id": "s-9",
    })
    genai_span(t1, "o3-mini", T0 + 10_000_000, 21_341, {
        "gen_ai.system": "openai",
        "gen_ai.usage.input_tokens": 50,
        "gen_ai.usage.output_tokens": 900,
        "gen_ai.usage.reasoning.output_tokens": 700,
        "gen_ai.usage.cache_creation.input_tokens": 20,
    }, kind=SpanKind.INTERNAL)
    genai_span(t2, "gpt-4o", T0 + 20_000_000, 250_000_000, {
        "gen_ai.usage.input_tokens": 10,
    }, kind=SpanKind.SERVER, error="RateLimitError")
    genai_span(t2, None, T0 + 30_000_000, 5_000_000, {"http.request.method": "POST"},
               kind=SpanKind.PRODUCER)  # not GenAI: skipped
    genai_span(t3, "claude-sonnet-4-5", T0 + 40_000_000, 3_000_000_000, {
        "gen_ai.provider.name": "anthropic",
        "gen_ai.usage.input_tokens": 4000,
        "gen_ai.usage.output_tokens": 100,
        "gen_ai.usage.cache_read.input_tokens": 3000,
        "gen_ai.usage.cache_creation.input_tokens": 500,
        "flightdeck.kind": "agent",
        "flightdeck.artefact": "triage-agent",
        "gen_ai.request.temperature": 0.2,
        "gen_ai.request.stream": True,
    }, kind=SpanKind.CONSUMER)
    genai_span(t3, "gpt-4o-mini", T0 + 50_000_000, 1_000_000, {
        "gen_ai.usage.input_tokens": 5,
        "gen_ai.usage.cache_read.input_tokens": 6,  # more than input: rejected
    })
    return encode_spans(exporter.get_finished_spans())


def many_request():
    exporter = InMemorySpanExporter()
    models = ["gpt-4o-mini", "gpt-4o", "claude-sonnet-4-5", "o3-mini"]
    n = 0
    for r in range(10):
        p = provider(exporter, {"service.name": f"svc-{r}", "flightdeck.version": f"v{r % 3}"}, r * 100_000)
        for s in range(3):
            tracer = p.get_tracer(f"scope-{s}")
            for _ in range(2000 // 30 + (1 if r * 3 + s < 2000 % 30 else 0)):
                model = models[n % 4] if n % 7 != 3 else None
                attrs = {"gen_ai.usage.input_tokens": 100 + n % 50, "gen_ai.usage.output_tokens": n % 300}
                if n % 5 == 0:
                    attrs["gen_ai.usage.cache_read.input_tokens"] = 40
                genai_span(tracer, model, T0 + n * 1_000_003, 1_000_000 + n * 7_919, attrs,
                           error="APIError" if n % 11 == 0 else None)
                n += 1
    assert n == 2000, n
    return encode_spans(exporter.get_finished_spans())


def bench_request(count):
    exporter = InMemorySpanExporter()
    providers = [provider(exporter, {"service.name": f"svc-{r}", "service.version": "1.4.2"}, r * 10_000_000)
                 for r in range(4)]
    tracers = [p.get_tracer("opentelemetry.instrumentation.openai_v2", "2.1b0") for p in providers]
    models = ["gpt-4o-mini", "gpt-4o", "gpt-4.1", "o3-mini"]
    for n in range(count):
        model = models[n % 4]
        genai_span(tracers[n % 4], model, T0 + n * 1_000_003, 300_000_000 + n * 7_919, {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": "openai",
            "gen_ai.response.model": model + "-2024-08-06",
            "gen_ai.response.id": f"chatcmpl-{n:012d}",
            "gen_ai.response.finish_reasons": ["stop"],
            "gen_ai.usage.input_tokens": 500 + n % 1000,
            "gen_ai.usage.output_tokens": 20 + n % 400,
            "gen_ai.usage.cache_read.input_tokens": 256 if n % 3 == 0 else 0,
            "server.address": "api.openai.com",
            "server.port": 443,
        }, error="RateLimitError" if n % 50 == 0 else None)
    return encode_spans(exporter.get_finished_spans())


def anyvalue_request():
    def kv(key, value):
        return common_pb2.KeyValue(key=key, value=value)

    AnyValue = common_pb2.AnyValue
    nested = AnyValue(array_value=common_pb2.ArrayValue(values=[
        AnyValue(string_value="a"),
        AnyValue(array_value=common_pb2.ArrayValue(values=[AnyValue(int_value=-7), AnyValue()])),
        AnyValue(kvlist_value=common_pb2.KeyValueList(values=[kv("k", AnyValue(bool_value=False))])),
    ]))
    span = trace_pb2.Span(
        trace_id=bytes.fromhex("5b8efff798038103d269b633813fc60c"),
        span_id=bytes.fromhex("eee19b7ec3c1b174"),
        parent_span_id=bytes.fromhex("0102030405060708"),
        name="chat gpt-4o-mini", kind=trace_pb2.Span.SPAN_KIND_CLIENT,
        start_time_unix_nano=T0, end_time_unix_nano=T0 + 2_000_000_000, flags=0x301,
        trace_state="vendor=1",
        attributes=[
            kv("gen_ai.request.model", AnyValue(string_value="gpt-4o-mini")),
            kv("gen_ai.usage.input_tokens", AnyValue(int_value=300)),
            kv("gen_ai.usage.output_tokens", AnyValue(double_value=40.0)),
            kv("gen_ai.request.stream", AnyValue(bool_value=True)),
            kv("gen_ai.request.temperature", AnyValue(double_value=0.25)),
            kv("gen_ai.input.messages", nested),
            kv("gen_ai.output.messages", AnyValue(kvlist_value=common_pb2.KeyValueList(values=[
                kv("role", AnyValue(string_value="assistant")),
                kv("parts", AnyValue(array_value=common_pb2.ArrayValue(values=[AnyValue(string_value="hi")]))),
            ]))),
            kv("blob", AnyValue(bytes_value=b"\x00\xff\x10")),
            kv("nothing", AnyValue()),
            kv("big", AnyValue(int_value=-(2**63))),
        ],
        events=[trace_pb2.Span.Event(time_unix_nano=T0 + 1, name="gen_ai.choice",
                                     attributes=[kv("index", AnyValue(int_value=0))])],
        links=[trace_pb2.Span.Link(trace_id=bytes(range(1, 17)), span_id=bytes(range(1, 9)))],
        dropped_attributes_count=2, dropped_events_count=1, dropped_links_count=3,
        status=trace_pb2.Status(code=trace_pb2.Status.STATUS_CODE_OK, message="fine"),
    )
    return trace_service_pb2.ExportTraceServiceRequest(resource_spans=[trace_pb2.ResourceSpans(
        resource=resource_pb2.Resource(attributes=[
            kv("service.name", AnyValue(string_value="café-bot")),
            kv("gen_ai.provider.name", AnyValue(string_value="openai")),
        ], dropped_attributes_count=1),
        scope_spans=[trace_pb2.ScopeSpans(
            scope=common_pb2.InstrumentationScope(name="hand", version="1"), spans=[span],
            schema_url="https://opentelemetry.io/schemas/1.30.0")],
        schema_url="https://opentelemetry.io/schemas/1.30.0",
    )])


def hex_ids(node):
    """Base64 ids of the proto3 JSON mapping → hex, as OTLP/JSON writes them."""
    if isinstance(node, dict):
        for key in ("traceId", "spanId", "parentSpanId"):
            if key in node and isinstance(node[key], str):
                node[key] = base64.b64decode(node[key]).hex()
        for v in node.values():
            hex_ids(v)
    elif isinstance(node, list):
        for v in node:
            hex_ids(v)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--bench" and sys.argv[2].isdigit():
        requests = (("bench", bench_request(int(sys.argv[2]))),)
        out = sys.argv[3]
    elif len(sys.argv) == 2:
        requests = (("genai", genai_request()), ("anyvalue", anyvalue_request()), ("many", many_request()))
        out = sys.argv[1]
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    os.makedirs(out, exist_ok=True)
    for name, request in requests:
        with open(os.path.join(out, name + ".pb"), "wb") as f:
            f.write(request.SerializeToString())
        document = json.loads(json_format.MessageToJson(request, indent=None))
        hex_ids(document)
        with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as f:
            f.write(json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
