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
  /// Cost in USD, `nil` when unknown.
  public var costUSD: Double?
  /// Time to first token in ms, if reported.
  public var ttftMs: Double?

  /// Creates a sample.
  public init(
    timestamp: Timestamp, latencyMs: Double, status: RequestStatus, inputTokens: Int,
    outputTokens: Int, costUSD: Double?, ttftMs: Double? = nil
  ) {
    self.timestamp = timestamp
    self.latencyMs = latencyMs
    self.status = status
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.costUSD = costUSD
    self.ttftMs = ttftMs
  }

  /// The sample of a record.
  public init(_ record: TelemetryRecord) {
    self.init(
      timestamp: record.timestamp, latencyMs: record.latencyMs, status: record.status,
      inputTokens: record.inputTokens, outputTokens: record.outputTokens, costUSD: record.costUSD,
      ttftMs: record.ttftMs)
  }
}
