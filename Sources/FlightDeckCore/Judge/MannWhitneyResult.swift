/// The outcome of a two-sided Mann-Whitney U test of sample `x` against sample `y`.
public struct MannWhitneyResult: Sendable, Hashable, Codable {
  /// U₁ = R₁ − n₁(n₁+1)/2, where R₁ is the rank sum of `x` (average ranks for ties): the number of
  /// pairs with xᵢ > yⱼ plus half the tied pairs. SciPy returns the same statistic.
  public var u: Double
  /// Two-sided p-value in [0, 1].
  public var pValue: Double
  /// The method actually used (`auto` resolved to `exact` or `asymptotic`).
  public var method: MannWhitneyMethod
  /// The z-score of the asymptotic method (nil for `exact`), computed from max(U₁, U₂) as SciPy
  /// does, so it is ≥ −0.5/σ.
  public var z: Double?
  /// Sample sizes n₁ = |x|, n₂ = |y|.
  public var n1: Int
  /// Sample size of `y`.
  public var n2: Int
  /// Whether any value occurs more than once in the pooled sample.
  public var hasTies: Bool
}
