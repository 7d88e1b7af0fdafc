/// The judge's verdict on one analysis window, with its reasons.
public struct CanaryVerdict: Sendable, Hashable, Codable, CustomStringConvertible {
  /// pass / marginal / fail / inconclusive.
  public var outcome: CanaryOutcome
  /// Weighted score 0–100 over the groups that have a score; nil when none has.
  public var score: Double?
  /// Per-group scores, in order of first appearance in the configuration.
  public var groups: [GroupScore]
  /// Per-metric results, in configuration order.
  public var metrics: [MetricResult]
  /// One line: "pass: score 100 ≥ 90", "fail: critical metric error rate high",
  /// "inconclusive: 0 samples (min 50)".
  public var summary: String
  /// Baseline version label.
  public var baselineVersion: String
  /// Canary version label.
  public var canaryVersion: String

  /// Multi-line text for the CLI: a heading, the summary, one line per group and per metric.
  /// The score a `pass` needed (0–100) under the judge's configuration;
  /// `nil` in verdicts stored before it was recorded.
  public var passScore: Double? = nil
  /// The score a `marginal` needed (0–100); `nil` in verdicts stored before it was recorded.
  public var marginalScore: Double? = nil

  /// Creates a verdict (the judge makes them; tests and tools may build
  /// their own). `score` and the thresholds are on the 0–100 scale.
  public init(
    outcome: CanaryOutcome, score: Double?, groups: [GroupScore], metrics: [MetricResult], summary: String,
    baselineVersion: String, canaryVersion: String, passScore: Double? = nil, marginalScore: Double? = nil
  ) {
    self.outcome = outcome
    self.score = score
    self.groups = groups
    self.metrics = metrics
    self.summary = summary
    self.baselineVersion = baselineVersion
    self.canaryVersion = canaryVersion
    self.passScore = passScore
    self.marginalScore = marginalScore
  }

  /// The summary, then one line per metric with its reason.
  public var description: String {
    var lines = ["canary \(canaryVersion) vs baseline \(baselineVersion): \(summary)"]
    for group in groups {
      let score = group.score.map { JudgeFormat.number($0) } ?? "—"
      lines.append(
        "  group \(group.group) (weight \(JudgeFormat.number(group.weight))): score \(score) "
          + "[\(group.passed) pass, \(group.failed) fail, \(group.nodata) nodata]")
    }
    for metric in metrics { lines.append("  " + metric.description) }
    return lines.joined(separator: "\n")
  }
}
