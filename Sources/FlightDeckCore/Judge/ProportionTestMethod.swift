/// How two rates are compared by `ProportionTest`.
public enum ProportionTestMethod: String, Sendable, Hashable, Codable, CaseIterable {
  /// Fisher's exact test when any expected cell of the 2×2 table is below 5 (Cochran's rule,
  /// Cochran 1954, as in most textbooks and R's `chisq.test` warning), else the pooled z-test.
  case auto
  /// The pooled two-proportion z-test; see `ProportionTest.twoProportionZ`.
  case twoProportionZ
  /// Fisher's exact test, two-sided; see `ProportionTest.fisherExact`.
  case fisherExact
}
