import Foundation

/// The Hodges-Lehmann estimate of the location shift canary − baseline, with its
/// distribution-free confidence interval.
///
/// - Estimate: the median of all n₁·n₂ pairwise differences cⱼ − bᵢ (Hodges & Lehmann 1963), the
///   same number as `numpy.median(np.subtract.outer(canary, baseline))`.
/// - Interval: Moses' interval from the same differences (Hollander & Wolfe, *Nonparametric
///   Statistical Methods*, 2nd ed., §4.3): with
///   C = ⌊n₁n₂/2 − z₍₁₋α/₂₎·√(n₁n₂(n₁+n₂+1)/12)⌋ the interval is [D₍C₎, D₍n₁n₂+1−C₎] of the sorted
///   differences (normal approximation of U's quantile, no tie correction). When C < 1 the
///   samples are too small for that confidence and the bounds are nil.
/// - Cost: the differences are never materialised. Both samples are sorted (O(n log n)) and each
///   order statistic D₍k₎ is found exactly by bisecting over the ordered bit patterns of doubles,
///   counting pairs with cⱼ − bᵢ ≤ t by a two-pointer sweep: O((n₁+n₂)·64) per order statistic,
///   O(n₁+n₂) memory. Kayenta's MannWhitneyClassifier uses the same estimate and interval
///   (after R's `wilcox.test(conf.int = TRUE)`).
public struct HodgesLehmannEstimate: Sendable, Hashable, Codable {
  /// Median of the pairwise differences canary − baseline, in the samples' unit (e.g. ms).
  public var shift: Double
  /// Lower confidence bound of the shift (same unit), nil when the samples are too small.
  public var lower: Double?
  /// Upper confidence bound of the shift (same unit), nil when the samples are too small.
  public var upper: Double?
  /// Confidence level of the interval, e.g. 0.95.
  public var confidence: Double

  /// Creates an estimate from known figures (``estimate(baseline:canary:confidence:)``
  /// computes them; tools and tests may rebuild a stored one).
  public init(shift: Double, lower: Double?, upper: Double?, confidence: Double) {
    self.shift = shift
    self.lower = lower
    self.upper = upper
    self.confidence = confidence
  }

  /// Estimates the shift of `canary` relative to `baseline`.
  ///
  /// - Parameters:
  ///   - baseline: baseline (stable) samples, finite, any unit.
  ///   - canary: canary samples, same unit.
  ///   - confidence: two-sided confidence level in (0, 1), e.g. 0.95 for α = 0.05.
  /// - Returns: nil when either sample is empty or holds a non-finite value.
  public static func estimate(baseline: [Double], canary: [Double], confidence: Double = 0.95)
    -> HodgesLehmannEstimate?
  {
    guard !baseline.isEmpty, !canary.isEmpty, baseline.allSatisfy(\.isFinite),
      canary.allSatisfy(\.isFinite), confidence > 0, confidence < 1
    else { return nil }
    let differences = PairwiseDifferences(baseline: baseline, canary: canary)
    let count = baseline.count * canary.count
    let shift: Double
    if count % 2 == 1 {
      shift = differences.orderStatistic((count + 1) / 2)
    } else {
      shift = (differences.orderStatistic(count / 2) + differences.orderStatistic(count / 2 + 1)) / 2
    }
    let n1 = Double(baseline.count)
    let n2 = Double(canary.count)
    let z = NormalDistribution.quantile(1 - (1 - confidence) / 2)
    let c = Int((n1 * n2 / 2 - z * (n1 * n2 * (n1 + n2 + 1) / 12).squareRoot()).rounded(.down))
    var lower: Double?
    var upper: Double?
    if c >= 1 {
      lower = differences.orderStatistic(c)
      upper = differences.orderStatistic(count + 1 - c)
    }
    return HodgesLehmannEstimate(shift: shift, lower: lower, upper: upper, confidence: confidence)
  }
}
