import Foundation

extension Scenario {
  /// The bounds of every number in a scenario file, inclusive: what the
  /// simulator can serve.
  ///
  /// A value outside is refused with "file:line: key.path: message". The
  /// lower bounds are those of the format (a rate, a latency or a share is
  /// positive); the upper bounds keep a run's memory and the records it
  /// writes within what FlightDeck reads back: the request rate of
  /// `simulate --rate`, times and token counts within ``TelemetryBounds``
  /// (a record beyond them would be refused by the decoders), one session
  /// slot in memory per concurrent session, offsets within the longest
  /// window. The same table is in the Scenarios article.
  public enum Bounds {
    /// `rate`, requests per second: at most 100 000 (as `simulate --rate`).
    public static let rate: Double = 100_000
    /// `share`, a relative weight: at most 1 000 000 (the sum of all
    /// shares stays exact).
    public static let share: Double = 1_000_000
    /// `sessions.concurrent`: 1 to 100 000 (one slot each is kept in memory).
    public static let concurrentSessions: ClosedRange<Int> = 1...100_000
    /// `sessions.requests_per_session`: 1 to 1 000 000.
    public static let requestsPerSession: ClosedRange<Int> = 1...1_000_000
    /// `median_ms`, `p95_ms`, `timeout_ms`, ms: at most one day
    /// (``TelemetryBounds/maxMilliseconds``).
    public static let milliseconds: Double = TelemetryBounds.maxMilliseconds
    /// Token `mean`, `median`, `p95`: at most 10¹² (``TelemetryBounds/maxTokens``).
    public static let tokens = Double(TelemetryBounds.maxTokens)
    /// `mu` of a latency or TTFT (of ln ms): −20 to ln(86 400 000) ≈ 18.27,
    /// so that the median is at most one day.
    public static let timeMu: ClosedRange<Double> = -20...Foundation.log(TelemetryBounds.maxMilliseconds)
    /// `mu` of a token count (of ln tokens): −20 to ln(10¹²) ≈ 27.63.
    public static let tokenMu: ClosedRange<Double> = -20...Foundation.log(Double(TelemetryBounds.maxTokens))
    /// `[[event]] latency_factor`: above 0, at most 1 000.
    public static let latencyFactor: Double = 1_000
    /// `[[event]] at` and `[[rollout]] window`, rollout step `pause`, ms:
    /// at most 31 days (``EngineOptions/maximumWindowMs``, as `simulate
    /// --duration`).
    public static let offsetMs: ClosedRange<Int64> = 0...EngineOptions.maximumWindowMs
    /// Rollout step `analysis` interval, ms: above 0, at most 24 hours.
    public static let analysisIntervalMs: Int64 = 86_400_000
    /// Rollout step `count`: 1 to 1 000 analysis runs.
    public static let analysisCount: ClosedRange<Int> = 1...1_000
    /// Rollout step `failure_limit` and `inconclusive_limit`: 0 to 1 000.
    public static let analysisLimit: ClosedRange<Int> = 0...1_000
  }
}
