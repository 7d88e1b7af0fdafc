import Foundation

@testable import FlightDeckCore

/// Deterministic log-normal samples built from normal quantiles (no RNG), reproduced in Python by
/// `np.exp(np.log(100) + 0.5*norm.ppf((i+0.5)/500))` (baseline) and
/// `np.exp(np.log(100) + np.log(1.2) + 0.5*norm.ppf((i+0.25)/500))` (canary), i = 0..<500.
enum LogNormalFixture {
  static func samples(count: Int = 500) -> (baseline: [Double], canary: [Double]) {
    let n = Double(count)
    let baseline = (0..<count).map {
      exp(log(100) + 0.5 * NormalDistribution.quantile((Double($0) + 0.5) / n))
    }
    let canary = (0..<count).map {
      exp(log(100) + log(1.2) + 0.5 * NormalDistribution.quantile((Double($0) + 0.25) / n))
    }
    return (baseline, canary)
  }
}
