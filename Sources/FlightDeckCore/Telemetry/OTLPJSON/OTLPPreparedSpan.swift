/// What ``OTLPJSONSpanScanner`` made of one span of an OTLP/JSON line, before
/// the version memory and the series table are consulted: everything the
/// GenAI mapping decides from the span alone (``OTLPDecoder``'s rules), with
/// its names as ids of the scanner's ``OTLPNameTable``.
struct OTLPPreparedSpan: Sendable {
  /// The mapping skips the span (no model and no artefact attribute): it
  /// counts in ``TelemetryDecodeResult/skippedSpans`` and nothing else is set.
  var skipped: Bool
  /// The artefact's name id.
  var artefact: Int32
  /// The request model's name id (`gen_ai.request.model`), -1 when absent.
  var requestModel: Int32
  /// The name id of the version the span's own attributes give (the
  /// mapping's version keys), -1 when none does (the version memory then
  /// answers, ``OTLPVersionMemory``).
  var version: Int32
  /// The route.
  var route: Route
  /// The artefact kind.
  var kind: ArtefactKind
  /// The request: start time, latency, status, tokens and priced cost.
  var sample: MetricSample

  /// A skipped span.
  static let skippedSpan = OTLPPreparedSpan(
    skipped: true, artefact: -1, requestModel: -1, version: -1, route: .stable, kind: .model,
    sample: MetricSample(
      timestamp: Timestamp(millisecondsSinceEpoch: 0), latencyMs: 0, status: .ok, inputTokens: 0,
      outputTokens: 0, costUSD: nil))
}
