/// Classifies one metric, Kayenta style (Kayenta's `MannWhitneyClassifier`, adapted).
///
/// Rules, in order:
/// 1. `nodata` when either side has fewer than `minSamples` samples/trials (the test and effect
///    are still computed when possible, so the reason shows them). Invalid data never passes.
/// 2. Continuous: Mann-Whitney U two-sided p-value of canary vs baseline; effect = the statistic's
///    change (e.g. p95 canary − p95 baseline); Hodges-Lehmann shift gives the direction.
///    `high` when p < α, the shift is > 0, and the statistic's increase exceeds the tolerance
///    (for `higherIsWorse` or `either`); `low` symmetrically for a decrease; else `pass`.
///    Requiring the shift's sign to agree keeps a p95 blip on an otherwise faster canary from
///    failing; requiring the tolerance keeps a tiny but significant change (large n) from failing,
///    as Kayenta's effect-size check does.
/// 3. Rates: two-proportion z or Fisher exact p-value; `high` when p < α and the rate increase
///    exceeds the tolerance (`.absolute(0.01)` = +1 percentage point), `low` symmetrically.
///    Both rates 0 % (or both 100 %) give p = 1: `pass` with a real p-value, never 0/0.
enum MetricClassifier {
  static func classify(
    _ metric: JudgeMetric, baseline: VersionSamples, canary: VersionSamples,
    configuration: JudgeConfiguration
  ) throws(JudgeError) -> MetricResult {
    switch metric.kind {
    case .continuous(let statistic):
      return continuous(
        metric, statistic: statistic, baseline: (baseline.continuous[metric.series] ?? []).filter(\.isFinite),
        canary: (canary.continuous[metric.series] ?? []).filter(\.isFinite),
        method: configuration.mannWhitneyMethod)
    case .rate:
      let b = baseline.rates[metric.series] ?? RateCounts(events: 0, trials: 0)
      let c = canary.rates[metric.series] ?? RateCounts(events: 0, trials: 0)
      guard b.isValid else {
        throw .invalidRateCounts(
          metric: metric.name, version: baseline.version, events: b.events, trials: b.trials)
      }
      guard c.isValid else {
        throw .invalidRateCounts(
          metric: metric.name, version: canary.version, events: c.events, trials: c.trials)
      }
      return rate(metric, baseline: b, canary: c, method: configuration.proportionMethod)
    }
  }

  /// The classification of a significant change of `difference` (canary − baseline).
  static func direction(
    _ metric: JudgeMetric, baseline: Double, canary: Double, agrees: (Bool) -> Bool
  ) -> MetricClassification {
    let up = metric.tolerance.exceedsUpwards(baseline: baseline, canary: canary)
    let down = metric.tolerance.exceedsUpwards(baseline: -baseline, canary: -canary)
    switch metric.direction {
    case .higherIsWorse: return up && agrees(true) ? .high : .pass
    case .lowerIsWorse: return down && agrees(false) ? .low : .pass
    case .either:
      if up && agrees(true) { return .high }
      if down && agrees(false) { return .low }
      return .pass
    }
  }

  static func continuous(
    _ metric: JudgeMetric, statistic: MetricStatistic, baseline: [Double], canary: [Double],
    method: MannWhitneyMethod
  ) -> MetricResult {
    let b = statistic.value(of: baseline)
    let c = statistic.value(of: canary)
    let test = MannWhitneyU.test(canary, baseline, method: method)
    let shift = HodgesLehmannEstimate.estimate(
      baseline: baseline, canary: canary, confidence: 1 - metric.alpha)
    var result = MetricResult(
      name: metric.name, group: metric.group, critical: metric.critical,
      baselineCount: baseline.count, canaryCount: canary.count, baselineValue: b,
      canaryValue: c, absoluteEffect: nil, relativeEffect: nil, shift: shift,
      pValue: test?.pValue,
      test: test.map { "Mann-Whitney \($0.method.rawValue)" } ?? "none",
      classification: .nodata, reason: "", direction: metric.direction, kind: metric.kind,
      series: metric.series)
    if let b, let c {
      result.absoluteEffect = c - b
      result.relativeEffect = b != 0 ? (c - b) / abs(b) : nil
    }
    let enough = min(baseline.count, canary.count) >= metric.minSamples
    if enough, let b, let c, let test, let shift {
      if test.pValue < metric.alpha {
        result.classification = direction(metric, baseline: b, canary: c) { up in
          up ? shift.shift > 0 : shift.shift < 0
        }
      } else {
        result.classification = .pass
      }
    }
    result.reason = reason(result, metric: metric, unitIsRate: false)
    return result
  }

