/// An evaluation-score distribution: normal with `mean` and `stddev`,
/// clamped to [0, 1] (`score = { mean, stddev }`).
public struct ScenarioScore: Sendable, Hashable {
  /// Mean score, 0…1.
  public var mean: Double
  /// Standard deviation, ≥ 0.
  public var stddev: Double

  /// Creates a score distribution.
  public init(mean: Double, stddev: Double) {
    self.mean = mean
    self.stddev = stddev
  }

  /// One draw: `clamp(mean + stddev · Z, 0, 1)`, `Z` standard normal.
  public func sample(using generator: inout SplitMix64) -> Double {
    let value = mean + stddev * LogNormal.standardNormal(using: &generator)
    return min(1, max(0, value))
  }
}
