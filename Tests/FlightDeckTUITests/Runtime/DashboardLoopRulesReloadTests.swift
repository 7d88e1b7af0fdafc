import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// Rules edited while the dashboard runs: a good file replaces the rules, a
/// bad one is refused whole and the last good rules keep running.
@Suite struct DashboardLoopRulesReloadTests {
  let now = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  func rules(_ threshold: String) -> String {
    """
    groups:
      - name: canary
        interval: 1s
        rules:
          - alert: CanaryErrors
            expr: error_rate{route="canary"}[1m] > \(threshold)
            labels: {severity: page}
    """
  }

  @Test func aGoodFileReplacesTheRulesABadOneIsRefusedAndTheLastGoodRulesRun() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let rulesFile = dir.appendingPathComponent("alerts.yml")
    try rules("0.5").write(to: rulesFile, atomically: true, encoding: .utf8)
    // One canary request, an error: error rate 1.0 (> 0.5 and > 0.9, never > 2).
    let telemetry = dir.appendingPathComponent("t.jsonl")
    let line = TelemetryRecord(
      timestamp: now.adding(milliseconds: -5_000), requestID: "r", artefact: "bot", kind: .model,
      version: "v2",
      route: .canary, latencyMs: 100, inputTokens: 1, outputTokens: 1, costUSD: nil, status: .error
    ).jsonLine
    try (line + "\n").write(to: telemetry, atomically: true, encoding: .utf8)

    let clock = TestClock(start: now)
    var config = AlertConfiguration()
    config.evaluationIntervalMs = 1_000
    let engine = DashboardEngine(
      patterns: [telemetry.path], clock: clock,
      alerts: AlertEngine(configuration: config, groups: try AlertRulesLoader.load(path: rulesFile.path)))
    let backend = TestBackend(width: 120, height: 40)
    let loop = DashboardLoop(
      engine: engine, backend: backend, clock: clock,
      configuration: .init(themes: [ThemeLoader.builtInDefault], symbols: .ascii),
      rulesWatcher: AlertRulesWatcher(path: rulesFile.path))
    #expect(try loop.step() == nil)
    #expect(engine.snapshot().alerts.first?.state == .firing)

    // Threshold 2: the rule no longer holds once reloaded.
    try rules("2").write(to: rulesFile, atomically: true, encoding: .utf8)
    clock.advance(milliseconds: 2_500)
    #expect(try loop.step() == nil)
    #expect(
      loop.state.statusMessage?.hasPrefix("alert rules reloaded from \(rulesFile.path): 1 rule") == true)
    clock.advance(milliseconds: 1_000)
    _ = try loop.step()
    #expect(engine.snapshot().alerts.allSatisfy { $0.state != .firing && $0.state != .pending })

    // A bad file (an unknown metric): refused, the threshold-2 rule keeps running.
    try rules("0.5 and no_such_metric > 1").write(to: rulesFile, atomically: true, encoding: .utf8)
    clock.advance(milliseconds: 2_500)
    _ = try loop.step()
    let status = try #require(loop.state.statusMessage)
    #expect(status.hasPrefix("alert rules file refused (1 error; first: \(rulesFile.path):6:"))
    #expect(status.contains("the last good rules keep running"))
    #expect(engine.snapshot().alerts.allSatisfy { $0.state != .firing && $0.state != .pending })
  }

  @Test func aFileNestedAHundredThousandDeepIsRefusedOnTheStatusLineAndTheRulesKeepRunning() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let rulesFile = dir.appendingPathComponent("alerts.yml")
    try rules("0.5").write(to: rulesFile, atomically: true, encoding: .utf8)
    let telemetry = dir.appendingPathComponent("t.jsonl")
    let line = TelemetryRecord(
      timestamp: now.adding(milliseconds: -5_000), requestID: "r", artefact: "bot", kind: .model,
      version: "v2",
      route: .canary, latencyMs: 100, inputTokens: 1, outputTokens: 1, costUSD: nil, status: .error
    ).jsonLine
    try (line + "\n").write(to: telemetry, atomically: true, encoding: .utf8)
    let clock = TestClock(start: now)
    var config = AlertConfiguration()
    config.evaluationIntervalMs = 1_000
    let engine = DashboardEngine(
      patterns: [telemetry.path], clock: clock,
      alerts: AlertEngine(configuration: config, groups: try AlertRulesLoader.load(path: rulesFile.path)))
    let loop = DashboardLoop(
      engine: engine, backend: TestBackend(width: 120, height: 40), clock: clock,
      configuration: .init(themes: [ThemeLoader.builtInDefault], symbols: .ascii),
      rulesWatcher: AlertRulesWatcher(path: rulesFile.path))
    #expect(try loop.step() == nil)
    #expect(engine.snapshot().alerts.first?.state == .firing)

    // Before the nesting screen this step died of a stack overflow in Yams.
    try (String(repeating: "- ", count: 100_000) + "x").write(
      to: rulesFile, atomically: true, encoding: .utf8)
    clock.advance(milliseconds: 2_500)
    _ = try loop.step()
    let status = try #require(loop.state.statusMessage)
    #expect(
      status.hasPrefix(
        "alert rules file refused (1 error; first: \(rulesFile.path):1:127: yaml: nesting deeper than 64 levels"
      ))
    #expect(status.contains("the last good rules keep running"))
    clock.advance(milliseconds: 1_000)
    _ = try loop.step()
    #expect(engine.snapshot().alerts.first?.state == .firing)
  }
}
