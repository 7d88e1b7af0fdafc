/// What a JSON object (a line, a pretty-printed document, or an element of a
/// JSON array) looks like, so that each file is read by the right reader and
/// a file FlightDeck does not read is told apart from a broken one.
///
/// Detection looks at top-level keys only:
/// - OTLP/JSON: `resourceSpans`;
/// - Langfuse: `trace` + `observations`, `data` of observations, or one
///   observation (`traceId`, `type`, `startTime`) — see ``LangfuseDecoder``;
/// - LiteLLM: see ``LiteLLMDecoder/recognises(_:)``;
/// - FlightDeck JSON Lines: any of `ts`, `request_id` + `artefact`;
/// - known files of other kinds that people point FlightDeck at by mistake:
///   a Langfuse trace list (observations named by id only), a Promptfoo eval
///   output, an MLflow registry export.
public enum TelemetryDocumentKind: Sendable, Hashable {
  /// A FlightDeck JSON Lines record.
  case flightdeck
  /// OTLP/JSON trace data.
  case otlp
  /// A LiteLLM `StandardLoggingPayload` or spend-log row.
  case litellm
  /// A Langfuse trace export or observation list.
  case langfuseExport
  /// One Langfuse observation.
  case langfuseObservation
  /// A file of a known kind FlightDeck does not read as telemetry; the
  /// associated text says what it looks like (`"a Promptfoo eval output"`).
  case other(String)
  /// Nothing FlightDeck recognises.
  case unknown

  /// The formats FlightDeck reads, for messages.
  public static let formatsRead = "FlightDeck JSON Lines, OTLP/JSON, LiteLLM, Langfuse"

  /// The message for an object that is no telemetry FlightDeck reads.
  public static let notTelemetry =
    "not a telemetry format FlightDeck reads (it reads: \(formatsRead))"

  /// Classifies a top-level JSON object.
  public static func detect(_ object: [String: Any]) -> TelemetryDocumentKind {
    if object["resourceSpans"] != nil { return .otlp }
    if LangfuseDecoder.recognisesExport(object) { return .langfuseExport }
    if LangfuseDecoder.recognisesObservation(object) { return .langfuseObservation }
    if LiteLLMDecoder.recognises(object) { return .litellm }
    if object["ts"] != nil || (object["request_id"] != nil && object["artefact"] != nil) {
      return .flightdeck
    }
    if let data = object["data"] as? [Any], let first = data.first as? [String: Any],
      first["projectId"] != nil,
      first["observations"] != nil
    {
      return .other("a Langfuse trace list (it names observations by id only: export the observations)")
    }
    if object["evalId"] != nil || (object["results"] != nil && object["config"] != nil) {
      return .other("a Promptfoo eval output")
    }
    if object["registered_model"] != nil || object["model_version"] != nil || object["mlflow"] != nil {
      return .other("an MLflow model registry export")
    }
    return .unknown
  }

  /// What the object looks like, for messages: `"a Langfuse trace export"`.
  public var lookalike: String {
    switch self {
    case .flightdeck: "a FlightDeck JSON Lines record"
    case .otlp: "OTLP/JSON trace data"
    case .litellm: "a LiteLLM log record"
    case .langfuseExport: "a Langfuse trace export"
    case .langfuseObservation: "a Langfuse observation"
    case .other(let what): what
    case .unknown: "no telemetry format FlightDeck reads"
    }
  }

  /// The `--input-format` that reads this kind, `nil` for none.
  public var format: TelemetryFormat? {
    switch self {
    case .flightdeck: .flightdeck
    case .otlp: .otlp
    case .litellm: .litellm
    case .langfuseExport, .langfuseObservation: .langfuse
    case .other, .unknown: nil
    }
  }

  /// The message for this kind met where `expected` was asked for:
  /// `"looks like a Langfuse trace export, not OTLP/JSON trace data: read it with --input-format langfuse (or auto)"`,
  /// or, for a kind FlightDeck does not read, `"looks like a Promptfoo eval output: not a telemetry format …"`.
  public func mismatch(expected: TelemetryFormat) -> String {
    switch self {
    case .unknown: return Self.notTelemetry
    case .other(let what): return "looks like \(what): \(Self.notTelemetry)"
    default:
      let wanted = expected.displayName
      let reader = format.map { " read it with --input-format \($0.rawValue) (or auto)" } ?? ""
      return "looks like \(lookalike), not \(wanted):\(reader)"
    }
  }
}
