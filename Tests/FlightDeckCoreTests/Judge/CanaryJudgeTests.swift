import Foundation
import Testing

@testable import FlightDeckCore

/// The classic cases and the Kayenta scoring rules, with expected values from SciPy 1.17.1
/// or by hand.
@Suite struct CanaryJudgeTests {
  /// A healthy version under the standard configuration's keys: 500 latency/TTFT samples from the
  /// log-normal fixture, 500 cost and score samples, and the given error counts of 1000 requests.
  static func version(_ name: String, errors: Int = 0) -> VersionSamples {
    let (baseline, _) = LogNormalFixture.samples()
    return VersionSamples(
      version: name,
      continuous: [
        "latency_ms": baseline, "ttft_ms": baseline.map { $0 / 4 },
        "cost_usd": baseline.map { $0 / 100_000 }, "score": baseline.map { 1 / $0 },
      ],
      rates: [
        "errors": RateCounts(events: errors, trials: 1000),
        "timeouts": RateCounts(events: 2, trials: 1000),
        "guardrail_failures": RateCounts(events: 1, trials: 1000),
      ])
  }

  static func rate(_ name: String, group: String = "g", critical: Bool = false) -> JudgeMetric {
    JudgeMetric(
      name: name, kind: .rate, direction: .higherIsWorse, tolerance: .absolute(0.01), group: group,
      critical: critical)
  }

  /// Zero traffic to the canary: every metric has 0 canary samples → nodata, the critical error
  /// rate among them → inconclusive with the reason.
  @Test func noCanaryTrafficIsInconclusive() throws {
    let verdict = try CanaryJudge.judge(
      baseline: Self.version("v1"), canary: VersionSamples(version: "v2"), config: .standard)
    #expect(verdict.outcome == .inconclusive)
    #expect(verdict.summary == "inconclusive: 0 samples (min 50)")
    #expect(verdict.metrics.allSatisfy { $0.classification == .nodata && $0.canaryCount == 0 })
    #expect(verdict.metrics.allSatisfy { $0.pValue == nil })
  }

  /// Baseline 0/1000 errors vs canary 80/1000, everything else identical: the critical error rate
  /// is `high` (z = 9.1287, p = 6.932079668133675e-20, see ProportionTestTests; +8 pp > +1 pp),
  /// so the analysis fails outright.
  @Test func eightPercentErrorsAgainstZeroFails() throws {
    let verdict = try CanaryJudge.judge(
      baseline: Self.version("v1"), canary: Self.version("v2", errors: 80), config: .standard)
    #expect(verdict.outcome == .fail)
    #expect(verdict.summary.hasPrefix("fail: critical metric error rate +8 pp"))
    let errors = try #require(verdict.metrics.first { $0.name == "error rate" })
    #expect(errors.classification == .high)
    #expect(errors.baselineValue == 0)
    #expect(errors.canaryValue == 0.08)
    #expect(errors.relativeEffect == nil)  // baseline 0: no relative change, never ∞ or NaN
    #expect(abs((errors.pValue ?? 1) - 6.932079668133675e-20) / 6.932079668133675e-20 < 1e-6)
    #expect(errors.reason.contains("0 % → 8 %"))
    // The other metrics compare identical data: Mann-Whitney p = 1 (U = n²/2), all pass.
    #expect(verdict.metrics.filter { $0.name != "error rate" }.allSatisfy { $0.classification == .pass })
  }

  /// Same rates with a non-critical metric: group score 0/1 × 100 = 0 < 75 → fail by score.
  @Test func nonCriticalErrorRateFailsByScore() throws {
    let config = JudgeConfiguration(metrics: [Self.rate("errors")])
    let verdict = try CanaryJudge.judge(
      baseline: VersionSamples(version: "v1", rates: ["errors": RateCounts(events: 0, trials: 1000)]),
      canary: VersionSamples(version: "v2", rates: ["errors": RateCounts(events: 80, trials: 1000)]),
      config: config)
    #expect(verdict.outcome == .fail)
    #expect(verdict.score == 0)
    #expect(verdict.summary == "fail: score 0 < 75")
  }

