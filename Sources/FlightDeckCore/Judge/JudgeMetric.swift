/// One metric the canary judge compares, with its Kayenta-style classification settings.
public struct JudgeMetric: Sendable, Hashable, Codable {
  /// Display name, also the key into `VersionSamples` (e.g. "p95 latency", "error rate").
  public var name: String
  /// Continuous samples or rate counts.
  public var kind: MetricKind
  /// Which change is a regression.
  public var direction: MetricDirection
  /// Allowed change in the regression direction before a significant difference fails.
  public var tolerance: EffectTolerance
  /// Significance level α of the two-sided test (default 0.05): p < α is significant.
  public var alpha: Double
  /// Minimum samples (continuous) or trials (rates) on each side; below it the metric is `nodata`.
  public var minSamples: Int
  /// A critical metric that classifies `high`/`low` fails the analysis outright; if it is `nodata`
  /// the analysis is `inconclusive`.
  public var critical: Bool
  /// Group name for scoring (e.g. "errors", "latency", "cost", "quality").
  public var group: String
  /// For continuous metrics: which sample series to read (several metrics, e.g. p50 and p95
  /// latency, share one series); defaults to `name`. For rates: the key of the counts.
  public var series: String

  /// Creates a metric; defaults are α = 0.05, min 50 samples, not critical, series = name.
  public init(
    name: String, kind: MetricKind, direction: MetricDirection, tolerance: EffectTolerance,
    group: String, alpha: Double = 0.05, minSamples: Int = 50, critical: Bool = false,
    series: String? = nil
  ) {
    self.name = name
    self.kind = kind
    self.direction = direction
    self.tolerance = tolerance
    self.alpha = alpha
    self.minSamples = minSamples
    self.critical = critical
    self.group = group
    self.series = series ?? name
  }
}
