extension AlertRulesLoader {
  /// The bounds of every duration in a rules file, inclusive, in ms.
  ///
  /// The same limits as the configuration and the command line (issue 11,
  /// finding F12: a group `interval: 1ms` kept a dashboard core busy, and
  /// windows, `for` and `keep_firing_for` of 99 999 999 years or 2^63 − 1 ms
  /// were accepted). A value outside is refused as
  /// `file:line:column: field: must be between A and B, found 'text'`, so the
  /// dashboard's hot reload refuses the file whole and keeps the last good
  /// rules. The table is in the Rules language article, "Bounds".
  public enum Bounds {
    /// A group's `interval`: 1 s to 1 h, as `[alerts] evaluation_interval`
    /// (``FlightDeckConfiguration/Bounds/evaluationIntervalMs``) and
    /// `alerts eval --interval`.
    public static let intervalMs: ClosedRange<Int64> = FlightDeckConfiguration.Bounds.evaluationIntervalMs
    /// A rule's `for` and `keep_firing_for`: 0 to 365 days, as a silence
    /// (`silence add --for`) and the longest `[[slo]] period`: a hold longer
    /// than a year is a typo, and `activeAt + for` must stay far from the
    /// 64-bit millisecond limit.
    public static let holdMs: ClosedRange<Int64> = 0...365 * 86_400_000
    /// A range window `[d]` in an expression (`burn_rate` windows included):
    /// 1 s, the finest cell the metrics store keeps
    /// (``MetricsConfiguration/cellWidthMs``), to 31 days, the longest
    /// retention the store keeps (``EngineOptions/maximumWindowMs``,
    /// `[metrics] retention`, the configuration's `window`).
    public static let windowMs: ClosedRange<Int64> = 1000...EngineOptions.maximumWindowMs

    /// `between 1s and 1h`: both ends in Prometheus duration syntax.
    static func between(_ range: ClosedRange<Int64>) -> String {
      "between \(AlertDuration.format(range.lowerBound)) and \(AlertDuration.format(range.upperBound))"
    }

    /// Whether `text`, which ``AlertDuration/milliseconds(_:)`` refused, is a
    /// well-formed duration too long for 64-bit milliseconds
    /// (`9223372036854775808ms`): the same text with every number made 1
    /// parses. Such a value is out of range, not malformed.
    static func isTooLong(_ text: String) -> Bool {
      AlertDuration.milliseconds(OptionBounds.numbersAsOne(text)) != nil
    }
  }
}