  /// A 650 % p95 regression on 5 samples per side: significant (exact Mann-Whitney p = 2/252)
  /// but below the 50-sample minimum → nodata → inconclusive, not pass.
  /// python3 -c "import numpy as np; from scipy.stats import mannwhitneyu; b=[98,100,101,99,102];
  ///   c=[v*7.5 for v in b]; print(mannwhitneyu(c,b), np.percentile(b,95), np.percentile(c,95))"
  /// → statistic=25.0, pvalue=0.007936507936507936, 101.8, 763.5 (763.5/101.8 = 7.5: +650 %).
  @Test func hugeRegressionOnFiveSamplesIsInconclusive() throws {
    let baseline = [98.0, 100, 101, 99, 102]
    let canary = baseline.map { $0 * 7.5 }
    let config = JudgeConfiguration(metrics: [
      JudgeMetric(
        name: "p95 latency", kind: .continuous(.p95), direction: .higherIsWorse,
        tolerance: .relative(0.10), group: "latency", series: "latency_ms")
    ])
    let verdict = try CanaryJudge.judge(
      baseline: VersionSamples(version: "v1", continuous: ["latency_ms": baseline]),
      canary: VersionSamples(version: "v2", continuous: ["latency_ms": canary]), config: config)
    #expect(verdict.outcome == .inconclusive)
    #expect(verdict.summary == "inconclusive: 5 samples (min 50)")
    let metric = try #require(verdict.metrics.first)
    #expect(metric.classification == .nodata)
    #expect(abs((metric.pValue ?? 1) - 0.007936507936507936) < 1e-12)
    #expect(abs((metric.baselineValue ?? 0) - 101.8) < 1e-9)
    #expect(abs((metric.canaryValue ?? 0) - 763.5) < 1e-9)
    #expect(metric.reason.hasPrefix("p95 latency +650 % (101.8 → 763.5, p=0.0079"))
    #expect(metric.reason.hasSuffix("n=5/5 < min 50) → nodata"))
    // Under the standard configuration (other metrics have no data at all) it is inconclusive too.
    let standard = try CanaryJudge.judge(
      baseline: VersionSamples(version: "v1", continuous: ["latency_ms": baseline]),
      canary: VersionSamples(version: "v2", continuous: ["latency_ms": canary]), config: .standard)
    #expect(standard.outcome == .inconclusive)
  }

  /// 500 vs 500 with a ×1.2 log-normal shift: p95 226.62 → 271.30 ms (+19.7 % > +10 %),
  /// p = 2.974685742816258e-08 (see MannWhitneyUTests) → high → score 0 → fail.
  /// python3 -c "import numpy as np; from scipy.stats import norm; n=500; i=np.arange(n);
  ///   print(np.percentile(np.exp(np.log(100)+0.5*norm.ppf((i+0.5)/n)),95),
  ///   np.percentile(np.exp(np.log(100)+np.log(1.2)+0.5*norm.ppf((i+0.25)/n)),95))"
  /// → 226.61992626753207 271.2972745130194
  @Test func largeLatencyShiftIsHigh() throws {
    let (baseline, canary) = LogNormalFixture.samples()
    let metric = JudgeMetric(
      name: "p95 latency", kind: .continuous(.p95), direction: .higherIsWorse,
      tolerance: .relative(0.10), group: "latency")
    let verdict = try CanaryJudge.judge(
      baseline: VersionSamples(version: "v1", continuous: ["p95 latency": baseline]),
      canary: VersionSamples(version: "v2", continuous: ["p95 latency": canary]),
      config: JudgeConfiguration(metrics: [metric]))
    let result = try #require(verdict.metrics.first)
    #expect(result.classification == .high)
    #expect(abs((result.baselineValue ?? 0) - 226.61992626753207) < 1e-9)
    #expect(abs((result.canaryValue ?? 0) - 271.2972745130194) < 1e-9)
    #expect(abs((result.shift?.shift ?? 0) - 18.72083794148538) < 1e-9)
    #expect(verdict.outcome == .fail)
    // A tolerance of +25 % absorbs the +19.7 %: significant but within tolerance → pass.
    var tolerant = metric
    tolerant.tolerance = .relative(0.25)
    let relaxed = try CanaryJudge.judge(
      baseline: VersionSamples(version: "v1", continuous: ["p95 latency": baseline]),
      canary: VersionSamples(version: "v2", continuous: ["p95 latency": canary]),
      config: JudgeConfiguration(metrics: [tolerant]))
    #expect(relaxed.metrics.first?.classification == .pass)
    #expect(relaxed.outcome == .pass)
  }

