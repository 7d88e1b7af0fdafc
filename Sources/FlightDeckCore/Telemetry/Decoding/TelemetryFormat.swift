/// Which telemetry format a source carries.
public enum TelemetryFormat: String, Sendable, Hashable, CaseIterable {
  /// Decide per line or document (``TelemetryDocumentKind/detect(_:)``): an
  /// object with a top-level `resourceSpans` key is OTLP, one shaped like a
  /// LiteLLM log record or a Langfuse export is read as such, anything else
  /// is FlightDeck JSON Lines. A line that is exactly `{` or `[` (or an
  /// unfinished object mentioning `"resourceSpans"`) starts a multi-line
  /// document, whose kind is decided when it closes.
  case auto
  /// FlightDeck JSON Lines only (one record per line; never accumulates lines).
  case flightdeck
  /// OTLP/JSON traces only (`{"resourceSpans": …}` per line, or pretty-printed
  /// documents spanning many lines).
  case otlp
  /// LiteLLM log records (``LiteLLMDecoder``): one JSON object per line, a
  /// JSON array of them, or pretty-printed documents.
  case litellm
  /// Langfuse trace / observation exports (``LangfuseDecoder``): one per
  /// line, a JSON array, or pretty-printed documents.
  case langfuse

  /// The format's name in messages (`"OTLP/JSON trace data"`).
  public var displayName: String {
    switch self {
    case .auto: "telemetry"
    case .flightdeck: "FlightDeck JSON Lines"
    case .otlp: "OTLP/JSON trace data"
    case .litellm: "a LiteLLM log"
    case .langfuse: "a Langfuse export"
    }
  }

  /// Every `--input-format` value, for help texts and errors: `auto, flightdeck, otlp, litellm, langfuse`.
  public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
