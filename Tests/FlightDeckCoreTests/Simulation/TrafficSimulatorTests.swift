import Foundation
import Testing

@testable import FlightDeckCore

@Suite("TrafficSimulator: arrivals, determinism, events, records")
struct TrafficSimulatorTests {
  private let start = SimulationFixtures.start

  @Test("Poisson arrivals: 1000 s at 40 req/s gives 40 000 ± 3 sigma (600) requests")
  func poissonCount() {
    // Count ~ Poisson(40 · 1000 = 40 000), sigma = sqrt(40 000) = 200, 3 sigma = 600.
    for seed: UInt64 in [1, 2, 3] {
      var simulator = TrafficSimulator(
        scenario: SimulationFixtures.scenario(rate: 40), seed: seed, start: start)
      let records = simulator.records(until: start.adding(milliseconds: 1_000_000))
      #expect(abs(records.count - 40_000) <= 600, "seed \(seed): \(records.count)")
      #expect(simulator.requestCount == records.count)
      // Timestamps are in order and inside [start, start + 1000 s).
      #expect(zip(records, records.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
      #expect(records.first.map { $0.timestamp >= start } ?? false)
      #expect(records.last.map { $0.timestamp < start.adding(milliseconds: 1_000_000) } ?? false)
      // Counts per 1 s window have Poisson variance ≈ mean (dispersion index ≈ 1):
      // for 1000 windows the index has sd ≈ sqrt(2/999) = 0.045; allow [0.8, 1.2].
      var perSecond = Array(repeating: 0.0, count: 1000)
      for record in records { perSecond[Int(record.timestamp.milliseconds(since: start) / 1000)] += 1 }
      let mean = perSecond.reduce(0, +) / 1000
      let variance = perSecond.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 999
      #expect(abs(variance / mean - 1) < 0.2, "dispersion \(variance / mean)")
    }
  }

  @Test("same seed gives byte-identical output, however time is sliced; another seed differs")
  func determinism() {
    let scenario = SimulationFixtures.scenario(
      canaryWeight: 30, mirror: 0.5, sessions: ScenarioSessions(concurrent: 10, requestsPerSession: 3))
    let end = start.adding(milliseconds: 60_000)
    var one = TrafficSimulator(scenario: scenario, seed: 99, start: start)
    let whole = one.records(until: end).map(\.jsonLine).joined(separator: "\n")
    var two = TrafficSimulator(scenario: scenario, seed: 99, start: start)
    var sliced: [String] = []
    for step in stride(from: 137, through: 60_000, by: 137) {
      sliced += two.records(until: start.adding(milliseconds: Int64(step))).map(\.jsonLine)
    }
    sliced += two.records(until: end).map(\.jsonLine)
    #expect(!whole.isEmpty)
    #expect(Array(whole.utf8) == Array(sliced.joined(separator: "\n").utf8))
    var other = TrafficSimulator(scenario: scenario, seed: 100, start: start)
    let different = other.records(until: end).map(\.jsonLine).joined(separator: "\n")
    #expect(different != whole)
  }

