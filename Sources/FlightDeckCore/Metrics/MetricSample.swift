/// The figures of one request that the metrics store keeps.
///
/// A `TelemetryRecord` minus its identity and strings, so the batch path can
/// record without building Strings.
public struct MetricSample: Sendable, Hashable {
  /// Request start, ms since the epoch.
  public var timestamp: Timestamp
  /// Latency in ms.
  public var latencyMs: Double
  /// Outcome.
  public var status: RequestStatus
  /// Input tokens.
  public var inputTokens: Int
  /// Output tokens.
  public var outputTokens: Int
  /// Input tokens read from the prompt cache (part of `inputTokens`).
  public var cacheReadTokens: Int
  /// Input tokens written to the prompt cache (part of `inputTokens`).
  public var cacheWriteTokens: Int
  /// Reasoning tokens (part of `outputTokens`).
  public var reasoningTokens: Int
  /// Cost in USD, `nil` when unknown.
  public var costUSD: Double?
  /// Time to first token in ms, if reported.
  public var ttftMs: Double?
  /// The price table's figure for this request when ``costUSD`` was
  /// ingested from the source and differs from it
  /// (``TelemetryRecord/recomputedCostUSD``); `nil` otherwise.
  public var recomputedCostUSD: Double?

  /// Creates a sample.
  public init(
    timestamp: Timestamp, latencyMs: Double, status: RequestStatus, inputTokens: Int,
    outputTokens: Int, costUSD: Double?, ttftMs: Double? = nil, cacheReadTokens: Int = 0,
    cacheWriteTokens: Int = 0, reasoningTokens: Int = 0, recomputedCostUSD: Double? = nil
  ) {
    self.timestamp = timestamp
    self.latencyMs = latencyMs
    self.status = status
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.costUSD = costUSD
    self.ttftMs = ttftMs
    self.cacheReadTokens = cacheReadTokens
    self.cacheWriteTokens = cacheWriteTokens
    self.reasoningTokens = reasoningTokens
    self.recomputedCostUSD = recomputedCostUSD
  }

  /// The sample of a record.
  public init(_ record: TelemetryRecord) {
    self.init(
      timestamp: record.timestamp, latencyMs: record.latencyMs, status: record.status,
      inputTokens: record.inputTokens, outputTokens: record.outputTokens, costUSD: record.costUSD,
      ttftMs: record.ttftMs, cacheReadTokens: record.cacheReadTokens,
      cacheWriteTokens: record.cacheWriteTokens,
      reasoningTokens: record.reasoningTokens, recomputedCostUSD: record.recomputedCostUSD)
  }
}