  /// Lower is worse: the same shift read as a score that went up is a pass; swapped, it is `low`.
  @Test func lowerIsWorseFlagsDecreases() throws {
    let (baseline, canary) = LogNormalFixture.samples()
    let metric = JudgeMetric(
      name: "mean score", kind: .continuous(.mean), direction: .lowerIsWorse,
      tolerance: .relative(0.05), group: "quality")
    let config = JudgeConfiguration(metrics: [metric])
    let up = try CanaryJudge.judge(
      baseline: VersionSamples(version: "v1", continuous: ["mean score": baseline]),
      canary: VersionSamples(version: "v2", continuous: ["mean score": canary]), config: config)
    #expect(up.metrics.first?.classification == .pass)
    let down = try CanaryJudge.judge(
      baseline: VersionSamples(version: "v1", continuous: ["mean score": canary]),
      canary: VersionSamples(version: "v2", continuous: ["mean score": baseline]), config: config)
    #expect(down.metrics.first?.classification == .low)
  }

  /// Edge cases never read as a pass by accident: all-equal samples (zero variance) → p = 1 →
  /// pass with a real p-value; both rates 0/1000 → p = 1 → pass; empty samples and 0/0 → nodata.
  @Test func degenerateInputs() throws {
    let flat = [Double](repeating: 5, count: 60)
    let config = JudgeConfiguration(metrics: [
      JudgeMetric(
        name: "latency", kind: .continuous(.p95), direction: .higherIsWorse,
        tolerance: .relative(0.1), group: "g"),
      Self.rate("errors"),
    ])
    let zero = RateCounts(events: 0, trials: 1000)
    let same = try CanaryJudge.judge(
      baseline: VersionSamples(version: "v1", continuous: ["latency": flat], rates: ["errors": zero]),
      canary: VersionSamples(version: "v2", continuous: ["latency": flat], rates: ["errors": zero]),
      config: config)
    #expect(same.metrics.map(\.classification) == [.pass, .pass])
    #expect(same.metrics.map(\.pValue) == [1, 1])
    #expect(same.outcome == .pass)
    let empty = try CanaryJudge.judge(
      baseline: VersionSamples(version: "v1", continuous: ["latency": []], rates: ["errors": zero]),
      canary: VersionSamples(
        version: "v2", continuous: ["latency": [.nan, .infinity]],
        rates: ["errors": RateCounts(events: 0, trials: 0)]),
      config: config)
    #expect(empty.metrics.map(\.classification) == [.nodata, .nodata])
    #expect(empty.outcome == .inconclusive)
    #expect(empty.score == nil)
    #expect(empty.metrics.allSatisfy { $0.relativeEffect == nil && $0.pValue == nil })
  }

  /// Weighted Kayenta score: group a (weight 3): 1 pass + 1 high = 50; group b (weight 1): 100;
  /// score = (3·50 + 1·100) / 4 = 62.5 < 75 → fail.
  @Test func weightedGroupScore() throws {
    let config = JudgeConfiguration(
      metrics: [Self.rate("r1", group: "a"), Self.rate("r2", group: "a"), Self.rate("r3", group: "b")],
      groupWeights: ["a": 3, "b": 1])
    let ten = RateCounts(events: 10, trials: 1000)
    let verdict = try CanaryJudge.judge(
      baseline: VersionSamples(
        version: "v1", rates: ["r1": ten, "r2": RateCounts(events: 0, trials: 1000), "r3": ten]),
      canary: VersionSamples(
        version: "v2", rates: ["r1": ten, "r2": RateCounts(events: 80, trials: 1000), "r3": ten]),
      config: config)
    #expect(verdict.groups.map(\.score) == [50, 100])
    #expect(verdict.score == 62.5)
    #expect(verdict.outcome == .fail)
    #expect(verdict.summary == "fail: score 62.5 < 75")
  }