  @Test("the timed event raises the canary's error rate to 8 % and doubles its p95")
  func timedEvent() {
    // 100 req/s for 600 s, canary weight 50 → ≈ 15 000 canary requests on each side
    // of the event at 300 s. Before: error rate 0.01, sd sqrt(0.01·0.99/15000) = 0.0008,
    // allow ±0.004. After: 0.08, sd sqrt(0.08·0.92/15000) = 0.0022, allow ±0.011 (5 sd).
    // p95 latency: configured 2000 ms, ×2 → 4000 ms; the log-p95 standard error at
    // n = 15 000 is sqrt(0.0475/15000)/0.1031·0.421 = 0.0073, so a ratio within
    // [1.85, 2.15] is > 7 sd wide.
    let event = ScenarioEvent(
      atMs: 300_000, artefact: "bot", version: "v2", errorRate: 0.08, latencyFactor: 2)
    let scenario = SimulationFixtures.scenario(canaryWeight: 50, events: [event])
    var simulator = TrafficSimulator(scenario: scenario, seed: 5, start: start)
    let records = simulator.records(until: start.adding(milliseconds: 600_000))
    let eventTime = start.adding(milliseconds: 300_000)
    let canaryBefore = records.filter { $0.route == .canary && $0.timestamp < eventTime }
    let canaryAfter = records.filter { $0.route == .canary && $0.timestamp >= eventTime }
    func errorRate(_ rs: [TelemetryRecord]) -> Double {
      Double(rs.filter { $0.status == .error }.count) / Double(rs.count)
    }
    #expect(canaryBefore.count > 14_000 && canaryAfter.count > 14_000)
    #expect(abs(errorRate(canaryBefore) - 0.01) < 0.004, "before \(errorRate(canaryBefore))")
    #expect(abs(errorRate(canaryAfter) - 0.08) < 0.011, "after \(errorRate(canaryAfter))")
    let p95Before = SimulationFixtures.quantile(canaryBefore.map(\.latencyMs), 0.95)
    let p95After = SimulationFixtures.quantile(canaryAfter.map(\.latencyMs), 0.95)
    #expect(abs(p95Before / 2000 - 1) < 0.08, "p95 before \(p95Before)")
    #expect(p95After / p95Before > 1.85 && p95After / p95Before < 2.15, "ratio \(p95After / p95Before)")
    // The stable version is untouched: its error rate stays 0 after the event.
    #expect(
      records.filter { $0.route == .stable && $0.timestamp >= eventTime }.allSatisfy { $0.status == .ok })
  }

  @Test("a weight event is a rollout step: the canary share changes at its time")
  func weightEvent() {
    // 100 req/s; 0–100 s at weight 10, 100–200 s at weight 60. ≈ 10 000 requests
    // each; sd ≤ sqrt(0.25/10000) = 0.5 points; allow 3 points (6 sd).
    let event = ScenarioEvent(atMs: 100_000, artefact: "bot", canaryWeight: 60)
    var simulator = TrafficSimulator(
      scenario: SimulationFixtures.scenario(canaryWeight: 10, events: [event]), seed: 17, start: start)
    let records = simulator.records(until: start.adding(milliseconds: 200_000))
    let cut = start.adding(milliseconds: 100_000)
    let before = records.filter { $0.timestamp < cut }
    let after = records.filter { $0.timestamp >= cut }
    let shareBefore = 100 * Double(before.filter { $0.route == .canary }.count) / Double(before.count)
    let shareAfter = 100 * Double(after.filter { $0.route == .canary }.count) / Double(after.count)
    #expect(abs(shareBefore - 10) < 3, "\(shareBefore)")
    #expect(abs(shareAfter - 60) < 3, "\(shareAfter)")
    #expect(simulator.router(for: "bot")?.canaryWeight == 60)
  }

  @Test("records carry the configured fields: cost from tokens, zero output on failure, unknown cost")
  func recordFields() {
    let priced = SimulationFixtures.version("v1", errorRate: 0.2)
    let unpriced = SimulationFixtures.version("local", pricing: .model("no-such-model"))
    let scenario = Scenario(
      rate: 50,
      artefacts: [
        ScenarioArtefact(name: "a", kind: .model, share: 1, stable: priced),
        ScenarioArtefact(name: "b", kind: .prompt, share: 1, stable: unpriced),
      ])
    var simulator = TrafficSimulator(scenario: scenario, seed: 4, start: start, prices: .empty)
    let records = simulator.records(until: start.adding(milliseconds: 100_000))
    let a = records.filter { $0.artefact == "a" }
    let b = records.filter { $0.artefact == "b" }
    // Shares 1:1 → each ≈ 2500 of ≈ 5000; sd = sqrt(5000·0.25) = 35; allow ±250.
    #expect(abs(a.count - b.count) < 500)
    #expect(a.allSatisfy { $0.kind == .model } && b.allSatisfy { $0.kind == .prompt })
    for record in a {
      // cost = in · 2.5 / 1e6 + out · 10 / 1e6.
      let expected = (Double(record.inputTokens) * 2.5 + Double(record.outputTokens) * 10) / 1_000_000
      #expect(abs((record.costUSD ?? -1) - expected) < 1e-12)
      if record.status != .ok { #expect(record.outputTokens == 0 && record.errorType != nil) }
      #expect(record.inputTokens >= 1 && record.latencyMs > 0)
    }
    #expect(b.allSatisfy { $0.costUSD == nil })
    // Error rate 0.2 on ≈ 2500 requests: sd = 0.008; allow ±0.04.
    let errors = Double(a.filter { $0.status == .error }.count) / Double(a.count)
    #expect(abs(errors - 0.2) < 0.04)
  }

  @Test("model-priced versions use the bundled price table (gpt-4o: 2.50 / 10.00 USD per 1M)")
  func bundledPrices() throws {
    #expect(
      PriceTable.default.price(for: "gpt-4o")
        == ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10, cacheReadPerMillion: 1.25))
    let version = SimulationFixtures.version("v1", pricing: .model("gpt-4o"))
    let scenario = Scenario(artefacts: [ScenarioArtefact(name: "m", kind: .model, stable: version)])
    var simulator = TrafficSimulator(scenario: scenario, seed: 1, start: start)
    let records = simulator.records(until: start.adding(milliseconds: 2000))
    #expect(!records.isEmpty)
    for record in records {
      // 1000 input and 100 output tokens would cost 0.0025 + 0.001 = 0.0035 USD.
      let expected = (Double(record.inputTokens) * 2.5 + Double(record.outputTokens) * 10) / 1_000_000
      #expect(abs((record.costUSD ?? -1) - expected) < 1e-12)
    }
  }
}
