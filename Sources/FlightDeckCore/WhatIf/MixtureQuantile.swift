/// Quantiles of a weighted mixture of latency distributions, computed from
/// the whole distributions.
///
/// Routing a share `w` of the traffic to the canary and `1 − w` to stable
/// makes the user-facing latency distribution the *mixture*
/// `F(x) = (1 − w)·F_stable(x) + w·F_canary(x)`, where each `F` is the
/// empirical CDF of the recorded latencies (share of requests at or below
/// `x`). The projected p95 is the 0.95 quantile of `F`:
/// `Q(q) = min { x : F(x) ≥ q }` — the inverse of the mixture CDF (Hyndman
/// & Fan's definition 1, the "nearest rank"; also HdrHistogram's
/// `getValueAtPercentile` convention). It is not a weighted average of the
/// two p95s: a quantile is not linear in the mixture. With stable at 100 ms
/// and a canary at 1 000 ms, a 10 % canary puts 10 % of requests at
/// 1 000 ms, so the p95 is 1 000 ms, whereas 0.9·100 + 0.1·1 000 = 190 ms
/// is the p95 of nothing that will happen.
///
/// Definition 1 is used rather than the dashboard's definition 7 (linear
/// interpolation between order statistics) because definition 7 has no
/// standard form for unequally weighted values, while the inverse CDF is
/// defined for any distribution. At the observed split (`w` = canary
/// requests / all requests) the mixture is the pooled sample, and `Q` its
/// nearest-rank quantile; it differs from the dashboard's type-7 p95 by at
/// most the gap between the two order statistics around rank `0.95·n`.
/// Once a distribution has materialised its histogram, its values are the bucket
/// midpoints (``LatencyHistogram/valueCounts()``), so the result is exact for
/// that representation (within ``LatencyHistogram/relativeError`` of the
/// recorded values).
public enum MixtureQuantile {
  /// One weighted distribution of a mixture.
  public struct Component: Sendable {
    /// Mixture weight, ≥ 0 (weights are normalised to sum 1 over the
    /// components that have data).
    public var weight: Double
    /// The distribution (latency in ms).
    public var distribution: LatencyHistogram

    /// Creates a component.
    public init(weight: Double, distribution: LatencyHistogram) {
      self.weight = weight
      self.distribution = distribution
    }
  }

  /// A cumulative share within this of `q` counts as reaching it: the
  /// mixture CDF is a sum of two floating-point products, so an exact
  /// 0.95 can come out as 0.9499999999999999.
  public static let tolerance = 1e-12

  /// The `q` quantile (0…1) of the mixture in milliseconds:
  /// `min { x : Σ wᵢ·Fᵢ(x) ≥ q }` with the weights normalised over the
  /// components that have a positive weight and at least one value.
  ///
  /// - Returns: `nil` when no component has both a positive weight and data,
  ///   or when `q` is not a number.
  public static func quantile(_ q: Double, of components: [Component]) -> Double? {
    guard !q.isNaN else { return nil }
    let target = min(max(q, 0), 1)
    struct Leg {
      var weight: Double
      var values: [LatencyHistogram.ValueCount]
      var total: Int
      var position = 0
      var cumulative = 0
    }
    var legs: [Leg] = []
    for c in components where c.weight > 0 && c.weight.isFinite {
      let values = c.distribution.valueCounts()
      let total = values.reduce(0) { $0 + $1.count }
      if total > 0 { legs.append(Leg(weight: c.weight, values: values, total: total)) }
    }
    let weightSum = legs.reduce(0) { $0 + $1.weight }
    guard weightSum > 0 else { return nil }
    for i in legs.indices { legs[i].weight /= weightSum }
    // Walk the distinct values of all legs in ascending order (a k-way merge),
    // recomputing F from integer cumulative counts at each value so rounding
    // does not accumulate.
    var last: Double?
    while true {
      var next: Double?
      for leg in legs where leg.position < leg.values.count {
        let v = leg.values[leg.position].milliseconds
        if next.map({ v < $0 }) ?? true { next = v }
      }
      guard let x = next else { return last }
      var cdf = 0.0
      for i in legs.indices {
        if legs[i].position < legs[i].values.count && legs[i].values[legs[i].position].milliseconds == x {
          legs[i].cumulative += legs[i].values[legs[i].position].count
          legs[i].position += 1
        }
        cdf += legs[i].weight * Double(legs[i].cumulative) / Double(legs[i].total)
      }
      if cdf >= target - tolerance { return x }
      last = x
    }
  }
}
