import Foundation
import Testing

@testable import FlightDeckCore

/// The judge's samples gathered from telemetry records, and the judge on
/// simulated traffic.
@Suite("Analysis sample collector")
struct AnalysisSampleCollectorTests {
  /// The support-bot incident scenario (v13 degrades at minute 4), a fixture
  /// kept apart from the demo's default scenario.
  static func incidentScenario() throws -> Scenario {
    try Scenario.load(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/scenarios/support-bot-incident.toml"))
  }

  let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)

  func record(
    _ offsetMs: Int64, version: String, route: Route, latency: Double, status: RequestStatus = .ok,
    cost: Double? = 0.01, guardrail: GuardrailResult? = nil, artefact: String = "bot"
  ) -> TelemetryRecord {
    TelemetryRecord(
      timestamp: t0.adding(milliseconds: offsetMs), requestID: "r\(offsetMs)", artefact: artefact,
      kind: .agent,
      version: version, route: route, latencyMs: latency, inputTokens: 10, outputTokens: 5, costUSD: cost,
      status: status, guardrail: guardrail)
  }

  @Test("counts, rates and samples per (version, route), window and artefact filtered")
  func collects() {
    var c = AnalysisSampleCollector(artefact: "bot", from: t0, to: t0.adding(milliseconds: 60_000))
    c.add(record(0, version: "v1", route: .stable, latency: 100))
    c.add(record(1, version: "v1", route: .stable, latency: 200, status: .error, cost: nil))
    c.add(record(2, version: "v1", route: .stable, latency: 300, status: .timeout, guardrail: .fail))
    c.add(record(3, version: "v1", route: .stable, latency: 400, guardrail: .pass))
    c.add(record(4, version: "v2", route: .canary, latency: 500))
    // Outside the window (at 60 s, the exclusive end) and another artefact: ignored.
    c.add(record(60_000, version: "v1", route: .stable, latency: 999))
    c.add(record(5, version: "v1", route: .stable, latency: 999, artefact: "other"))
    #expect(c.series.map(\.version) == ["v2", "v1"])  // canary sorts before stable
    #expect(c.requests(version: "v1", route: .stable) == 4)
    let s = c.samples(version: "v1", route: .stable)
    #expect(s.continuous["latency_ms"]?.sorted() == [100, 200, 300, 400])
    // Unknown cost (the error) is left out, not read as $0: 3 costs of 0.01.
    #expect(s.continuous["cost_usd"] == [0.01, 0.01, 0.01])
    #expect(s.rates["errors"] == RateCounts(events: 1, trials: 4))
    #expect(s.rates["timeouts"] == RateCounts(events: 1, trials: 4))
    // Guardrail: 1 failure among the 2 requests that report one.
    #expect(s.rates["guardrail_failures"] == RateCounts(events: 1, trials: 2))
    #expect(c.samples(version: "v9", route: .canary).rates["errors"] == RateCounts(events: 0, trials: 0))
  }

  @Test("a reservoir keeps at most its capacity, a uniform subset of what it saw")
  func bounded() {
    var c = AnalysisSampleCollector(
      artefact: "bot", from: t0, to: t0.adding(milliseconds: 10_000), capacity: 10)
    for i in 0..<1000 { c.add(record(Int64(i), version: "v1", route: .stable, latency: Double(i))) }
    let values = c.samples(version: "v1", route: .stable).continuous["latency_ms"] ?? []
    #expect(values.count == 10)
    #expect(values.allSatisfy { (0..<1000).contains(Int($0)) })
    #expect(c.requests(version: "v1", route: .stable) == 1000)
  }

  @Test(
    "on the support-bot incident scenario, support-bot's degraded canary (8 % errors from minute 4) fails the judge"
  )
  func judgesSimulatedIncident() throws {
    let scenario = try Self.incidentScenario()
    var sim = TrafficSimulator(scenario: scenario, seed: 1, start: t0)
    // Minutes 4–10: the canary v13 has 8 % errors and twice the latency (the scenario's event).
    var c = AnalysisSampleCollector(
      artefact: "support-bot", from: t0.adding(milliseconds: 4 * 60_000),
      to: t0.adding(milliseconds: 10 * 60_000))
    for r in sim.records(until: t0.adding(milliseconds: 10 * 60_000)) { c.add(r) }
    let verdict = try CanaryJudge.judge(
      baseline: c.samples(version: "v12", route: .stable), canary: c.samples(version: "v13", route: .canary),
      config: .standard)
    #expect(verdict.outcome == .fail)
    let errors = try #require(verdict.metrics.first { $0.name == "error rate" })
    #expect(errors.classification == .high && errors.critical)
    // ~0.35 × 40 req/s × 360 s × 10 % canary ≈ 500 canary requests: enough samples.
    #expect(errors.canaryCount > 300)
  }
}
