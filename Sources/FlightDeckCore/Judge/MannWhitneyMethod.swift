/// How `MannWhitneyU.test` computes its p-value; the names and the `auto` rule are SciPy's
/// (`scipy.stats.mannwhitneyu(..., method=...)`, SciPy 1.17).
public enum MannWhitneyMethod: String, Sendable, Hashable, Codable, CaseIterable {
  /// SciPy's rule: `exact` when at least one sample has ≤ 8 values and there are no ties,
  /// otherwise `asymptotic`. Above 8 per side the continuity-corrected normal approximation is
  /// already within about 0.01 of the exact p-value near α = 0.05, and matching SciPy lets a user
  /// reproduce every p-value FlightDeck prints.
  case auto
  /// The exact null distribution of U (all C(n1+n2, n1) rank arrangements equally likely), no
  /// tie correction. Used for ties too only if asked, as SciPy does; falls back to `asymptotic`
  /// when n1·n2 exceeds `MannWhitneyU.exactLimit` (cost O(n1·n2·min(n1, n2))).
  case exact
  /// Normal approximation with the tie correction to the variance and a 0.5 continuity
  /// correction.
  case asymptotic
}
