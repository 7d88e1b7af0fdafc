/// Decodes an OTLP/protobuf trace request — the body of `POST /v1/traces`
/// with `Content-Type: application/x-protobuf`, an
/// `opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest` — into
/// FlightDeck records, one per GenAI span.
///
/// The wire format is read byte by byte (``OTLPProtobufTraceReader``; no
/// generated code, no dependency), and every checked span goes through the
/// same GenAI mapping as OTLP/JSON (``OTLPDecoder``'s rules,
/// ``OTLPAttributeMapping``, the price table), so a span gives the same
/// ``TelemetryRecord`` whichever encoding carried it.
///
/// Two kinds of failure:
/// - The body is not a well-formed request (truncated, a length past the end
///   of its message, a varint over 64 bits, a group, a known field with the
///   wrong wire type, invalid UTF-8 in a string, `AnyValue` nesting or
///   attribute count past ``OTLPProtobufLimits``): ``decode(_:)-(UnsafeRawBufferPointer)``
///   throws ``OTLPProtobufDecodeError`` naming the field path and byte
///   offset, and no span of the body counts.
/// - One span is invalid (bad id, kind or times, a GenAI attribute out of
///   range): that span is an entry of ``TelemetryDecodeResult/errors``, its
///   field a path of proto names such as
///   `resource_spans[0].scope_spans[0].spans[2].trace_id`, and the other
///   spans still decode. A span that is not GenAI (no model, no artefact
///   attribute) is counted in ``TelemetryDecodeResult/skippedSpans``.
public struct OTLPProtobufDecoder: Sendable {
  /// Attribute mapping, shared with OTLP/JSON.
  public var mapping: OTLPAttributeMapping
  /// Prices for costing spans.
  public var prices: PriceTable
  /// Bounds on nesting and attribute count.
  public var limits: OTLPProtobufLimits

  /// Creates a decoder.
  public init(
    mapping: OTLPAttributeMapping = .default, prices: PriceTable, limits: OTLPProtobufLimits = .default
  ) {
    self.mapping = mapping
    self.prices = prices
    self.limits = limits
  }

  /// Decodes one request body.
  /// - Parameter body: the serialized `ExportTraceServiceRequest` (already
  ///   decompressed).
  /// - Returns: records (wire order), skipped non-GenAI spans, rejected spans.
  /// - Throws: ``OTLPProtobufDecodeError`` when the body is not a well-formed
  ///   request or exceeds a bound.
  public func decode(_ body: UnsafeRawBufferPointer) throws(OTLPProtobufDecodeError) -> TelemetryDecodeResult
  {
    var versions = OTLPVersionMemory()
    return try decode(body, versions: &versions)
  }

  /// Decodes one request body, resolving a span without a version attribute
  /// (a failed call has no response model) with `versions`, and teaching it
  /// the versions of this body's spans (``OTLPVersionMemory``): a receiver
  /// keeps one per source so that failures count against the version their
  /// request was sent to. `versions` is left as it was when the body throws.
  public func decode(_ body: UnsafeRawBufferPointer, versions: inout OTLPVersionMemory)
    throws(OTLPProtobufDecodeError) -> TelemetryDecodeResult
  {
    let mapper = OTLPDecoder(mapping: mapping, prices: prices)
    var memory = versions
    var result = TelemetryDecodeResult()
    try OTLPProtobufTraceReader(limits: limits).read(body) { location, span, resource in
      switch span {
      case .failure(let rejection):
        result.errors.append(
          TelemetryDecodeError(field: "\(location.path).\(rejection.field)", reason: rejection.reason))
      case .success(let fields):
        switch mapper.outcome(of: fields, resource: resource, versions: &memory) {
        case .record(let r): result.records.append(r)
        case .skipped: result.skippedSpans += 1
        case .rejected(let part, let reason):
          result.errors.append(
            TelemetryDecodeError(field: "\(location.path).\(part.name(json: false))", reason: reason))
        }
      }
    }
    versions = memory
    return result
  }

  /// Decodes one request body held in an array; see
  /// ``decode(_:)-(UnsafeRawBufferPointer)``.
  public func decode(_ body: [UInt8]) throws(OTLPProtobufDecodeError) -> TelemetryDecodeResult {
    let result = body.withUnsafeBytes { raw in
      Result { () throws(OTLPProtobufDecodeError) in try decode(raw) }
    }
    return try result.get()
  }
}
