#!/usr/bin/env python3
"""OTLP/HTTP load that records every ACKNOWLEDGED span, for the receiver's kill test.

Usage: python3 Tests/Tools/otlp-ack-load.py URL ACKED_FILE STOP_FILE
           [--workers N] [--spans K] [--json]

Posts ExportTraceServiceRequest messages to URL (e.g.
http://127.0.0.1:4318/v1/traces) from N threads (default 4) until
STOP_FILE exists. Each request carries K GenAI chat spans (default 20) of
one new random trace, built with the generated classes of opentelemetry-proto
(the package the Python OTLP exporter serializes with) and sent as
application/x-protobuf (or, with --json, as OTLP/JSON).

Only when the receiver answers 200 are the request's span ids appended to
ACKED_FILE, one per line as FlightDeck names a span's request:
lowercase hex trace id followed by the span id (32 + 16 digits). A refused
request (429, 503), a connection refused or reset (the receiver killed or
restarting) records nothing and is retried with a new trace after a short
pause, as an exporter would. ACKED_FILE is flushed after every request, so
what it holds is exactly what was acknowledged.

At the end prints one line: "acked=A refused=R errors=E".
Exit status 3 when opentelemetry-proto is not installed.
"""

import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

try:
    from opentelemetry.proto.collector.trace.v1 import trace_service_pb2
    from opentelemetry.proto.common.v1 import common_pb2
    from opentelemetry.proto.trace.v1 import trace_pb2
except ImportError:
    print("opentelemetry-proto is not installed (pip install opentelemetry-exporter-otlp-proto-http)",
          file=sys.stderr)
    sys.exit(3)


def attr(key, value):
    if isinstance(value, str):
        v = common_pb2.AnyValue(string_value=value)
    else:
        v = common_pb2.AnyValue(int_value=value)
    return common_pb2.KeyValue(key=key, value=v)


def request(spans):
    """An ExportTraceServiceRequest of `spans` chat spans of one new trace, and their ids."""
    trace_id = os.urandom(16)
    now = time.time_ns()
    out = []
    ids = []
    for i in range(spans):
        span_id = os.urandom(8)
        start = now - 250_000_000 - i * 1_000_000
        out.append(trace_pb2.Span(
            trace_id=trace_id, span_id=span_id, name="chat gpt-4o-mini",
            kind=trace_pb2.Span.SPAN_KIND_CLIENT,
            start_time_unix_nano=start, end_time_unix_nano=start + 123_456_789,
            attributes=[
                attr("gen_ai.operation.name", "chat"),
                attr("gen_ai.provider.name", "openai"),
                attr("gen_ai.request.model", "gpt-4o-mini"),
                attr("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
                attr("gen_ai.usage.input_tokens", 120 + i),
                attr("gen_ai.usage.output_tokens", 30),
            ]))
        ids.append(trace_id.hex() + span_id.hex())
    msg = trace_service_pb2.ExportTraceServiceRequest(resource_spans=[trace_pb2.ResourceSpans(
        scope_spans=[trace_pb2.ScopeSpans(spans=out)])])
    return msg, ids


def as_json(msg):
    import base64
    from google.protobuf import json_format
    doc = json_format.MessageToDict(msg, use_integers_for_enums=True)
    for rs in doc.get("resourceSpans", []):
        for ss in rs.get("scopeSpans", []):
            for s in ss.get("spans", []):
                s["traceId"] = base64.b64decode(s["traceId"]).hex()
                s["spanId"] = base64.b64decode(s["spanId"]).hex()
    return json.dumps(doc, separators=(",", ":")).encode()


def main():
    args = sys.argv[1:]
    workers, spans, use_json = 4, 20, False
    if "--workers" in args:
        k = args.index("--workers")
        workers = int(args[k + 1])
        del args[k:k + 2]
    if "--spans" in args:
        k = args.index("--spans")
        spans = int(args[k + 1])
        del args[k:k + 2]
    if "--json" in args:
        use_json = True
        args.remove("--json")
    url, acked_path, stop_path = args
    target = urllib.parse.urlsplit(url)
    lock = threading.Lock()
    counts = {"acked": 0, "refused": 0, "errors": 0}
    acked = open(acked_path, "a", buffering=1)

    def worker():
        conn = None
        while not os.path.exists(stop_path):
            msg, ids = request(spans)
            body = as_json(msg) if use_json else msg.SerializeToString()
            ctype = "application/json" if use_json else "application/x-protobuf"
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
                conn.request("POST", target.path, body=body, headers={"Content-Type": ctype})
                resp = conn.getresponse()
                resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException):
                if conn is not None:
                    conn.close()
                conn = None
                with lock:
                    counts["errors"] += 1
                time.sleep(0.01)
                continue
            with lock:
                if status == 200:
                    acked.write("".join(i + "\n" for i in ids))
                    acked.flush()
                    counts["acked"] += len(ids)
                else:
                    counts["refused"] += 1
            if status != 200:
                time.sleep(0.01)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    acked.close()
    print("acked=%d refused=%d errors=%d" % (counts["acked"], counts["refused"], counts["errors"]))


if __name__ == "__main__":
    main()