  static func rate(
    _ metric: JudgeMetric, baseline: RateCounts, canary: RateCounts, method: ProportionTestMethod
  ) -> MetricResult {
    let test = ProportionTest.compare(baseline: baseline, canary: canary, method: method)
    var result = MetricResult(
      name: metric.name, group: metric.group, critical: metric.critical,
      baselineCount: baseline.trials, canaryCount: canary.trials, baselineValue: baseline.rate,
      canaryValue: canary.rate, absoluteEffect: nil, relativeEffect: nil, shift: nil,
      pValue: test?.pValue,
      test: test.map { $0.method == .fisherExact ? "Fisher exact" : "two-proportion z" } ?? "none",
      classification: .nodata, reason: "", direction: metric.direction, kind: metric.kind,
      series: metric.series)
    if let b = baseline.rate, let c = canary.rate {
      result.absoluteEffect = c - b
      result.relativeEffect = b != 0 ? (c - b) / b : nil
    }
    let enough = min(baseline.trials, canary.trials) >= metric.minSamples
    if enough, let b = baseline.rate, let c = canary.rate, let test {
      result.classification =
        test.pValue < metric.alpha ? direction(metric, baseline: b, canary: c) { _ in true } : .pass
    }
    result.reason = reason(result, metric: metric, unitIsRate: true)
    return result
  }

  /// "p95 latency +650 % (100 → 750, p=0.008, n=5/5 < min 50) → nodata".
  static func reason(_ result: MetricResult, metric: JudgeMetric, unitIsRate: Bool) -> String {
    var effect = "no data"
    var values = ""
    if let b = result.baselineValue, let c = result.canaryValue, let difference = result.absoluteEffect {
      if unitIsRate {
        let points = difference * 100
        effect = (points >= 0 ? "+" : "") + JudgeFormat.number(points) + " pp"
        values = "\(JudgeFormat.number(b * 100)) % → \(JudgeFormat.number(c * 100)) %, "
      } else {
        if let relative = result.relativeEffect {
          effect = JudgeFormat.signedPercent(relative)
        } else {
          effect = (difference >= 0 ? "+" : "") + JudgeFormat.number(difference)
        }
        values = "\(JudgeFormat.number(b)) → \(JudgeFormat.number(c)), "
      }
    }
    var details = values + "p=\(JudgeFormat.pValue(result.pValue))"
    if result.test != "none" { details += " \(result.test)" }
    details += ", n=\(result.baselineCount)/\(result.canaryCount)"
    if min(result.baselineCount, result.canaryCount) < metric.minSamples {
      details += " < min \(metric.minSamples)"
    }
    var tolerance = metric.tolerance.text
    if unitIsRate, case .absolute(let margin) = metric.tolerance {
      tolerance = "±" + JudgeFormat.number(margin * 100) + " pp"
    }
    var tail = ""
    switch result.classification {
    case .high, .low:
      tail = " (beyond tolerance \(tolerance), α=\(JudgeFormat.number(metric.alpha)))"
    case .pass:
      if let p = result.pValue, p >= metric.alpha {
        tail = " (not significant at α=\(JudgeFormat.number(metric.alpha)))"
      } else {
        tail = " (within tolerance \(tolerance))"
      }
    case .nodata: break
    }
    return "\(metric.name) \(effect) (\(details)) → \(result.classification.rawValue)\(tail)"
  }
}
