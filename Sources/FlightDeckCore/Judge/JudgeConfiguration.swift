/// What the canary judge compares and how it turns metric classifications into a verdict.
public struct JudgeConfiguration: Sendable, Hashable, Codable {
  /// The metrics, in display order.
  public var metrics: [JudgeMetric]
  /// Weight per group name (any positive scale; normalised over the groups that have a score).
  /// A group missing here weighs 1.
  public var groupWeights: [String: Double]
  /// Score (0–100) at or above which the verdict is `pass` (Kayenta/Argo default 90).
  public var passScore: Double
  /// Score at or above which the verdict is `marginal` (default 75); below it `fail`.
  public var marginalScore: Double
  /// Whether a `nodata` metric counts as a failed metric in its group's score (Kayenta's
  /// "nodata-failed"); default false: nodata metrics are left out of the score, and the nodata
  /// rule below makes the analysis inconclusive instead.
  public var nodataCountsAsFailure: Bool
  /// The analysis is `inconclusive` when the share of `nodata` metrics exceeds this fraction
  /// (default 0.5: more than half), or when any critical metric is `nodata`.
  public var maxNodataShare: Double
  /// How rates are tested (default `auto`: Fisher when an expected cell < 5).
  public var proportionMethod: ProportionTestMethod
  /// How Mann-Whitney p-values are computed (default `auto`, SciPy's rule).
  public var mannWhitneyMethod: MannWhitneyMethod

  /// Creates a configuration; defaults follow Kayenta (pass 90, marginal 75).
  public init(
    metrics: [JudgeMetric], groupWeights: [String: Double] = [:], passScore: Double = 90,
    marginalScore: Double = 75, nodataCountsAsFailure: Bool = false, maxNodataShare: Double = 0.5,
    proportionMethod: ProportionTestMethod = .auto, mannWhitneyMethod: MannWhitneyMethod = .auto
  ) {
    self.metrics = metrics
    self.groupWeights = groupWeights
    self.passScore = passScore
    self.marginalScore = marginalScore
    self.nodataCountsAsFailure = nodataCountsAsFailure
    self.maxNodataShare = maxNodataShare
    self.proportionMethod = proportionMethod
    self.mannWhitneyMethod = mannWhitneyMethod
  }

  /// FlightDeck's default metric set for a model/prompt/agent canary. Series keys: "latency_ms",
  /// "ttft_ms", "cost_usd", "score"; rate keys: "errors", "timeouts", "guardrail_failures".
  /// Error rate is critical (+1 pp allowed); latency percentiles allow +10 %, cost +10 %, score −5 %.
  public static let standard = JudgeConfiguration(
    metrics: [
      JudgeMetric(
        name: "error rate", kind: .rate, direction: .higherIsWorse, tolerance: .absolute(0.01),
        group: "errors", critical: true, series: "errors"),
      JudgeMetric(
        name: "timeout rate", kind: .rate, direction: .higherIsWorse, tolerance: .absolute(0.01),
        group: "errors", series: "timeouts"),
      JudgeMetric(
        name: "guardrail failure rate", kind: .rate, direction: .higherIsWorse,
        tolerance: .absolute(0.01), group: "quality", series: "guardrail_failures"),
      JudgeMetric(
        name: "p50 latency", kind: .continuous(.p50), direction: .higherIsWorse,
        tolerance: .relative(0.10), group: "latency", series: "latency_ms"),
      JudgeMetric(
        name: "p95 latency", kind: .continuous(.p95), direction: .higherIsWorse,
        tolerance: .relative(0.10), group: "latency", series: "latency_ms"),
      JudgeMetric(
        name: "p99 latency", kind: .continuous(.p99), direction: .higherIsWorse,
        tolerance: .relative(0.10), group: "latency", series: "latency_ms"),
      JudgeMetric(
        name: "p95 TTFT", kind: .continuous(.p95), direction: .higherIsWorse,
        tolerance: .relative(0.10), group: "latency", series: "ttft_ms"),
      JudgeMetric(
        name: "cost per request", kind: .continuous(.mean), direction: .higherIsWorse,
        tolerance: .relative(0.10), group: "cost", series: "cost_usd"),
      JudgeMetric(
        name: "mean score", kind: .continuous(.mean), direction: .lowerIsWorse,
        tolerance: .relative(0.05), group: "quality", series: "score"),
    ],
    groupWeights: ["errors": 40, "latency": 30, "cost": 10, "quality": 20])

  /// Checks ranges: α in (0, 1), min samples ≥ 1, tolerances ≥ 0, weights ≥ 0,
  /// 0 ≤ marginal ≤ pass ≤ 100, nodata share in [0, 1].
  /// - Throws: `JudgeError.invalidConfiguration` naming the first bad field.
  public func validate() throws(JudgeError) {
    for metric in metrics {
      if !(metric.alpha > 0 && metric.alpha < 1) {
        throw .invalidConfiguration(field: "\(metric.name).alpha", reason: "must be in (0, 1)")
      }
      if metric.minSamples < 1 {
        throw .invalidConfiguration(field: "\(metric.name).minSamples", reason: "must be ≥ 1")
      }
      switch metric.tolerance {
      case .relative(let value), .absolute(let value):
        if !(value >= 0 && value.isFinite) {
          throw .invalidConfiguration(field: "\(metric.name).tolerance", reason: "must be ≥ 0")
        }
      }
    }
    for (group, weight) in groupWeights where !(weight >= 0 && weight.isFinite) {
      throw .invalidConfiguration(field: "groupWeights.\(group)", reason: "must be ≥ 0")
    }
    if !(0 <= marginalScore && marginalScore <= passScore && passScore <= 100) {
      throw .invalidConfiguration(
        field: "passScore/marginalScore", reason: "need 0 ≤ marginal ≤ pass ≤ 100")
    }
    if !(0 <= maxNodataShare && maxNodataShare <= 1) {
      throw .invalidConfiguration(field: "maxNodataShare", reason: "must be in [0, 1]")
    }
  }
}
