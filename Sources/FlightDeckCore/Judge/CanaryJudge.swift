/// The canary judge: compares a canary version against its baseline metric by metric and scores
/// the result the way Kayenta's NetflixACAJudge does. Pure: no clock, no I/O, deterministic.
///
/// Verdict rules, in order:
/// 1. A critical metric classified `high`/`low` → `fail` ("fail: critical metric … high").
/// 2. Any critical metric `nodata`, or more than `maxNodataShare` of the metrics `nodata`, or no
///    group with a score → `inconclusive`; the summary names the smallest sample size behind a
///    nodata metric: "inconclusive: 0 samples (min 50)". Inconclusive is never a pass.
/// 3. Otherwise group score = passed / (passed + failed + nodata-failed) × 100, where nodata
///    counts as failed only with `nodataCountsAsFailure` (Kayenta's nodata-failed metrics); groups
///    without a counted metric are left out and the remaining weights renormalised (a FlightDeck
///    choice: an empty group neither helps nor hurts). Score = Σ wᵍ·scoreᵍ / Σ wᵍ;
///    `pass` ≥ passScore, `marginal` ≥ marginalScore, else `fail`.
public enum CanaryJudge {
  /// Judges `canary` against `baseline`.
  ///
  /// - Parameters:
  ///   - baseline: the stable (or shadow's primary) version's samples and counts.
  ///   - canary: the canary (or shadow) version's samples and counts.
  ///   - config: metrics, weights and thresholds.
  /// - Returns: the verdict with per-metric reasons.
  /// - Throws: `JudgeError.invalidConfiguration` for an out-of-range setting,
  ///   `JudgeError.invalidRateCounts` for counts with events > trials or negative counts.
  public static func judge(
    baseline: VersionSamples, canary: VersionSamples, config: JudgeConfiguration
  ) throws(JudgeError) -> CanaryVerdict {
    try config.validate()
    var results: [MetricResult] = []
    for metric in config.metrics {
      results.append(
        try MetricClassifier.classify(
          metric, baseline: baseline, canary: canary, configuration: config))
    }
    let groups = scoreGroups(results, config: config)
    let weighted = groups.compactMap { group in group.score.map { (group.weight, $0) } }
    let totalWeight = weighted.reduce(0) { $0 + $1.0 }
    let score: Double? =
      weighted.isEmpty
      ? nil
      : totalWeight > 0
        ? weighted.reduce(0) { $0 + $1.0 * $1.1 } / totalWeight
        : weighted.reduce(0) { $0 + $1.1 } / Double(weighted.count)
    var verdict = CanaryVerdict(
      outcome: .inconclusive, score: score, groups: groups, metrics: results, summary: "",
      baselineVersion: baseline.version, canaryVersion: canary.version, passScore: config.passScore,
      marginalScore: config.marginalScore)

    let minimum = Dictionary(
      config.metrics.map { ($0.name, $0.minSamples) }, uniquingKeysWith: { first, _ in first })
    if let critical = results.first(where: { $0.critical && $0.classification.isFailure }) {
      verdict.outcome = .fail
      verdict.summary = "fail: critical metric \(critical.reason)"
      return verdict
    }
    let nodata = results.filter { $0.classification == .nodata }
    let nodataShare = results.isEmpty ? 1 : Double(nodata.count) / Double(results.count)
    let criticalNodata = nodata.first { $0.critical }
    if results.isEmpty || nodataShare > config.maxNodataShare || criticalNodata != nil
      || score == nil
    {
      verdict.outcome = .inconclusive
      let thinnest = (criticalNodata.map { [$0] } ?? nodata).min {
        min($0.baselineCount, $0.canaryCount) < min($1.baselineCount, $1.canaryCount)
      }
      if let thinnest {
        let samples = min(thinnest.baselineCount, thinnest.canaryCount)
        verdict.summary =
          "inconclusive: \(samples) samples (min \(minimum[thinnest.name] ?? 0))"
      } else {
        verdict.summary = "inconclusive: no metrics to judge"
      }
      return verdict
    }
    let value = score ?? 0
    let text = JudgeFormat.number((value * 10).rounded() / 10)
    if value >= config.passScore {
      verdict.outcome = .pass
      verdict.summary = "pass: score \(text) ≥ \(JudgeFormat.number(config.passScore))"
    } else if value >= config.marginalScore {
      verdict.outcome = .marginal
      verdict.summary =
        "marginal: score \(text) < \(JudgeFormat.number(config.passScore)), "
        + "≥ \(JudgeFormat.number(config.marginalScore))"
    } else {
      verdict.outcome = .fail
      verdict.summary = "fail: score \(text) < \(JudgeFormat.number(config.marginalScore))"
    }
    return verdict
  }

  /// Kayenta group scores; see the type's documentation.
  static func scoreGroups(_ results: [MetricResult], config: JudgeConfiguration) -> [GroupScore] {
    var order: [String] = []
    var byGroup: [String: GroupScore] = [:]
    for result in results {
      if byGroup[result.group] == nil {
        order.append(result.group)
        byGroup[result.group] = GroupScore(
          group: result.group, weight: config.groupWeights[result.group] ?? 1, passed: 0,
          failed: 0, nodata: 0, score: nil)
      }
      switch result.classification {
      case .pass: byGroup[result.group]?.passed += 1
      case .high, .low: byGroup[result.group]?.failed += 1
      case .nodata: byGroup[result.group]?.nodata += 1
      }
    }
    return order.compactMap { name in
      guard var group = byGroup[name] else { return nil }
      let counted = group.passed + group.failed + (config.nodataCountsAsFailure ? group.nodata : 0)
      group.score = counted > 0 ? Double(group.passed) / Double(counted) * 100 : nil
      return group
    }
  }
}
