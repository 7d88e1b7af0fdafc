import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// Issue 11: what telemetry names (series, files) is bounded, and what is
/// left out is counted and said.
@Suite struct DashboardEngineCardinalityTests {
  /// 2025-06-01T00:10:00Z.
  let now = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  func tempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-card-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  func line(_ secondsBeforeNow: Int64, _ artefact: String, _ version: String, _ route: Route = .stable)
    -> String
  {
    TelemetryRecord(
      timestamp: now.adding(milliseconds: -secondsBeforeNow * 1000), requestID: "r", artefact: artefact,
      kind: .model, version: version, route: route, latencyMs: 100, inputTokens: 10, outputTokens: 1,
      costUSD: 0.001, status: .ok
    ).jsonLine
  }

  @Test func newSeriesBeyondTheLimitAreCountedAndDropped() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("t.jsonl")
    // Series in order of arrival: a/v1 (1), b/v1 (2), c/v1 refused, a/v1 kept,
    // a/v2 refused (a new series of a kept artefact), c/v1 refused, b/v1 kept.
    let lines = [
      line(60, "a", "v1"), line(59, "b", "v1"), line(58, "c", "v1"), line(57, "a", "v1"),
      line(56, "a", "v2"), line(55, "c", "v1"), line(54, "b", "v1"),
    ]
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    var options = EngineOptions()
    options.maxSeries = 2
    let engine = DashboardEngine(patterns: [file.path], options: options, clock: TestClock(start: now))
    engine.pump()
    let snap = engine.snapshot()
    #expect(snap.artefacts.map(\.name) == ["a", "b"])
    #expect(snap.artefacts.map { $0.versions.map(\.version) } == [["v1"], ["v1"]])
    // a/v1 holds lines 1 and 4, b/v1 lines 2 and 7.
    #expect(snap.artefacts.map(\.total.requests) == [2, 2])
    #expect(snap.ingest.overSeriesLimitRecords == 3)
    #expect(snap.ingest.seriesLimit == 2)
    #expect(snap.ingest.recordsTotal == 7)
    // The first refusal is listed once, at its file and line.
    let refusals = snap.ingest.recentErrors.filter { $0.reason.hasPrefix("over the series limit") }
    #expect(refusals.count == 1)
    #expect(refusals.first?.path == file.path)
    #expect(refusals.first?.line == 3)
    #expect(refusals.first?.reason.contains("2 series kept ([metrics] max_series)") == true)
  }

  @Test func theDefaultLimitIsAHundredThousandSeries() {
    #expect(EngineOptions().maxSeries == 100_000)
    #expect(EngineOptions.defaultMaxSeries == 100_000)
  }

  @Test func filesBeyondTheOpenFileLimitAreNamedInTheSummary() throws {
    let dir = try tempDir()
    for i in 1...5 {
      try (line(30, "bot\(i)", "v1") + "\n").write(
        to: dir.appendingPathComponent("f\(i).jsonl"), atomically: true, encoding: .utf8)
    }
    var options = EngineOptions()
    options.maxOpenFiles = 3
    let engine = DashboardEngine(patterns: [dir.path], options: options, clock: TestClock(start: now))
    engine.pump()
    let snap = engine.snapshot()
    // Discovery order is by name: f1…f3 open, f4 and f5 left out.
    #expect(snap.ingest.sources.map(\.state) == [.following, .following, .following, .waiting, .waiting])
    #expect(snap.ingest.sources[3].detail == "not opened: open-file limit (3 files)")
    #expect(snap.ingest.sourcesOverOpenFileLimit == 2)
    #expect(snap.ingest.openFileLimitText == "following 3 of 5 files: open-file limit 3")
    #expect(snap.artefacts.map(\.name) == ["bot1", "bot2", "bot3"])
  }

  @Test func withinTheOpenFileLimitNothingIsSaid() throws {
    let dir = try tempDir()
    for i in 1...3 {
      try (line(30, "bot\(i)", "v1") + "\n").write(
        to: dir.appendingPathComponent("f\(i).jsonl"), atomically: true, encoding: .utf8)
    }
    var options = EngineOptions()
    options.maxOpenFiles = 3
    let engine = DashboardEngine(patterns: [dir.path], options: options, clock: TestClock(start: now))
    engine.pump()
    let snap = engine.snapshot()
    #expect(snap.ingest.sourcesOverOpenFileLimit == 0)
    #expect(snap.ingest.openFileLimitText == nil)
    #expect(snap.artefacts.count == 3)
  }

  @Test func aNewSelectionGetsItsChartsWithoutANewBuild() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("t.jsonl")
    // More artefacts than DashboardEngine.chartAllArtefactsLimit: only the
    // selected artefact's charts are computed.
    let names = (0..<25).map { "art\($0)" }
    try (names.map { line(30, $0, "v1") }.joined(separator: "\n") + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    let clock = TestClock(start: now)
    let engine = DashboardEngine(patterns: [file.path], clock: clock)
    engine.pump()
    engine.apply(.selectArtefact("art3"))
    let first = engine.snapshot()
    #expect(Set(first.charts.keys) == ["art3"])
    engine.apply(.selectArtefact("art17"))
    let second = engine.snapshot()
    #expect(Set(second.charts.keys) == ["art17"])
    #expect(second.now == first.now)
    // The added charts are those a whole build gives.
    let fresh = DashboardEngine(patterns: [file.path], clock: clock)
    fresh.pump()
    fresh.apply(.selectArtefact("art17"))
    #expect(fresh.snapshot().charts["art17"] == second.charts["art17"])
  }
}
