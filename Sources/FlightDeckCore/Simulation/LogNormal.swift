import Foundation

/// A log-normal distribution: `X = exp(mu + sigma * Z)` with `Z ~ N(0, 1)`.
///
/// The simulator's latencies (ms), TTFT (ms) and token counts follow it: all
/// are positive and right-skewed. `mu` and `sigma` are the mean and standard
/// deviation of `ln X`; the median is `exp(mu)`, the p95 is
/// `exp(mu + 1.6449 sigma)` (1.6449 = Φ⁻¹(0.95)) and the mean is
/// `exp(mu + sigma² / 2)`.
public struct LogNormal: Sendable, Hashable {
  /// Φ⁻¹(0.95), the standard-normal 95th percentile.
  public static let z95 = 1.644_853_626_951_472_2

  /// Mean of `ln X` (natural log of the unit of `X`).
  public var mu: Double
  /// Standard deviation of `ln X`, ≥ 0.
  public var sigma: Double

  /// Creates the distribution from the parameters of `ln X`.
  public init(mu: Double, sigma: Double) {
    self.mu = mu
    self.sigma = sigma
  }

  /// Creates the distribution with the given median and 95th percentile
  /// (same unit, `p95 ≥ median > 0`): `mu = ln(median)`,
  /// `sigma = ln(p95 / median) / 1.6449`.
  public init(median: Double, p95: Double) {
    mu = Foundation.log(median)
    sigma = Foundation.log(p95 / median) / LogNormal.z95
  }

  /// Creates the distribution with the given mean (> 0) and log-sigma:
  /// `mu = ln(mean) - sigma² / 2`.
  public init(mean: Double, sigma: Double) {
    mu = Foundation.log(mean) - sigma * sigma / 2
    self.sigma = sigma
  }

  /// The median, `exp(mu)`.
  public var median: Double { exp(mu) }
  /// The 95th percentile, `exp(mu + 1.6449 sigma)`.
  public var p95: Double { exp(mu + LogNormal.z95 * sigma) }
  /// The mean, `exp(mu + sigma² / 2)`.
  public var mean: Double { exp(mu + sigma * sigma / 2) }

  /// The same distribution with every value multiplied by `factor` (> 0):
  /// `mu + ln(factor)`; median, p95 and mean all scale by `factor`.
  public func scaled(by factor: Double) -> LogNormal {
    LogNormal(mu: mu + Foundation.log(factor), sigma: sigma)
  }

  /// One draw, using one standard normal from `generator`.
  public func sample(using generator: inout SplitMix64) -> Double {
    exp(mu + sigma * LogNormal.standardNormal(using: &generator))
  }

  /// One standard normal draw by the Box–Muller transform (Box & Muller,
  /// 1958): `sqrt(-2 ln U1) · cos(2π U2)` with `U1` in (0, 1], `U2` in [0, 1).
  /// Uses exactly two outputs of `generator` (the sine partner is discarded
  /// so the draw count per call is fixed).
  public static func standardNormal(using generator: inout SplitMix64) -> Double {
    let u1 = generator.nextOpenUnit()
    let u2 = generator.nextUnit()
    return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}
