/// One metric's comparison, with everything needed to explain it.
public struct MetricResult: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The metric's name.
  public var name: String
  /// Its group.
  public var group: String
  /// Whether it is critical.
  public var critical: Bool
  /// Baseline sample size (continuous) or trials (rate).
  public var baselineCount: Int
  /// Canary sample size or trials.
  public var canaryCount: Int
  /// Baseline value: the statistic (e.g. p95 in ms) or the rate as a fraction; nil without data.
  public var baselineValue: Double?
  /// Canary value, same unit.
  public var canaryValue: Double?
  /// canary − baseline in the metric's unit (ms, USD, fraction for rates); nil without data.
  public var absoluteEffect: Double?
  /// (canary − baseline) / |baseline|; nil without data or when the baseline is 0.
  public var relativeEffect: Double?
  /// Hodges-Lehmann shift canary − baseline with its 1−α interval (continuous metrics only).
  public var shift: HodgesLehmannEstimate?
  /// Two-sided p-value of the test; nil when a side has no data.
  public var pValue: Double?
  /// The test used: "Mann-Whitney exact", "Mann-Whitney asymptotic", "two-proportion z",
  /// "Fisher exact", or "none".
  public var test: String
  /// The classification.
  public var classification: MetricClassification
  /// One line for humans, e.g. "p95 latency +650 % (p=0.008, n=5/5 < min 50) → nodata".
  public var reason: String

  /// The reason line, prefixed with "[critical] " for critical metrics.
  /// Which way is worse for this metric (from its ``JudgeMetric``; `nil` in
  /// verdicts stored before it was recorded).
  public var direction: MetricDirection? = nil
  /// Rate or continuous statistic (from its ``JudgeMetric``): rates are
  /// fractions (shown in %), continuous values are in the series' unit.
  public var kind: MetricKind? = nil
  /// The sample series the metric reads ("errors", "latency_ms", "cost_usd"…),
  /// which names its unit (ms, USD); `nil` in verdicts stored before it was recorded.
  public var series: String? = nil

  /// Creates a result (the judge makes them; tests and tools may build
  /// their own, e.g. to show a stored verdict). Values are in the metric's
  /// unit (rates as fractions), the p-value in [0, 1].
  public init(
    name: String, group: String, critical: Bool, baselineCount: Int, canaryCount: Int,
    baselineValue: Double?, canaryValue: Double?, absoluteEffect: Double?, relativeEffect: Double?,
    shift: HodgesLehmannEstimate?, pValue: Double?, test: String, classification: MetricClassification,
    reason: String, direction: MetricDirection? = nil, kind: MetricKind? = nil, series: String? = nil
  ) {
    self.name = name
    self.group = group
    self.critical = critical
    self.baselineCount = baselineCount
    self.canaryCount = canaryCount
    self.baselineValue = baselineValue
    self.canaryValue = canaryValue
    self.absoluteEffect = absoluteEffect
    self.relativeEffect = relativeEffect
    self.shift = shift
    self.pValue = pValue
    self.test = test
    self.classification = classification
    self.reason = reason
    self.direction = direction
    self.kind = kind
    self.series = series
  }

  /// The reason, marked `[critical]` for a critical metric.
  public var description: String { (critical ? "[critical] " : "") + reason }
}
