/// The fields of one FlightDeck JSON line as found by `FlightDeckLineScanner`,
/// without any `String` made.
///
/// Text fields are byte ranges (offsets into the scanned line buffer) of the
/// string contents between the quotes. They are known to be valid UTF-8 and
/// free of escapes, so `String(decoding:as:)` on them is exact; callers can also
/// hash or intern them straight from the bytes.
public struct FlightDeckScan: Sendable, Hashable {
  /// Bytes of the `ts` string (without quotes).
  public var tsRange: Range<Int>
  /// `ts` parsed, UTC milliseconds.
  public var timestamp: Timestamp
  /// Bytes of `request_id`.
  public var requestIDRange: Range<Int>
  /// Bytes of `artefact`.
  public var artefactRange: Range<Int>
  /// `kind`.
  public var kind: ArtefactKind
  /// Bytes of `version`.
  public var versionRange: Range<Int>
  /// `route`.
  public var route: Route
  /// `latency_ms`, milliseconds, ≥ 0.
  public var latencyMs: Double
  /// `input_tokens`, ≥ 0.
  public var inputTokens: Int
  /// `output_tokens`, ≥ 0.
  public var outputTokens: Int
  /// `cost_usd` in USD as written; `nil` when absent or `null` (the price
  /// table may still supply one, see `record(line:prices:)`).
  public var costUSD: Double?
  /// `status`.
  public var status: RequestStatus
  /// `ttft_ms`, milliseconds, when present.
  public var ttftMs: Double?
  /// Bytes of `session_id`, when present.
  public var sessionIDRange: Range<Int>?
  /// Bytes of `error_type`, when present.
  public var errorTypeRange: Range<Int>?
  /// `guardrail`, when present.
  public var guardrail: GuardrailResult?
  /// `score` in 0…1, when present.
  public var score: Double?
  /// Bytes of `provider`, when present.
  public var providerRange: Range<Int>?
  /// `cache_read_tokens`, 0 when absent or `null`.
  public var cacheReadTokens: Int
  /// `cache_write_tokens`, 0 when absent or `null`.
  public var cacheWriteTokens: Int
  /// `reasoning_tokens`, 0 when absent or `null`.
  public var reasoningTokens: Int
  /// `recomputed_cost_usd` in USD as written; `nil` when absent or `null`.
  public var recomputedCostUSD: Double?

  /// The line's tokens as billed.
  public var usage: TokenUsage {
    TokenUsage(
      inputTokens: inputTokens, outputTokens: outputTokens, cacheReadTokens: cacheReadTokens,
      cacheWriteTokens: cacheWriteTokens, reasoningTokens: reasoningTokens)
  }

  /// An empty scan, filled in by the scanner.
  init() {
    tsRange = 0..<0
    timestamp = Timestamp(millisecondsSinceEpoch: 0)
    requestIDRange = 0..<0
    artefactRange = 0..<0
    kind = .model
    versionRange = 0..<0
    route = .stable
    latencyMs = 0
    inputTokens = 0
    outputTokens = 0
    cacheReadTokens = 0
    cacheWriteTokens = 0
    reasoningTokens = 0
    status = .ok
  }
}
