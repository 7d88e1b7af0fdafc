import Testing

@testable import FlightDeckCore

/// The impact's baseline when the telemetry starts inside the baseline window.
@Suite struct IncidentImpactTests {
  let from = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  func record(_ secondsFromStart: Int64, cost: Double) -> TelemetryRecord {
    TelemetryRecord(
      timestamp: from.adding(milliseconds: secondsFromStart * 1000), requestID: "r", artefact: "bot",
      kind: .model, version: "v1", route: .stable, latencyMs: 100, inputTokens: 1, outputTokens: 1,
      costUSD: cost, status: .ok)
  }

  @Test func theSpendRateUsesTheBaselineTheTelemetryCovers() {
    // Baseline window 1 h, but telemetry starts 10 min before `from`: one
    // record a minute at $0.10 (10 records, $1.00 over 600 s → $0.1/min).
    // Window: 5 min at $0.30 a minute → $1.50. Extra = 1.50 − 0.1 × 5 = $1.00
    // (over the nominal hour it would read 1.50 − 1.00/60 × 5 = $1.4167).
    var impact = IncidentImpact(
      from: from, to: from.adding(milliseconds: 300_000), baselineMs: 3_600_000, artefacts: ["bot"], slo: nil)
    for m in 1...10 { impact.add(record(-Int64(m) * 60, cost: 0.10)) }
    for m in 0..<5 { impact.add(record(Int64(m) * 60, cost: 0.30)) }
    #expect(impact.coveredBaselineMs == 600_000)
    #expect(abs((impact.extraCostUSD ?? 0) - 1.00) < 1e-9)
  }

  @Test func anOpenIncidentIsMeasuredUpToItsNewestRecordNotToNow() throws {
    // Opened at `from`, never resolved; the telemetry holds 5 records a
    // minute apart from `from` (the last at +4 min) and, before it, 10 min of
    // baseline at $0.10 a minute. Read a day later, the window would run 24 h
    // with nothing in it after +4 min: extra cost 1.50 − 0.1 × 1440 = −$142.50.
    // Ending just after the newest record (+4 min + 1 ms): extra =
    // 1.50 − (1.00 / 600 000 ms) × 240 001 ms = 1.50 − 0.4000017 = $1.0999983.
    let incident = Incident(
      id: 1, title: "bot errors", severity: .sev2, state: .acknowledged, commander: nil, source: .manual,
      openedAt: from, openedBy: "alice",
      links: IncidentLinks(artefacts: ["bot"]))
    let now = from.adding(milliseconds: 86_400_000)
    var impact = IncidentImpact(
      from: from, to: IncidentImpact.window(of: incident, now: now).to, baselineMs: 3_600_000,
      artefacts: ["bot"], slo: nil)
    for m in 1...10 { impact.add(record(-Int64(m) * 60, cost: 0.10)) }
    for m in 0..<5 { impact.add(record(Int64(m) * 60, cost: 0.30)) }
    #expect(abs((impact.extraCostUSD ?? 0) - (1.50 - 144.0)) < 1e-9)
    let ended = impact.endingAtTelemetry()
    #expect(ended.to == from.adding(milliseconds: 240_001))
    #expect(ended.requests == 5)
    #expect(abs((ended.extraCostUSD ?? 0) - (1.50 - 1.00 / 600_000 * 240_001)) < 1e-9)
    // Nothing in the window: an empty window, not 24 hours of nothing.
    let empty = IncidentImpact(from: from, to: now, baselineMs: 3_600_000, artefacts: ["bot"], slo: nil)
    #expect(empty.endingAtTelemetry().windowMs == 0)
  }
}
