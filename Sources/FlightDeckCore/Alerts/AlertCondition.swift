/// One comparison of the rules language:
/// `metric{matchers}[window] OP threshold`.
public struct AlertCondition: Sendable, Hashable, Codable {
  /// The metric queried.
  public var metric: AlertMetric
  /// The label matchers, in source order.
  public var matchers: [AlertLabelMatcher]
  /// The window in ms (``defaultWindowMs`` when the source gave none).
  public var windowMs: Int64
  /// Whether the window was written in the source (the printer keeps it).
  public var windowWritten: Bool
  /// The comparison.
  public var comparison: AlertComparison
  /// The threshold, in the metric's unit.
  public var threshold: Double

  /// The window used when none is written: 5 minutes (300 000 ms).
  public static let defaultWindowMs: Int64 = 300_000

  /// Creates a condition.
  public init(
    metric: AlertMetric, matchers: [AlertLabelMatcher] = [], windowMs: Int64 = AlertCondition.defaultWindowMs,
    windowWritten: Bool = true, comparison: AlertComparison, threshold: Double
  ) {
    self.metric = metric
    self.matchers = matchers
    self.windowMs = windowMs
    self.windowWritten = windowWritten
    self.comparison = comparison
    self.threshold = threshold
  }

  /// The labels the condition's output series are split by: `artefact`
  /// always (except for `ingest_errors`, which has no labels), plus
  /// `version` and `route` when a matcher names them, plus `slo` for SLO
  /// metrics — like PromQL, where a selector returns one series per label set.
  public var splitLabels: [String] {
    switch metric {
    case .ingestErrors: return []
    case .burnRate, .errorBudgetRemaining: return ["artefact", "slo"]
    default:
      var out = ["artefact"]
      for name in ["version", "route"] where matchers.contains(where: { $0.name == name }) {
        out.append(name)
      }
      return out
    }
  }
}
