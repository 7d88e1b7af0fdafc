/// How failed publishes are retried: exponential backoff from
/// ``initialBackoffMs`` doubling per attempt up to ``maxBackoffMs``, for
/// ever (routing must converge on the decision; a target that keeps failing
/// stays "failing" on the screen and in `flightdeck routing status`).
public struct RoutingRetryPolicy: Sendable, Hashable {
  /// The wait after the first failed attempt, ms.
  public var initialBackoffMs: Int64
  /// The longest wait, ms.
  public var maxBackoffMs: Int64
  /// How long a publisher's claim on an artefact lasts before another
  /// publisher may take it over (a crash mid-publish), ms.
  public var claimForMs: Int64

  /// 1 s doubling to 5 min; claims of 30 s.
  public init(initialBackoffMs: Int64 = 1_000, maxBackoffMs: Int64 = 300_000, claimForMs: Int64 = 30_000) {
    self.initialBackoffMs = initialBackoffMs
    self.maxBackoffMs = max(initialBackoffMs, maxBackoffMs)
    self.claimForMs = claimForMs
  }

  /// The wait after failed attempt number `attempt` (1-based):
  /// `min(initial · 2^(attempt−1), max)` ms.
  public func backoffMs(afterAttempt attempt: Int) -> Int64 {
    let doublings = min(max(0, attempt - 1), 40)
    let raw = initialBackoffMs.multipliedReportingOverflow(by: Int64(1) << doublings)
    return raw.overflow ? maxBackoffMs : min(raw.partialValue, maxBackoffMs)
  }
}
