import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// Alerts inside the dashboard engine (evaluated on its clock at the
/// interval, in the snapshot, ingest errors counted) and the replay of
/// telemetry through rules on the records' own timestamps.
@Suite struct AlertEngineTests {
  /// 2025-06-01T00:10:00Z.
  let now = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  func line(_ secondsBefore: Int64, _ route: Route, status: RequestStatus) -> String {
    TelemetryRecord(
      timestamp: now.adding(milliseconds: -secondsBefore * 1000), requestID: "r", artefact: "support-bot",
      kind: .agent, version: route == .canary ? "v13" : "v12", route: route, latencyMs: 100, inputTokens: 1,
      outputTokens: 1, costUSD: 0.001, status: status
    ).jsonLine
  }

  func rules(window: String = "1m") throws -> [AlertRuleGroup] {
    try AlertRulesLoader.parse(
      """
      groups:
        - name: canary
          rules:
            - alert: CanaryErrors
              expr: error_rate{route="canary"}[\(window)] > 0.05
              for: 30s
              labels: {severity: page}
            - alert: IngestErrors
              expr: ingest_errors[5m] > 0
              labels: {severity: ticket}
      """, file: "rules.yml")
  }

  @Test func engineEvaluatesOnItsClockAndPutsAlertsAndSLOsInTheSnapshot() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-alerts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("t.jsonl")
    // Canary: 1 error in 2 requests in the last 5 minutes (0.5 > 0.05); stable: 2 ok; one malformed line.
    let lines = [
      line(40, .canary, status: .error), line(30, .canary, status: .ok), line(20, .stable, status: .ok),
      "{not json", line(10, .stable, status: .ok),
    ]
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let clock = TestClock(start: now)
    var config = AlertConfiguration()
    config.slos = [
      SLODefinition(name: "availability", artefact: "support-bot", kind: .availability, objectivePercent: 99)
    ]
    let alerts = AlertEngine(configuration: config, groups: try rules(window: "5m"))
    let engine = DashboardEngine(patterns: [file.path], clock: clock, alerts: alerts)
    // The SLO ticket rule reads 3 days: retention raised from 1 h to 3 d.
    #expect(engine.options.metrics.retentionMs == 259_200_000)
    engine.pump()
    var snap = engine.snapshot()
    #expect(snap.alerts.first { $0.ruleName == "CanaryErrors" }?.state == .pending)
    // The malformed line arrived at the clock's now: 1 error in the last 5 minutes.
    #expect(snap.alerts.first { $0.ruleName == "IngestErrors" }?.state == .firing)
    #expect(snap.alerts.first { $0.ruleName == "IngestErrors" }?.value == 1)
    // SLO: 1 bad of 4 user-facing requests = 0.25; budget 0.01 → burn 25 over 1 h.
    let slo = try #require(snap.slos.first)
    #expect(abs((slo.burnRate1h ?? 0) - 25) < 1e-9)
    // 25 > 14.4 over 1 h and 5 m: the SLO page fires at once (for 0); 25 > 1 over 3 d and 6 h: the ticket too.
    #expect(
      snap.alerts.contains { $0.ruleName == "SLOBurnRate" && $0.state == .firing && $0.severity == "page" })
    #expect(
      snap.alerts.contains { $0.ruleName == "SLOBurnRate" && $0.state == .firing && $0.severity == "ticket" })
    #expect(snap.alertsEvaluatedAt == now)
    let first = engine.takeAlertTransitions()
    #expect(first.contains { $0.instance.ruleName == "CanaryErrors" && $0.to == .pending })
    #expect(engine.takeAlertTransitions().isEmpty)
    // 14.999 s later: not yet due (the 15 s interval counts from the evaluation at `now`).
    clock.advance(milliseconds: 14_999)
    engine.pump()
    #expect(engine.takeAlertTransitions().isEmpty)
    // At 30 s, the next evaluation, it has held for `for` (30 s): firing.
    clock.advance(milliseconds: 15_001)
    engine.pump()
    snap = engine.snapshot()
    #expect(snap.alerts.first { $0.ruleName == "CanaryErrors" }?.state == .firing)
    #expect(snap.alerts.first { $0.ruleName == "CanaryErrors" }?.activeAt == now)
  }

  @Test func eachGroupRunsAtItsOwnInterval() throws {
    let groups = try AlertRulesLoader.parse(
      """
      groups:
        - name: slow
          interval: 1m
          rules:
            - alert: Slow
              expr: ingest_errors[5m] >= 0
        - name: fast
          rules:
            - alert: Fast
              expr: ingest_errors[5m] >= 0
      """, file: "rules.yml")
    var engine = AlertEngine(configuration: AlertConfiguration(), groups: groups)
    let store = MetricsStore()
    var evaluated: [String: [Int64]] = [:]
    // Ticks every 5 s for 65 s: `fast` (15 s default) runs at 0, 15, 30, 45, 60; `slow` (1m) at 0 and 60.
    for s in stride(from: Int64(0), through: 65, by: 5) {
      let at = now.adding(milliseconds: s * 1000)
      engine.tick(now: at, store: store)
      for i in engine.instances where i.evaluatedAt == at { evaluated[i.ruleName, default: []].append(s) }
    }
    #expect(evaluated["Fast"] == [0, 15, 30, 45, 60])
    #expect(evaluated["Slow"] == [0, 60])
  }

  @Test func replayFromFilesStreamsTheSameTransitions() throws {
    // The records of the test below, in two files written latest first: the second
    // file holds the first minutes. Read in time order, the transitions are the
    // ones worked out there.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-alerts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var late: [String] = []
    var early: [String] = []
    for s in stride(from: Int64(180), through: 0, by: -5) {
      let r = TelemetryRecord(
        timestamp: now.adding(milliseconds: s * 1000), requestID: "r\(s)", artefact: "support-bot",
        kind: .agent, version: "v13", route: .canary, latencyMs: 100, inputTokens: 1, outputTokens: 1,
        costUSD: 0, status: s <= 60 ? .error : .ok)
      if s > 90 { late.append(r.jsonLine) } else { early.append(r.jsonLine) }
    }
    let files = [dir.appendingPathComponent("late.jsonl"), dir.appendingPathComponent("early.jsonl")]
    try (late.joined(separator: "\n") + "\n").write(to: files[0], atomically: true, encoding: .utf8)
    try (early.joined(separator: "\n") + "\n").write(to: files[1], atomically: true, encoding: .utf8)
    let engine = AlertEngine(configuration: AlertConfiguration(), groups: [try rules()[0]])
    let (transitions, _, scan) = try AlertReplay.run(
      paths: files.map(\.path), options: EngineOptions(), alerts: engine)
    #expect(scan.records == 37)
    let canary = transitions.filter { $0.instance.ruleName == "CanaryErrors" }
    #expect(canary.map(\.to) == [.nodata, .pending, .inactive, .firing, .resolved])
    #expect(canary.map { $0.at.milliseconds(since: now) / 1000 } == [0, 15, 15, 45, 135])
  }

  /// `alerts eval` keeps the dashboard's series limit: with room for one
  /// series, taken by another artefact's first record, support-bot's canary
  /// errors are dropped and nothing fires (issue 11 breaker, C1: it read
  /// every series and alerted on ones the dashboard drops).
  @Test(arguments: [1, 100]) func replayKeepsTheSeriesLimit(maxSeries: Int) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-alerts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var lines = [
      TelemetryRecord(
        timestamp: now, requestID: "first", artefact: "aaa", kind: .model, version: "v1", route: .stable,
        latencyMs: 1, inputTokens: 1, outputTokens: 1, costUSD: 0, status: .ok
      ).jsonLine
    ]
    for s in stride(from: Int64(0), through: 180, by: 5) {
      lines.append(
        TelemetryRecord(
          timestamp: now.adding(milliseconds: s * 1000), requestID: "r\(s)", artefact: "support-bot",
          kind: .agent, version: "v13", route: .canary, latencyMs: 100, inputTokens: 1, outputTokens: 1,
          costUSD: 0, status: s <= 60 ? .error : .ok
        ).jsonLine)
    }
    let file = dir.appendingPathComponent("t.jsonl")
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    var options = EngineOptions()
    options.maxSeries = maxSeries
    let engine = AlertEngine(configuration: AlertConfiguration(), groups: [try rules()[0]])
    let (transitions, _, _) = try AlertReplay.run(paths: [file.path], options: options, alerts: engine)
    let fired = transitions.contains { $0.instance.ruleName == "CanaryErrors" && $0.to == .firing }
    #expect(fired == (maxSeries > 1))
  }

  @Test func replayFiresOnTheRecordsOwnTimestamps() throws {
    // Canary errors every 5 s from t = 0 to 60 s, then successes to 180 s.
    var records: [TelemetryRecord] = []
    let t0 = now
    for s in stride(from: Int64(0), through: 180, by: 5) {
      records.append(
        TelemetryRecord(
          timestamp: t0.adding(milliseconds: s * 1000), requestID: "r\(s)", artefact: "support-bot",
          kind: .agent,
          version: "v13", route: .canary, latencyMs: 100, inputTokens: 1, outputTokens: 1, costUSD: 0,
          status: s <= 60 ? .error : .ok))
    }
    let engine = AlertEngine(configuration: AlertConfiguration(), groups: [try rules()[0]])
    let (transitions, _) = AlertReplay.run(records: records, alerts: engine)
    let canary = transitions.filter { $0.instance.ruleName == "CanaryErrors" }
    // Evaluations at t0, t0+15 s, …: at t0 no record is in the store, so the rule
    // shows a no-data placeholder labelled {route="canary"}. At 15 s the canary
    // series has errors → its instance (with the artefact) is pending and the
    // placeholder goes away (nodata → inactive); at 45 s (30 s later) → firing.
    // The 1-minute window holds an error until the 60 s record's bucket leaves
    // it: at 135 s it holds only successes (70…130 s) → resolved.
    #expect(canary.map(\.to) == [.nodata, .pending, .inactive, .firing, .resolved])
    #expect(canary.map { $0.at.milliseconds(since: t0) / 1000 } == [0, 15, 15, 45, 135])
    #expect(
      canary.map { $0.instance.labels["artefact"] } == [
        nil, "support-bot", nil, "support-bot", "support-bot",
      ])
  }
}
