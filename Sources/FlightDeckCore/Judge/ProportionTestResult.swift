/// The outcome of a two-sided test of canary rate = baseline rate.
public struct ProportionTestResult: Sendable, Hashable, Codable {
  /// The method used (`auto` resolved).
  public var method: ProportionTestMethod
  /// Two-sided p-value in [0, 1].
  public var pValue: Double
  /// z = (p̂_canary − p̂_baseline) / SE_pooled for the z-test; nil for Fisher's test or when the
  /// pooled variance is 0 (both rates 0 % or both 100 %: no evidence of a difference, p = 1).
  public var z: Double?
  /// Baseline rate events/trials as a fraction.
  public var baselineRate: Double
  /// Canary rate events/trials as a fraction.
  public var canaryRate: Double
}
