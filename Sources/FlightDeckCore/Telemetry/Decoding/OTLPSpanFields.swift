/// The intermediate form of one OTLP span: what ``OTLPDecoder`` (OTLP/JSON)
/// and ``OTLPProtobufDecoder`` (OTLP/protobuf) each make of a span once its
/// ids, kind and times are checked, and the only input of the GenAI mapping
/// (``OTLPDecoder/outcome(of:resource:)``). So a span gives the same
/// ``TelemetryRecord`` whichever encoding carried it.
///
/// Fields follow `opentelemetry.proto.trace.v1.Span` (opentelemetry-proto,
/// `opentelemetry/proto/trace/v1/trace.proto`).
struct OTLPSpanFields: Sendable, Hashable {
  /// `trace_id`: 16 bytes, not all zero, as 32 lowercase hex digits.
  var traceIDHex: String
  /// `span_id`: 8 bytes, not all zero, as 16 lowercase hex digits.
  var spanIDHex: String
  /// `name` ("" when absent).
  var name: String
  /// `kind`, 0 … 5 (`SPAN_KIND_UNSPECIFIED` … `SPAN_KIND_CONSUMER`).
  var kind: Int
  /// `start_time_unix_nano`, ns since the Unix epoch, ≥ 0.
  var startTimeUnixNano: Int64
  /// `end_time_unix_nano`, ns since the Unix epoch, ≥ ``startTimeUnixNano``.
  var endTimeUnixNano: Int64
  /// `status.code` is 2 (`STATUS_CODE_ERROR`).
  var isError: Bool
  /// `attributes`, key → value; of duplicate keys the last one wins.
  var attributes: OTLPAttributes
}
