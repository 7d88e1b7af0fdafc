/// How `MannWhitneyU.test` computes its p-value; the names and the `auto` rule are SciPy's
/// (`scipy.stats.mannwhitneyu(..., method=...)`, SciPy 1.17).
public enum MannWhitneyMethod: String, Sendable, Hashable, Codable, CaseIterable {
  /// SciPy's rule (`_mwu_choose_method` in scipy/stats/_mannwhitneyu.py): `asymptotic` when both
  /// samples have more than 8 values or there are ties, otherwise `exact` — at any size of the
  /// larger sample (5 against 600 is exact). Above 8 per side the continuity-corrected normal approximation is
  /// already within about 0.01 of the exact p-value near α = 0.05, and matching SciPy lets a user
  /// reproduce every p-value FlightDeck prints.
  case auto
  /// The exact null distribution of U (all C(n1+n2, n1) rank arrangements equally likely), no
  /// tie correction. Used for ties too only if asked, as SciPy does. When one sample has at most
  /// 8 values it is computed at any size of the other (cost O(min(n1, n2)·n1·n2)); when both have
  /// more it falls back to `asymptotic` above n1·n2 = `MannWhitneyU.exactLimit` (SciPy would
  /// stay exact there; `auto` never asks for it).
  case exact
  /// Normal approximation with the tie correction to the variance and a 0.5 continuity
  /// correction.
  case asymptotic
}
