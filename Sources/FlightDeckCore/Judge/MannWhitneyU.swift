import Foundation

/// The Mann-Whitney U (Wilcoxon rank-sum) test, two-sided, following SciPy 1.17's
/// `scipy.stats.mannwhitneyu(x, y, use_continuity=True, alternative="two-sided", method=...)`.
///
/// Procedure (Mann & Whitney 1947; SciPy's "method 2" from Wikipedia's *Mann-Whitney U test*):
/// rank the pooled sample (ties get their average rank), U₁ = R₁ − n₁(n₁+1)/2, U₂ = n₁n₂ − U₁,
/// U = max(U₁, U₂).
/// - `exact`: p = 2·P(U ≥ U_obs) under the exact null distribution, whose frequencies are the
///   coefficients of the Gaussian binomial coefficient [n₁+n₂ choose n₁]_q (see
///   ``exactLowerTail(_:_:through:)`` for how they are counted).
/// - `asymptotic`: z = (U − n₁n₂/2 − 0.5) / σ with
///   σ² = n₁n₂/12 · ((n+1) − Σ(t³−t)/(n(n−1))) (tie correction, t = tie-group sizes),
///   p = 2·(1 − Φ(z)). When σ = 0 (every value equal) p = 1, as in SciPy.
/// p is clipped to [0, 1].
///
/// `auto` is SciPy 1.17's `_mwu_choose_method` (scipy/stats/_mannwhitneyu.py): `asymptotic` when
/// both samples have more than 8 values, else `asymptotic` when there are ties, else `exact` —
/// whatever the other sample's size (5 canary against 600 baseline requests is exact, as in SciPy).
public enum MannWhitneyU {
  /// Largest n₁·n₂ for which an explicitly requested `exact` is computed when *both* samples have
  /// more than 8 values (50 × 50); above it `exact` falls back to `asymptotic`, which at that size
  /// is accurate to well under 0.001. `auto` never meets this limit: it only picks `exact` when one
  /// sample has at most 8 values, and that case is computed exactly at any size of the other.
  public static let exactLimit = 2_500

  /// Largest size of the smaller sample counted with the product formula (see
  /// ``exactLowerTail(_:_:through:)``): SciPy's `auto` threshold.
  static let productFormulaLimit = 8

  /// Runs the two-sided test of `x` against `y`.
  ///
  /// - Parameters:
  ///   - x: first sample (for the judge: the canary), finite values in any unit.
  ///   - y: second sample (the baseline), same unit.
  ///   - method: how to compute the p-value; `auto` is SciPy's rule.
  /// - Returns: nil when either sample is empty or holds a non-finite value (the test is
  ///   undefined; callers classify that as `nodata`, never as a pass).
  public static func test(_ x: [Double], _ y: [Double], method: MannWhitneyMethod = .auto)
    -> MannWhitneyResult?
  {
    let n1 = x.count
    let n2 = y.count
    guard n1 > 0, n2 > 0, x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { return nil }
    let ranked = averageRanks(x + y)
    let r1 = ranked.ranks[0..<n1].reduce(0, +)
    let u1 = r1 - Double(n1 * (n1 + 1)) / 2
    let u2 = Double(n1 * n2) - u1
    let u = max(u1, u2)
    let hasTies = ranked.tieSizes.contains { $0 > 1 }
    var resolved = method
    if method == .auto {
      // SciPy 1.17 `_mwu_choose_method(n1, n2, ties)`.
      resolved = (n1 > 8 && n2 > 8) || hasTies ? .asymptotic : .exact
    }
    if resolved == .exact && min(n1, n2) > productFormulaLimit && n1 * n2 > exactLimit {
      resolved = .asymptotic
    }
    if resolved == .exact {
      // SciPy casts U to int64 (truncation) and sums the lower tail up to its complement
      // n₁n₂ − k, at most ⌈n₁n₂/2⌉ because U = max(U₁, U₂): P(U ≥ k) = P(U ≤ n₁n₂ − k).
      let k = Int(u)
      let complement = n1 * n2 - k
      var cdf = 0.0
      if complement >= 0 {
        for count in exactLowerTail(n1, n2, through: complement) { cdf += count }
      }
      let p = min(1, max(0, 2 * cdf / binomial(n1 + n2, min(n1, n2))))
      return MannWhitneyResult(
        u: u1, pValue: p, method: .exact, z: nil, n1: n1, n2: n2, hasTies: hasTies)
    }
    let n = Double(n1 + n2)
    let tieTerm = ranked.tieSizes.reduce(0.0) { $0 + Double($1) * Double($1) * Double($1) - Double($1) }
    let variance = Double(n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
    let sigma = variance > 0 ? variance.squareRoot() : 0
    let numerator = u - Double(n1 * n2) / 2 - 0.5
    let z: Double
    let p: Double
    if sigma > 0 {
      z = numerator / sigma
      p = min(1, max(0, 2 * NormalDistribution.sf(z)))
    } else {
      z = -.infinity
      p = 1
    }
    return MannWhitneyResult(
      u: u1, pValue: p, method: .asymptotic, z: z, n1: n1, n2: n2, hasTies: hasTies)
  }

  /// Average (mid-)ranks of `values`, 1-based, in input order, plus the size of every tie group
  /// (groups of size 1 included).
  static func averageRanks(_ values: [Double]) -> (ranks: [Double], tieSizes: [Int]) {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var tieSizes: [Int] = []
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
      let average = Double(start + end + 2) / 2
      for position in start...end { ranks[order[position]] = average }
      tieSizes.append(end - start + 1)
      start = end + 1
    }
    return (ranks, tieSizes)
  }

