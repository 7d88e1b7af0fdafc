import Foundation
import Testing

@testable import FlightDeckCore

@Suite("LogNormal and DurationText")
struct LogNormalTests {
  @Test("median/p95 parameters: sigma = ln(p95/median)/1.6449")
  func parameters() {
    // median 1000, p95 2500: mu = ln 1000 = 6.907755; sigma = ln 2.5 / 1.6448536 = 0.916291/1.644854 = 0.557065.
    let distribution = LogNormal(median: 1000, p95: 2500)
    #expect(abs(distribution.mu - 6.907_755) < 1e-6)
    #expect(abs(distribution.sigma - 0.557_065) < 1e-6)
    #expect(abs(distribution.p95 - 2500) < 1e-9 * 2500)
    // mean form: mean 200, sigma 0.5 → mu = ln 200 − 0.125 = 5.298317 − 0.125 = 5.173317.
    #expect(abs(LogNormal(mean: 200, sigma: 0.5).mu - 5.173_317) < 1e-6)
  }

  @Test("sample median and p95 over 100 000 draws match the configuration")
  func sampledQuantiles() {
    // sigma = 0.557. Standard error of ln(sample median) = sqrt(0.25/n)/φ(0)·sigma
    // = 0.001581/0.398942·0.557 = 0.0022, so ±2 % is ≈ 9 sd. For the p95:
    // sqrt(0.95·0.05/n)/φ(1.645)·sigma = 0.000689/0.103136·0.557 = 0.0037, so ±3 % is ≈ 8 sd.
    let distribution = LogNormal(median: 1000, p95: 2500)
    for seed: UInt64 in [1, 2, 3] {
      var generator = SplitMix64(seed: seed)
      let draws = (0..<100_000).map { _ in distribution.sample(using: &generator) }
      let median = SimulationFixtures.quantile(draws, 0.5)
      let p95 = SimulationFixtures.quantile(draws, 0.95)
      #expect(abs(median / 1000 - 1) < 0.02, "seed \(seed) median \(median)")
      #expect(abs(p95 / 2500 - 1) < 0.03, "seed \(seed) p95 \(p95)")
    }
  }

  @Test("mean-form token distribution has the configured sample mean")
  func sampledMean() {
    // mean 1200, sigma 0.5: sd of X = mean·sqrt(e^0.25 − 1) = 1200·0.5329 = 639.5;
    // standard error of the mean over 100 000 = 2.02, i.e. 0.17 %; allow ±1.5 % (≈ 9 sd).
    let distribution = LogNormal(mean: 1200, sigma: 0.5)
    var generator = SplitMix64(seed: 11)
    var sum = 0.0
    for _ in 0..<100_000 { sum += distribution.sample(using: &generator) }
    #expect(abs(sum / 100_000 / 1200 - 1) < 0.015)
  }

  @Test("standard normals have mean 0 and variance 1")
  func standardNormal() {
    // n = 100 000: se(mean) = 0.00316, se(variance) = sqrt(2/n) = 0.00447; allow 0.02 (> 4 sd).
    var generator = SplitMix64(seed: 5)
    let draws = (0..<100_000).map { _ in LogNormal.standardNormal(using: &generator) }
    let mean = draws.reduce(0, +) / Double(draws.count)
    let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
    #expect(abs(mean) < 0.02)
    #expect(abs(variance - 1) < 0.02)
  }

  @Test("durations: ms, s, m, h and compounds; junk refused")
  func durations() {
    #expect(DurationText.milliseconds("250ms") == 250)
    #expect(DurationText.milliseconds("90s") == 90_000)
    #expect(DurationText.milliseconds("4m") == 240_000)
    #expect(DurationText.milliseconds("1h") == 3_600_000)
    #expect(DurationText.milliseconds("1m30s") == 90_000)  // 60 000 + 30 000
    #expect(DurationText.milliseconds("1.5s") == 1500)
    for bad in ["", "4", "4x", "m", "-1s", "1 m", "4mm", "1.2.3s"] {
      #expect(DurationText.milliseconds(bad) == nil, "\(bad)")
    }
  }
}
