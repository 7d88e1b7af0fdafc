import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// `K` inside a dashboard that follows telemetry: the KPI view tallies the
/// dashboard's own files (the sources of its snapshot) for cost and, against
/// the configuration's latency SLO threshold, latency attainment — instead of
/// saying it needs `flightdeck kpi --telemetry`.
@Suite struct DashboardLoopKPITests {
  let now = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  /// Four summarizer requests in the last minute: 250, 4000, 5000 and 9000 ms,
  /// $0.001 each; with a 5000 ms threshold 3 of 4 are good ("≤ threshold").
  func makeFile() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-loopkpi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("t.jsonl")
    let lines = [250.0, 4000, 5000, 9000].enumerated().map { i, latency in
      TelemetryRecord(
        timestamp: now.adding(milliseconds: -60_000 + Int64(i) * 1000), requestID: "r\(i)",
        artefact: "summarizer", kind: .model, version: "v7", route: .stable, latencyMs: latency,
        inputTokens: 10, outputTokens: 5, costUSD: 0.001, status: .ok
      ).jsonLine
    }
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  func loop(kpiTelemetry: Bool) throws -> (DashboardLoop, TestBackend) {
    let clock = TestClock(start: now)
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let backend = TestBackend(width: 120, height: 40)
    var configuration = DashboardLoop.Configuration(themes: [ThemeLoader.builtInDefault], symbols: .ascii)
    if kpiTelemetry {
      configuration.kpiTelemetry = { files, from, to in
        try? KPITelemetry.read(
          paths: files, from: from, to: to, latencyThresholdMs: 5000, latencyArtefact: "summarizer"
        ).telemetry
      }
    }
    let loop = DashboardLoop(
      engine: DashboardEngine(patterns: [try makeFile().path], clock: clock), backend: backend, clock: clock,
      configuration: configuration,
      releaseDesk: ReleaseDesk(store: store, identity: OperatorIdentity(name: "alice"), clock: clock),
      storeWork: .inline)
    _ = try loop.step()
    return (loop, backend)
  }

  @Test func kTalliesTheFollowedFilesForLatencyAttainmentAndCost() throws {
    let (loop, backend) = try loop(kpiTelemetry: true)
    backend.enqueue(.key(.char("K")))
    _ = try loop.step()
    let report = try #require(loop.state.kpi?.report)
    #expect(report.latencyThresholdMs == 5000)
    #expect(report.latencyAttainment == KPIRatio(3, of: 4))
    #expect(report.costByArtefact.map(\.artefact) == ["summarizer"])
    #expect(report.costByArtefact.first?.requests == 4)
    let lines = KPIOverlay.lines(report).map(\.0)
    #expect(lines.contains { $0.hasSuffix("75.0 % (3/4) (summarizer)") && $0.hasPrefix("latency ≤ 5000 ms") })
    #expect(!lines.contains { $0.contains("needs telemetry") })
  }

  @Test func withoutATallyTheViewStillSaysWhatItNeeds() throws {
    let (loop, backend) = try loop(kpiTelemetry: false)
    backend.enqueue(.key(.char("K")))
    _ = try loop.step()
    let report = try #require(loop.state.kpi?.report)
    #expect(report.latencyAttainment == nil)
    #expect(KPIOverlay.lines(report).contains { $0.0.contains("needs telemetry") })
  }

  @Test func telemetryWithoutALatencySLOSaysSo() {
    var report = IncidentFixture.report()
    report.costByArtefact = [KPIArtefactCost(artefact: "summarizer")]
    let lines = KPIOverlay.lines(report).map(\.0)
    #expect(lines.contains { $0.hasSuffix("n/a (no latency SLO: [[slo]] kind = \"latency\", threshold_ms)") })
  }
}