  /// 3 pass + 1 high in one group: 3/4 × 100 = 75 ≥ 75 → marginal; 1 nodata instead of the high:
  /// 100 (nodata left out) → pass, or 75 with nodataCountsAsFailure → marginal.
  @Test func marginalAndNodataCountingAsFailure() throws {
    let metrics = ["r1", "r2", "r3", "r4"].map { Self.rate($0) }
    let ten = RateCounts(events: 10, trials: 1000)
    let baseline = VersionSamples(
      version: "v1", rates: ["r1": ten, "r2": ten, "r3": ten, "r4": RateCounts(events: 0, trials: 1000)])
    let highCanary = VersionSamples(
      version: "v2", rates: ["r1": ten, "r2": ten, "r3": ten, "r4": RateCounts(events: 80, trials: 1000)])
    let marginal = try CanaryJudge.judge(
      baseline: baseline, canary: highCanary, config: JudgeConfiguration(metrics: metrics))
    #expect(marginal.score == 75)
    #expect(marginal.outcome == .marginal)
    let nodataCanary = VersionSamples(version: "v2", rates: ["r1": ten, "r2": ten, "r3": ten])
    let leftOut = try CanaryJudge.judge(
      baseline: baseline, canary: nodataCanary, config: JudgeConfiguration(metrics: metrics))
    #expect(leftOut.score == 100)
    #expect(leftOut.outcome == .pass)
    let counted = try CanaryJudge.judge(
      baseline: baseline, canary: nodataCanary,
      config: JudgeConfiguration(metrics: metrics, nodataCountsAsFailure: true))
    #expect(counted.score == 75)
    #expect(counted.outcome == .marginal)
  }

  /// More than half the metrics nodata (2 of 3) → inconclusive even though the third passes.
  @Test func tooManyNodataMetricsIsInconclusive() throws {
    let ten = RateCounts(events: 10, trials: 1000)
    let verdict = try CanaryJudge.judge(
      baseline: VersionSamples(version: "v1", rates: ["r1": ten, "r2": ten, "r3": ten]),
      canary: VersionSamples(
        version: "v2", rates: ["r1": ten, "r2": RateCounts(events: 1, trials: 20)]),
      config: JudgeConfiguration(metrics: ["r1", "r2", "r3"].map { Self.rate($0) }))
    #expect(verdict.outcome == .inconclusive)
    #expect(verdict.summary == "inconclusive: 0 samples (min 50)")
    #expect(verdict.score == 100)
  }

  /// Impossible counts and bad configuration are errors naming the field.
  @Test func badInputThrows() {
    let config = JudgeConfiguration(metrics: [Self.rate("errors")])
    #expect(throws: JudgeError.invalidRateCounts(metric: "errors", version: "v2", events: 5, trials: 3)) {
      try CanaryJudge.judge(
        baseline: VersionSamples(version: "v1", rates: ["errors": RateCounts(events: 0, trials: 10)]),
        canary: VersionSamples(version: "v2", rates: ["errors": RateCounts(events: 5, trials: 3)]),
        config: config)
    }
    var bad = Self.rate("errors")
    bad.alpha = 0
    #expect(throws: JudgeError.invalidConfiguration(field: "errors.alpha", reason: "must be in (0, 1)")) {
      try CanaryJudge.judge(
        baseline: VersionSamples(version: "v1"), canary: VersionSamples(version: "v2"),
        config: JudgeConfiguration(metrics: [bad]))
    }
  }

  /// The CLI text lists the summary, the groups and every metric reason.
  @Test func descriptionListsReasons() throws {
    let verdict = try CanaryJudge.judge(
      baseline: Self.version("v1"), canary: Self.version("v2", errors: 80), config: .standard)
    let lines = verdict.description.split(separator: "\n")
    #expect(lines.first?.hasPrefix("canary v2 vs baseline v1: fail: critical metric error rate") == true)
    #expect(lines.count == 1 + 4 + 9)
    #expect(
      lines.contains { $0.hasPrefix("  [critical] error rate +8 pp (0 % → 8 %, p=6.9e-20 two-proportion z") })
  }
}