  /// Number of rank arrangements giving U = 0, 1, …, `limit` (the first `limit + 1` coefficients
  /// of the Gaussian binomial coefficient [n₁+n₂ choose n₁]_q, i.e. the partitions of U into at
  /// most m = min(n₁, n₂) parts, none larger than n = max(n₁, n₂)); `limit` is clamped to n₁n₂.
  ///
  /// - m ≤ 8 (every `exact` that `auto` picks): the product formula
  ///   [m+n choose m]_q = ∏ᵢ₌₁..ₘ (1 − q^(n+i)) / (1 − q^i), truncated at degree `limit`: m
  ///   divisions by (1 − q^i) (running sums with stride i, additions only), then m
  ///   multiplications by (1 − q^(n+i)). Cost O(m·limit), so 8 against 100 000 stays fast; the
  ///   subtractions cancel at most 2^m ≤ 256-fold, far inside Double's 16 digits.
  /// - m > 8: the q-Pascal rule P(i, j) = P(i−1, j) + q^i·P(i, j−1) (additions only), truncated at
  ///   `limit`; cost O(m·n·limit), bounded by ``exactLimit``.
  static func exactLowerTail(_ n1: Int, _ n2: Int, through limit: Int) -> [Double] {
    let m = min(n1, n2)
    let n = max(n1, n2)
    let top = min(max(limit, 0), m * n)
    if m <= productFormulaLimit {
      var c = [Double](repeating: 0, count: top + 1)
      c[0] = 1
      if m > 0 {
        for i in 1...m where i <= top {
          for u in i...top { c[u] += c[u - i] }
        }
        for i in 1...m where n + i <= top {
          let d = n + i
          for u in stride(from: top, through: d, by: -1) { c[u] -= c[u - d] }
        }
      }
      return c
    }
    // row[i] holds P(i, j) for the current j, truncated at degree `top`; P(i, 0) = 1.
    var row = [[Double]](repeating: [1], count: m + 1)
    for _ in 1...n {
      for i in 1...m {
        let previous = row[i]  // P(i, j−1)
        let left = row[i - 1]  // P(i−1, j), already updated
        var next = [Double](repeating: 0, count: min(top + 1, max(left.count, previous.count + i)))
        for (index, value) in left.enumerated() where index < next.count { next[index] += value }
        for (index, value) in previous.enumerated() where index + i < next.count { next[index + i] += value }
        row[i] = next
      }
    }
    var out = row[m]
    if out.count < top + 1 { out += [Double](repeating: 0, count: top + 1 - out.count) }
    return out
  }

  /// C(n, k) as a Double: ∏ᵢ₌₁..ₖ (n − k + i) / i (exact while the result fits 2⁵³).
  static func binomial(_ n: Int, _ k: Int) -> Double {
    var r = 1.0
    if k > 0 {
      for i in 1...k { r = r * Double(n - k + i) / Double(i) }
    }
    return r
  }
}
