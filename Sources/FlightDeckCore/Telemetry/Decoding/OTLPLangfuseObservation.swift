import Foundation

/// The Langfuse SDK's own attributes on one OTLP span, as its Python SDK (v3,
/// OpenTelemetry-based; `langfuse/_client/attributes.py`,
/// `LangfuseOtelSpanAttributes`) sets them, read for the GenAI mapping
/// (``OTLPDecoder/outcome(of:resource:versions:)``).
///
/// | attribute | value the SDK writes | read as |
/// |---|---|---|
/// | `langfuse.observation.type` | `generation`, `embedding`, `span`, `agent`, `tool`, `chain`, `retriever`, `evaluator`, `guardrail`, `event` | ``type`` |
/// | `langfuse.observation.model.name` | the model name | ``model`` |
/// | `langfuse.observation.usage_details` | a JSON object as text: `{"input": 500, "input_cached_tokens": 1000, "output": 200, "total": 1700}` | ``usage()``, by ``LangfuseUsageDetails`` |
/// | `langfuse.observation.cost_details` | a JSON object as text, USD: `{"input": 0.00125, …, "total": 0.0045}` | ``ingestedCost()``: its `total` |
/// | `langfuse.observation.completion_start_time` | a JSON string as text: `"\"2026-12-06T01:30:23.003731Z\""` | ``completionStartNano()`` |
/// | `langfuse.observation.prompt.name` / `.version` | the managed prompt's name / version (an integer) | ``promptName`` / ``promptVersion`` |
/// | `langfuse.observation.level` | `DEBUG`, `DEFAULT`, `WARNING`, `ERROR` | ``isError`` when `ERROR` |
/// | `langfuse.observation.status_message` | free text | ``statusMessage`` |
/// | `langfuse.version` | the application's version | ``version`` |
struct OTLPLangfuseObservation {
  /// Attribute keys.
  static let typeKey = "langfuse.observation.type"
  static let modelKey = "langfuse.observation.model.name"
  static let usageKey = "langfuse.observation.usage_details"
  static let costKey = "langfuse.observation.cost_details"
  static let completionStartKey = "langfuse.observation.completion_start_time"
  static let promptNameKey = "langfuse.observation.prompt.name"
  static let promptVersionKey = "langfuse.observation.prompt.version"
  static let levelKey = "langfuse.observation.level"
  static let statusMessageKey = "langfuse.observation.status_message"
  static let versionKey = "langfuse.version"
  /// Every key above (``OTLPDecoder/fixedMappedKeys``).
  static let keys = [
    typeKey, modelKey, usageKey, costKey, completionStartKey, promptNameKey, promptVersionKey, levelKey,
    statusMessageKey, versionKey,
  ]
  private static let modelKeys = [modelKey]
  private static let promptNameKeys = [promptNameKey]
  private static let promptVersionKeys = [promptVersionKey]
  private static let versionKeys = [versionKey]
  private static let statusMessageKeys = [statusMessageKey]

  /// `langfuse.observation.type`, `nil` on a span not made by the Langfuse SDK.
  var type: String?
  /// `langfuse.observation.model.name` (NFC).
  var model: String?
  /// `langfuse.observation.prompt.name` (NFC).
  var promptName: String?
  /// `langfuse.observation.prompt.version`: an integer written in decimal, or a string.
  var promptVersion: String?
  /// `langfuse.version` (NFC).
  var version: String?
  /// `langfuse.observation.level` is `ERROR`.
  var isError: Bool
  /// `langfuse.observation.status_message` (NFC).
  var statusMessage: String?
  private var usageText: String?
  private var costText: String?
  private var completionStartText: String?

  /// Reads the attributes through the mapping's look-ups: `lookup` (span,
  /// then resource; scalars only) and `string` (the first non-empty string
  /// of the keys, NFC).
  init(lookup: (String) -> OTLPAnyValue?, string: ([String]) -> String?) {
    type = lookup(Self.typeKey)?.mappedString
    model = string(Self.modelKeys)
    promptName = string(Self.promptNameKeys)
    if case .int(let n)? = lookup(Self.promptVersionKey) {
      promptVersion = String(n)
    } else {
      promptVersion = string(Self.promptVersionKeys)
    }
    version = string(Self.versionKeys)
    isError = lookup(Self.levelKey)?.mappedString == "ERROR"
    statusMessage = string(Self.statusMessageKeys)
    usageText = lookup(Self.usageKey)?.mappedString
    costText = lookup(Self.costKey)?.mappedString
    completionStartText = lookup(Self.completionStartKey)?.mappedString
  }

  /// Whether the observation type is one Langfuse counts as a model call
  /// (`generation`, `embedding`), or the span has no type (not the
  /// Langfuse SDK's). A span, agent, tool, … observation is no request.
  var isGenerationOrUntyped: Bool {
    guard let type else { return true }
    return type == "generation" || type == "embedding"
  }

  /// The usage details' tokens; `nil` without the attribute.
  /// - Returns: a problem naming `langfuse.observation.usage_details` for text
  ///   that is not a JSON object, or the key at fault inside it.
  func usage() -> Result<TokenUsage?, OTLPProblem> {
    guard let usageText else { return .success(nil) }
    guard let object = Self.object(usageText) else {
      return .failure(OTLPProblem(field: Self.usageKey, "expected a JSON object as text"))
    }
    switch LangfuseUsageDetails.tokens(object, name: "usage_details") {
    case .failure(let p): return .failure(OTLPProblem(field: Self.usageKey, "\(p.key): \(p.reason)"))
    case .success(let u): return .success(u)
    }
  }

  /// The cost Langfuse's client gave: the cost details' `total`, in USD;
  /// `nil` without the attribute or without `total`.
  /// - Returns: a problem naming `langfuse.observation.cost_details` for text
  ///   that is not a JSON object, or a `total` that is not a number in
  ///   0 … ``TelemetryBounds/maxCostUSD``.
  func ingestedCost() -> Result<Double?, OTLPProblem> {
    guard let costText else { return .success(nil) }
    guard let object = Self.object(costText) else {
      return .failure(OTLPProblem(field: Self.costKey, "expected a JSON object as text"))
    }
    switch ExportJSON.cost(object["total"]) {
    case .failure(let p): return .failure(OTLPProblem(field: Self.costKey, "total: \(p.reason)"))
    case .success(let v): return .success(v)
    }
  }

  /// When the first token arrived, in ns since the epoch (microsecond
  /// precision, as the SDK writes it); `nil` without the attribute.
  /// The SDK writes the time as a JSON string (`"\"2026-…Z\""`); bare text
  /// (`2026-…Z`) is read too.
  /// - Returns: a problem naming `langfuse.observation.completion_start_time`
  ///   for a value that is not a date-time.
  func completionStartNano() -> Result<Int64?, OTLPProblem> {
    guard var text = completionStartText else { return .success(nil) }
    if text.first == "\"", let data = text.data(using: .utf8),
      let s = try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) as? String
    {
      text = s
    }
    switch ExportJSON.time(text) {
    case .failure(let p): return .failure(OTLPProblem(field: Self.completionStartKey, p.reason))
    case .success(let micros?):
      let (nano, overflow) = micros.multipliedReportingOverflow(by: 1000)
      guard !overflow else {
        return .failure(OTLPProblem(field: Self.completionStartKey, "out of range (after the year 2262)"))
      }
      return .success(nano)
    case .success(nil): return .success(nil)
    }
  }

  /// A JSON object written as text; `nil` for anything else.
  private static func object(_ text: String) -> [String: Any]? {
    guard let data = text.data(using: .utf8) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
  }
}
