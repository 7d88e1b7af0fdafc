/// A rate as counts: `events` out of `trials` requests in one version over the analysis window
/// (e.g. 80 errors in 1 000 requests). Counts, not a ratio, so 0/0 stays distinguishable from 0 %.
public struct RateCounts: Sendable, Hashable, Codable {
  /// Requests that had the event (error, timeout, guardrail failure); 0 ≤ events ≤ trials.
  public var events: Int
  /// Requests observed.
  public var trials: Int

  /// Creates counts; `JudgeError.invalidRateCounts` reports negative counts or events > trials
  /// when the judge sees them.
  public init(events: Int, trials: Int) {
    self.events = events
    self.trials = trials
  }

  /// events / trials as a fraction in [0, 1], or nil for 0 trials (never 0/0 = NaN).
  public var rate: Double? {
    trials > 0 ? Double(events) / Double(trials) : nil
  }

  /// Whether the counts make sense: 0 ≤ events ≤ trials.
  public var isValid: Bool { events >= 0 && trials >= 0 && events <= trials }
}
