/// Which telemetry format a source carries.
public enum TelemetryFormat: String, Sendable, Hashable, CaseIterable {
  /// Decide per line: an object with a top-level `resourceSpans` key is OTLP,
  /// anything else is FlightDeck JSON Lines. A line that is exactly `{` (or an
  /// unfinished object mentioning `"resourceSpans"`) starts a multi-line OTLP
  /// document.
  case auto
  /// FlightDeck JSON Lines only (one record per line; never accumulates lines).
  case flightdeck
  /// OTLP/JSON traces only (`{"resourceSpans": …}` per line, or pretty-printed
  /// documents spanning many lines).
  case otlp
}
