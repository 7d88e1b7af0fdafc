import TOMLKit

extension FlightDeckConfiguration {
  /// The bounds of every number in the configuration file, inclusive.
  ///
  /// Each bound is what the machine can serve, not a style rule: a value
  /// outside is refused with "file:line: key: must be between A and B" (issue
  /// 11: `max_line_bytes = 36854775807` aborted on allocation, and `Int.max`
  /// overflowed the line reader's buffer arithmetic). The same table is
  /// documented in the Configuration article.
  public enum Bounds {
    /// `window`, ms: 10 s to 31 days (``EngineOptions/maximumWindowMs``).
    public static let windowMs: ClosedRange<Int64> = 10_000...EngineOptions.maximumWindowMs
    /// `since`, ms: 1 ms to 366 days (history older than a year is beyond any
    /// window or retention the engine keeps).
    public static let sinceMs: ClosedRange<Int64> = 1...366 * 86_400_000
    /// `poll_interval`, ms: 10 ms to 60 s (below, polling alone keeps a core
    /// busy; above, the dashboard is no longer live).
    public static let pollIntervalMs: ClosedRange<Int64> = 10...60_000
    /// `max_line_bytes`: 1 KiB to 64 MiB. Every reader (one per file tailed,
    /// one per replay thread) allocates a buffer of this size.
    public static let maxLineBytes: ClosedRange<Int> = 1024...(64 << 20)
    /// `[metrics] bucket`, ms: 1 s to 24 h.
    public static let bucketMs: ClosedRange<Int64> = 1000...86_400_000
    /// `[metrics] max_series`: 1 to 1 000 000 series. Each series costs at
    /// least a bucket (about 1 KiB) and a visit per snapshot; a million
    /// quiet series take about 2 GiB and a second per snapshot.
    public static let maxSeries: ClosedRange<Int> = 1...1_000_000
    /// `[metrics] retention`, ms: 1 s to 31 days (the longest window).
    public static let retentionMs: ClosedRange<Int64> = 1000...EngineOptions.maximumWindowMs
    /// `[alerts] evaluation_interval`, ms: 1 s to 1 h.
    public static let evaluationIntervalMs: ClosedRange<Int64> = 1000...3_600_000
    /// `[[slo]] period`, ms: 1 h to 365 days.
    public static let sloPeriodMs: ClosedRange<Int64> = 3_600_000...365 * 86_400_000
    /// `[[slo]] threshold_ms`: above 0 up to 24 h (86 400 000 ms).
    public static let sloThresholdMs: ClosedRange<Double> = Double.leastNonzeroMagnitude...86_400_000
    /// `[policy] request_lifetime`, ms: 1 minute to 365 days.
    public static let requestLifetimeMs: ClosedRange<Int64> = 60_000...365 * 86_400_000
    /// `[policy.<tier>] approvals`: 0 to 10.
    public static let approvals: ClosedRange<Int> = 0...10
    /// `[prices.<model>] *_per_million`, USD per million tokens: 0 to 100 000
    /// (the dearest public price is in the hundreds; a larger figure is a typo,
    /// and summed over billions of tokens would leave the range of exact costs).
    public static let pricePerMillion: ClosedRange<Double> = 0...100_000
    /// `[receiver] max_body_bytes`: 1 KiB to 256 MiB (a body is held in
    /// memory while it is decoded).
    public static let receiverMaxBodyBytes: ClosedRange<Int64> = 1024...(256 << 20)
    /// `[receiver] rotate_bytes`: 4 KiB to 16 GiB.
    public static let receiverRotateBytes: ClosedRange<Int64> = 4096...(16 << 30)
    /// `[receiver] retention_max_bytes`: 1 MiB to 1 PiB.
    public static let receiverRetentionMaxBytes: ClosedRange<Int64> = (1 << 20)...(1 << 50)
    /// `[receiver] rotate_age`, ms: 1 s to 31 days.
    public static let receiverRotateAgeMs: ClosedRange<Int64> = 1000...31 * 86_400_000
    /// `[receiver] retention_max_age`, ms: 1 minute to 10 years (3 660 days).
    public static let receiverRetentionMaxAgeMs: ClosedRange<Int64> = 60_000...3660 * 86_400_000
    /// `[receiver] head_timeout` and `body_timeout`, ms: 100 ms to 1 hour.
    public static let receiverReadTimeoutMs: ClosedRange<Int64> = 100...3_600_000
    /// `[receiver] min_body_rate`, bytes per second: 0 (none) to 1 GiB/s.
    public static let receiverMinBodyRate: ClosedRange<Int> = 0...(1 << 30)
  }

  /// "must be between A and B" for a duration range, both ends written as
  /// the command line writes them (``OptionBounds/durationText(_:)``: whole
  /// days as `31d`), so a file and an option say the same bound alike.
  static func between(durations range: ClosedRange<Int64>) -> String {
    "must be between \"\(OptionBounds.durationText(range.lowerBound))\" and "
      + "\"\(OptionBounds.durationText(range.upperBound))\""
  }

  /// A duration key's value in ms, read with the grammar of every duration
  /// (``DurationText``) and refused in the words a command-line option gets
  /// (``OptionBounds/duration(_:option:bounds:)``): one reading for every
  /// duration key of every table.
  /// - Parameters:
  ///   - value: the key's value; `nil` when the key is absent.
  ///   - range: the bounds, ms.
  ///   - example: the durations the message offers, e.g. `"15s"` or `"1h" or "7d"`.
  ///   - fail: makes the error for a problem (the caller knows the key's path and line).
  /// - Returns: `nil` when the key is absent.
  /// - Throws: what `fail` makes of "expected a duration string such as …"
  ///   (not a string, or not a duration) or of ``between(durations:)`` (beyond
  ///   `range`, also a duration too large to hold, such as `"99999999999d"`).
  static func duration(
    _ value: (any TOMLValueConvertible)?, range: ClosedRange<Int64>, example: String,
    fail: (String) -> ConfigurationError
  ) throws -> Int64? {
    guard let value else { return nil }
    guard let text = value.string else { throw fail("expected a duration string such as \(example)") }
    guard let ms = DurationText.milliseconds(text) else {
      // Well formed but too large to hold: out of range, as on the command line.
      if DurationText.milliseconds(OptionBounds.numbersAsOne(text)) != nil {
        throw fail(between(durations: range))
      }
      throw fail("expected a duration string such as \(example)")
    }
    guard range.contains(ms) else { throw fail(between(durations: range)) }
    return ms
  }
}
