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

  @Test("collecting from files keeps the window of the newest request, whatever comes before")
  func collectsTheLastWindowOfAFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-collect-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    // First line: a canary error at 29 985 s (inside the final window). Then 3 000
    // requests 10 s apart (i = 0…2 999): even i stable v1, odd i canary v2, an error when
    // i % 7 == 0, latency i ms; another artefact's request between each.
    var lines = [record(29_985_000, version: "v2", route: .canary, latency: 7, status: .error).jsonLine]
    for i in 0..<3_000 {
      let odd = i % 2 == 1
      lines.append(
        record(
          Int64(i) * 10_000, version: odd ? "v2" : "v1", route: odd ? .canary : .stable, latency: Double(i),
          status: i % 7 == 0 ? .error : .ok
        ).jsonLine)
      let other = record(Int64(i) * 10_000 + 1, version: "v9", route: .stable, latency: 1, artefact: "other")
      lines.append(other.jsonLine)
    }
    let file = dir.appendingPathComponent("t.jsonl")
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let (collector, scan) = try AnalysisSampleCollector.collect(
      paths: [file.path], artefact: "bot", windowMs: 600_000)
    #expect(scan.records == 6_001)
    let c = try #require(collector)
    // Newest request at 29 990 s: window [29 390.001 s, 29 990.001 s) holds i = 2 940…2 999
    // (60 requests) and the first line.
    #expect(c.to == t0.adding(milliseconds: 29_990_001))
    #expect(c.requests(version: "v1", route: .stable) == 30)
    #expect(c.requests(version: "v2", route: .canary) == 31)
    // Errors: multiples of 7 in 2 940…2 999 are 2 940, 2 947, …, 2 996: even 2 940, 2 954,
    // 2 968, 2 982, 2 996 (stable, 5); odd 2 947, 2 961, 2 975, 2 989 (canary, 4) + the first line.
    #expect(c.samples(version: "v1", route: .stable).rates["errors"] == RateCounts(events: 5, trials: 30))
    #expect(c.samples(version: "v2", route: .canary).rates["errors"] == RateCounts(events: 5, trials: 31))
    // Every sample, in file order: the first line's 7 ms, then the odd i.
    #expect(
      c.samples(version: "v1", route: .stable).continuous["latency_ms"]
        == stride(from: 2_940.0, through: 2_998, by: 2).map { $0 })
    #expect(
      c.samples(version: "v2", route: .canary).continuous["latency_ms"]
        == [7] + stride(from: 2_941.0, through: 2_999, by: 2).map { $0 })
    // The same with the end given: the window [29 390.001 s, 29 990.001 s) again.
    let (given, _) = try AnalysisSampleCollector.collect(
      paths: [file.path], artefact: "bot", windowMs: 600_000, end: t0.adding(milliseconds: 29_990_001))
    #expect(given?.requests(version: "v2", route: .canary) == 31)
    #expect(
      given?.samples(version: "v2", route: .canary).continuous["latency_ms"]
        == [7] + stride(from: 2_941.0, through: 2_999, by: 2).map { $0 })
    // An artefact the files never mention: no collector, even with an end.
    let (none, _) = try AnalysisSampleCollector.collect(
      paths: [file.path], artefact: "ghost", windowMs: 600_000, end: t0)
    #expect(none == nil)
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
