/// One request, as FlightDeck understands it, whatever format it came in.
///
/// This is the FlightDeck JSON Lines schema (see the *Telemetry schema*
/// article of the DocC catalog) as a value. OTLP GenAI spans are mapped onto
/// the same shape by `OTLPDecoder`.
///
/// Strings here are **untrusted**: they come straight from telemetry files and
/// must go through the TUI's sanitiser before they reach a terminal cell.
public struct TelemetryRecord: Sendable, Hashable {
  /// When the request started (`ts`), milliseconds since the epoch, UTC.
  public var timestamp: Timestamp
  /// Unique id of the request (`request_id`).
  public var requestID: String
  /// Artefact name (`artefact`), e.g. `support-bot` or `gpt-4o`.
  public var artefact: String
  /// Artefact kind (`kind`).
  public var kind: ArtefactKind
  /// Version label (`version`), e.g. `v12`.
  public var version: String
  /// Traffic leg (`route`).
  public var route: Route
  /// End-to-end latency in milliseconds (`latency_ms`), ≥ 0.
  public var latencyMs: Double
  /// Prompt tokens (`input_tokens`), ≥ 0: every prompt token, the cached
  /// ones included (OpenTelemetry GenAI convention, see ``TokenUsage``).
  public var inputTokens: Int
  /// Completion tokens (`output_tokens`), ≥ 0, reasoning tokens included.
  public var outputTokens: Int
  /// Prompt tokens read from the provider's prompt cache
  /// (`cache_read_tokens`, OTLP `gen_ai.usage.cache_read.input_tokens`);
  /// part of ``inputTokens``; 0 when not reported.
  public var cacheReadTokens: Int
  /// Prompt tokens written to the provider's prompt cache
  /// (`cache_write_tokens`, OTLP `gen_ai.usage.cache_creation.input_tokens`);
  /// part of ``inputTokens``; 0 when not reported.
  public var cacheWriteTokens: Int
  /// Reasoning / thinking tokens (`reasoning_tokens`, OTLP
  /// `gen_ai.usage.reasoning.output_tokens`); part of ``outputTokens``; 0
  /// when not reported.
  public var reasoningTokens: Int
  /// Cost of the request in USD (`cost_usd`). `nil` when the record had none
  /// and the price table has no price for the model: shown as "unknown",
  /// never as 0.
  public var costUSD: Double?
  /// The price table's figure for this record's tokens, kept only when
  /// ``costUSD`` was ingested from the source (LiteLLM's `response_cost`,
  /// Langfuse's `costDetails`), the table prices the model and the two
  /// figures differ: the ingested cost wins (the tool priced cached tokens,
  /// tiers and discounts it knows of), and this one is shown beside it.
  /// `nil` otherwise. In the FlightDeck JSON Lines schema as
  /// `recomputed_cost_usd`, so that a data folder keeps it.
  public var recomputedCostUSD: Double?
  /// Outcome (`status`).
  public var status: RequestStatus
  /// Time to first token in milliseconds (`ttft_ms`), optional.
  public var ttftMs: Double?
  /// Session / conversation id (`session_id`), optional.
  public var sessionID: String?
  /// Error class for failed requests (`error_type`), optional.
  public var errorType: String?
  /// Guardrail verdict (`guardrail`), optional.
  public var guardrail: GuardrailResult?
  /// Evaluation or feedback score in 0…1 (`score`), optional.
  public var score: Double?
  /// Model provider (`provider`, or OTLP `gen_ai.provider.name` / `gen_ai.system`), optional.
  public var provider: String?

  /// Creates a record. Optional fields default to absent, token parts to 0.
  public init(
    timestamp: Timestamp, requestID: String, artefact: String, kind: ArtefactKind,
    version: String, route: Route, latencyMs: Double, inputTokens: Int, outputTokens: Int,
    costUSD: Double?, status: RequestStatus, ttftMs: Double? = nil, sessionID: String? = nil,
    errorType: String? = nil, guardrail: GuardrailResult? = nil, score: Double? = nil,
    provider: String? = nil, cacheReadTokens: Int = 0, cacheWriteTokens: Int = 0, reasoningTokens: Int = 0,
    recomputedCostUSD: Double? = nil
  ) {
    self.timestamp = timestamp
    self.requestID = requestID
    self.artefact = artefact
    self.kind = kind
    self.version = version
    self.route = route
    self.latencyMs = latencyMs
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.costUSD = costUSD
    self.status = status
    self.ttftMs = ttftMs
    self.sessionID = sessionID
    self.errorType = errorType
    self.guardrail = guardrail
    self.score = score
    self.provider = provider
    self.cacheReadTokens = cacheReadTokens
    self.cacheWriteTokens = cacheWriteTokens
    self.reasoningTokens = reasoningTokens
    self.recomputedCostUSD = recomputedCostUSD
  }

  /// The ``recomputedCostUSD`` to keep: `recomputed` when an ingested
  /// `cost` exists and differs from it; `nil` otherwise (no ingested cost to
  /// stand beside, or the two agree).
  public static func recomputed(_ recomputed: Double?, beside cost: Double?) -> Double? {
    guard let recomputed, let cost, recomputed != cost else { return nil }
    return recomputed
  }

  /// The record's tokens as billed (``TokenUsage``).
  public var usage: TokenUsage {
    TokenUsage(
      inputTokens: inputTokens, outputTokens: outputTokens, cacheReadTokens: cacheReadTokens,
      cacheWriteTokens: cacheWriteTokens, reasoningTokens: reasoningTokens)
  }

  /// The metric series this record belongs to.
  public var seriesKey: SeriesKey { SeriesKey(artefact: artefact, version: version, route: route) }
}
