/// The keys of the FlightDeck JSON Lines schema, in schema order.
///
/// The order matters: when a line has several problems, both decoders report
/// the one on the earliest field in this order, so their answers agree.
enum FlightDeckField: Int, CaseIterable, Sendable {
  case ts, requestID, artefact, kind, version, route, latencyMs, inputTokens, outputTokens
  case costUSD, status, ttftMs, sessionID, errorType, guardrail, score, provider
  case cacheReadTokens, cacheWriteTokens, reasoningTokens, recomputedCostUSD

  /// The JSON key.
  var key: String {
    switch self {
    case .ts: "ts"
    case .requestID: "request_id"
    case .artefact: "artefact"
    case .kind: "kind"
    case .version: "version"
    case .route: "route"
    case .latencyMs: "latency_ms"
    case .inputTokens: "input_tokens"
    case .outputTokens: "output_tokens"
    case .costUSD: "cost_usd"
    case .status: "status"
    case .ttftMs: "ttft_ms"
    case .sessionID: "session_id"
    case .errorType: "error_type"
    case .guardrail: "guardrail"
    case .score: "score"
    case .provider: "provider"
    case .cacheReadTokens: "cache_read_tokens"
    case .cacheWriteTokens: "cache_write_tokens"
    case .reasoningTokens: "reasoning_tokens"
    case .recomputedCostUSD: "recomputed_cost_usd"
    }
  }

  /// Whether the value is a token count (a non-negative integer).
  var isTokenCount: Bool {
    switch self {
    case .inputTokens, .outputTokens, .cacheReadTokens, .cacheWriteTokens, .reasoningTokens: true
    default: false
    }
  }

  /// Whether a record must carry this key.
  var isRequired: Bool { rawValue <= FlightDeckField.outputTokens.rawValue || self == .status }

  /// Bit mask of all required fields.
  static let requiredMask: UInt32 = {
    var m: UInt32 = 0
    for f in FlightDeckField.allCases where f.isRequired { m |= 1 << UInt32(f.rawValue) }
    return m
  }()
}
