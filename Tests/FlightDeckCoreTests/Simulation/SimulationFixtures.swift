import Foundation

@testable import FlightDeckCore

/// Scenario builders and small statistics helpers shared by the simulation tests.
enum SimulationFixtures {
  /// 2025-06-01T00:00:00Z, the TestClock default.
  static let start = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)

  /// A version with median 1000 ms / p95 2000 ms latency, no errors unless given.
  static func version(
    _ label: String, errorRate: Double = 0, medianMs: Double = 1000, p95Ms: Double = 2000,
    pricing: ScenarioPricing = .price(ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10))
  ) -> ScenarioVersion {
    ScenarioVersion(
      version: label, latency: LogNormal(median: medianMs, p95: p95Ms), errorRate: errorRate,
      timeoutMs: 60_000, inputTokens: LogNormal(mean: 1000, sigma: 0.5),
      outputTokens: LogNormal(mean: 200, sigma: 0.5), pricing: pricing)
  }

  /// One artefact `bot` with stable `v1`, optional canary `v2` and shadow `s1`.
  static func scenario(
    canaryWeight: Double? = nil, mirror: Double? = nil, sessions: ScenarioSessions? = nil,
    rate: Double = 100, events: [ScenarioEvent] = []
  ) -> Scenario {
    Scenario(
      name: "test", rate: rate,
      artefacts: [
        ScenarioArtefact(
          name: "bot", kind: .agent, share: 1, sessions: sessions, stable: version("v1"),
          canary: canaryWeight.map { _ in version("v2", errorRate: 0.01) }, canaryWeight: canaryWeight ?? 0,
          shadow: mirror.map { _ in version("s1") }, mirrorFraction: mirror ?? 0)
      ],
      events: events)
  }

  /// The q-quantile of `values` by the nearest-rank method on a sorted copy:
  /// the element at index ceil(q · n) − 1.
  static func quantile(_ values: [Double], _ q: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((q * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank - 1, 0), sorted.count - 1)]
  }

  /// A fresh empty temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("flightdeck-sim-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
