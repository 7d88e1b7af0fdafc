import Foundation

/// The Mann-Whitney U (Wilcoxon rank-sum) test, two-sided, following SciPy 1.17's
/// `scipy.stats.mannwhitneyu(x, y, use_continuity=True, alternative="two-sided", method=...)`.
///
/// Procedure (Mann & Whitney 1947; SciPy's "method 2" from Wikipedia's *Mann-Whitney U test*):
/// rank the pooled sample (ties get their average rank), U₁ = R₁ − n₁(n₁+1)/2, U₂ = n₁n₂ − U₁,
/// U = max(U₁, U₂).
/// - `exact`: p = 2·P(U ≥ U_obs) under the exact null distribution, whose frequencies are the
///   coefficients of the Gaussian binomial coefficient [n₁+n₂ choose n₁]_q, built with the
///   q-Pascal rule P(i, j) = P(i−1, j) + q^i·P(i, j−1) (additions only, so no cancellation).
/// - `asymptotic`: z = (U − n₁n₂/2 − 0.5) / σ with
///   σ² = n₁n₂/12 · ((n+1) − Σ(t³−t)/(n(n−1))) (tie correction, t = tie-group sizes),
///   p = 2·(1 − Φ(z)). When σ = 0 (every value equal) p = 1, as in SciPy.
/// p is clipped to [0, 1].
public enum MannWhitneyU {
  /// Largest n₁·n₂ for which the exact distribution is computed (50 × 50); above it `exact`
  /// falls back to `asymptotic`, which at that size is accurate to well under 0.001.
  public static let exactLimit = 2_500

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
      resolved = (n1 > 8 && n2 > 8) || hasTies ? .asymptotic : .exact
    }
    if resolved == .exact && n1 * n2 > exactLimit { resolved = .asymptotic }
    if resolved == .exact {
      // SciPy casts U to int64 (truncation) before the exact survival function.
      let k = Int(u)
      let complement = n1 * n2 - k
      let frequencies = exactFrequencies(n1, n2)
      let total = frequencies.reduce(0, +)
      var cdf = 0.0
      if complement >= 0 {
        for index in 0...min(complement, frequencies.count - 1) { cdf += frequencies[index] }
      }
      let p = min(1, max(0, 2 * cdf / total))
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

  /// Number of rank arrangements giving U = 0, 1, …, n₁n₂ (coefficients of [n₁+n₂ choose n₁]_q).
  static func exactFrequencies(_ n1: Int, _ n2: Int) -> [Double] {
    let m = min(n1, n2)
    let n = max(n1, n2)
    // row[i] holds P(i, j) for the current j; P(i, 0) = 1.
    var row = [[Double]](repeating: [1], count: m + 1)
    if n > 0 {
      for _ in 1...n {
        if m == 0 { break }
        for i in 1...m {
          let previous = row[i]  // P(i, j−1)
          let left = row[i - 1]  // P(i−1, j), already updated
          var next = [Double](repeating: 0, count: max(left.count, previous.count + i))
          for (index, value) in left.enumerated() { next[index] += value }
          for (index, value) in previous.enumerated() { next[index + i] += value }
          row[i] = next
        }
      }
    }
    return row[m]
  }
}
