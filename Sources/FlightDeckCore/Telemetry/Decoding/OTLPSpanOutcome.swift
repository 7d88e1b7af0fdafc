/// What the GenAI mapping made of one span (``OTLPDecoder/outcome(of:resource:)``).
enum OTLPSpanOutcome: Sendable, Hashable {
  /// A GenAI span: its record.
  case record(TelemetryRecord)
  /// Not a GenAI span (no model and no artefact attribute): counted in
  /// ``TelemetryDecodeResult/skippedSpans``, not an error.
  case skipped
  /// A GenAI span that cannot be a record: the part of the span at fault and
  /// why. Each decoder spells the field in its own encoding's names.
  case rejected(OTLPSpanPart, String)
}
