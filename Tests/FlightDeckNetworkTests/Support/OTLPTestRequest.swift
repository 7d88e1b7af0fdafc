import FlightDeckTestSupport

/// Hand-made OTLP/protobuf trace requests (Protocol Buffers encoding guide,
/// <https://protobuf.dev/programming-guides/encoding/>; field numbers from
/// opentelemetry-proto's trace.proto and common.proto). Test code only.
enum OTLPTestRequest {
  /// `KeyValue { key = 1; AnyValue value = 2 { string_value = 1 } }`.
  static func attribute(_ key: String, _ value: String) -> [UInt8] {
    ProtobufTestWriter.keyValue(key, string: value)
  }

  /// `KeyValue { key = 1; AnyValue value = 2 { int_value = 3 } }`.
  static func attribute(_ key: String, _ value: Int64) -> [UInt8] {
    ProtobufTestWriter.keyValue(key, int: value)
  }

  /// A span (`Span`: trace_id 1, span_id 2, name 5, kind 6, start 7, end 8,
  /// attributes 9, status 15 { code 3 }) with trace id 0x01…0x10, span id
  /// `spanByte` × 8, starting at 1 700 000 000 s and lasting
  /// `durationNanos`.
  static func span(
    spanByte: UInt8, durationNanos: UInt64 = 1_500_000_000, attributes: [[UInt8]], error: Bool = false
  ) -> [UInt8] {
    var w = ProtobufTestWriter()
    w.message(1, Array(1...16))
    w.message(2, Array(repeating: spanByte, count: 8))
    w.string(5, "chat")
    w.varintField(6, 3)
    w.fixed64(7, 1_700_000_000_000_000_000)
    w.fixed64(8, 1_700_000_000_000_000_000 + durationNanos)
    for a in attributes { w.message(9, a) }
    if error { w.message(15) { $0.varintField(3, 2) } }
    return w.bytes
  }

  /// An `ExportTraceServiceRequest` with one resource and one scope holding
  /// `spans`.
  static func request(spans: [[UInt8]]) -> [UInt8] {
    var w = ProtobufTestWriter()
    w.message(1) { rs in
      rs.message(1) { r in r.message(1, attribute("service.name", "test")) }
      rs.message(2) { ss in
        for s in spans { ss.message(2, s) }
      }
    }
    return w.bytes
  }

  /// A GenAI span for `model` with 100 input and 20 output tokens.
  static func genAISpan(_ spanByte: UInt8, model: String = "gpt-4o-mini") -> [UInt8] {
    span(
      spanByte: spanByte,
      attributes: [
        attribute("gen_ai.request.model", model),
        attribute("gen_ai.usage.input_tokens", 100),
        attribute("gen_ai.usage.output_tokens", 20),
      ])
  }
}
