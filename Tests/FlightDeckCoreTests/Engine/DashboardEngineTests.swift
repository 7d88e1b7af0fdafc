import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

@Suite struct DashboardEngineTests {
  /// 2025-06-01T00:10:00Z.
  let now = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  func tempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-engine-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  func line(
    _ secondsBeforeNow: Int64, _ artefact: String, _ version: String, _ route: Route, latency: Double,
    status: RequestStatus = .ok, cost: Double? = 0.001
  ) -> String {
    TelemetryRecord(
      timestamp: now.adding(milliseconds: -secondsBeforeNow * 1000), requestID: "r", artefact: artefact,
      kind: .agent, version: version, route: route, latencyMs: latency, inputTokens: 100, outputTokens: 20,
      costUSD: cost, status: status
    ).jsonLine
  }

  func append(_ text: String, to url: URL) throws {
    let h = try FileHandle(forWritingTo: url)
    h.seekToEndOfFile()
    h.write(Data(text.utf8))
    try h.close()
  }

  @Test func ingestsLiveLinesCountsMalformedOnesAndLocatesThem() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("t.jsonl")
    let lines = [
      line(60, "bot", "v1", .stable, latency: 100),
      "{\"ts\":\"2025-06-01T00:09:01.000Z\",\"artefact\":\"bot\"",  // truncated JSON
      line(50, "bot", "v2", .canary, latency: 300, status: .error),
      "",  // empty line
      line(40, "bot", "v1", .stable, latency: 200),
    ]
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let clock = TestClock(start: now)
    let engine = DashboardEngine(patterns: [dir.path], clock: clock)
    #expect(engine.pump())
    var snap = engine.snapshot()
    #expect(snap.ingest.recordsTotal == 3)
    #expect(snap.ingest.malformedLines == 2)
    #expect(snap.ingest.recentErrors.map(\.line) == [2, 4])
    #expect(snap.ingest.recentErrors.map(\.path) == [file.path, file.path])
    #expect(snap.ingest.recentErrors[1].reason == "empty line")
    #expect(snap.artefacts.map(\.name) == ["bot"])
    // Stable: 2 of 3 user-facing requests; canary 1 of 3.
    #expect(snap.artefacts[0].versions.map(\.trafficShare) == [2.0 / 3.0, 1.0 / 3.0])
    #expect(snap.canaries.first?.canary?.errors == 1)
    #expect(!snap.anchoredToData)

    // New lines arrive; the next poll (250 ms later) picks them up.
    try append(line(1, "bot", "v1", .stable, latency: 150) + "\n", to: file)
    clock.advance(milliseconds: 250)
    #expect(engine.nextPollDue <= clock.now())
    #expect(engine.pump())
    snap = engine.snapshot()
    #expect(snap.ingest.recordsTotal == 4)
    #expect(snap.ingest.sources.first?.records == 4)
    #expect(snap.ingest.sources.first?.malformedLines == 2)
  }

  @Test func aSnapshotOfAHistoricFileWithNothingNewIsTheLastOneUnchanged() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("t.jsonl")
    // A day before the clock: the window ends at the newest record.
    try
      (line(86_400, "bot", "v1", .stable, latency: 100) + "\n"
      + line(86_390, "bot", "v2", .canary, latency: 90)
      + "\n").write(to: file, atomically: true, encoding: .utf8)
    let clock = TestClock(start: now)
    let engine = DashboardEngine(patterns: [file.path], clock: clock)
    engine.pump()
    let first = engine.snapshot()
    #expect(first.anchor == .historic)
    #expect(!engine.lastSnapshotUnchanged)
    // The ingest rate (a 5 s window of arrivals) decays to 0 first.
    clock.advance(milliseconds: 6_000)
    engine.pump()
    let settled = engine.snapshot()
    #expect(settled.ingest.eventsPerSecond == 0)
    clock.advance(milliseconds: 1_000)
    engine.pump()
    let again = engine.snapshot()
    #expect(engine.lastSnapshotUnchanged)
    #expect(again.now == settled.now && again.ingest == settled.ingest)
    #expect(
      again.artefacts.withUnsafeBufferPointer(\.baseAddress)
        == settled.artefacts.withUnsafeBufferPointer(\.baseAddress))
    // A new record (still historic) is a change.
    try append(line(86_380, "bot", "v1", .stable, latency: 120) + "\n", to: file)
    clock.advance(milliseconds: 1_000)
    engine.pump()
    let changed = engine.snapshot()
    #expect(!engine.lastSnapshotUnchanged)
    #expect(changed.now > again.now)
    #expect(changed.artefacts.first?.total.requests == 3)
  }

  @Test func aLiveSnapshotIsBuiltAgainWhenTheClockMoves() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("t.jsonl")
    try (line(30, "bot", "v1", .stable, latency: 100) + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    let clock = TestClock(start: now)
    let engine = DashboardEngine(patterns: [file.path], clock: clock)
    engine.pump()
    _ = engine.snapshot()
    clock.advance(milliseconds: 7_000)
    engine.pump()
    let a = engine.snapshot()
    clock.advance(milliseconds: 1_000)
    engine.pump()
    let b = engine.snapshot()
    #expect(!engine.lastSnapshotUnchanged)
    #expect(b.now == a.now.adding(milliseconds: 1_000))
    // The rate divides by the time since the series' first data (min 60 s here).
    #expect(b.artefacts[0].total.windowSeconds == 60)
  }

  @Test func pauseFreezesTheSnapshotButNotIngestion() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("t.jsonl")
    try (line(30, "bot", "v1", .stable, latency: 100) + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    let clock = TestClock(start: now)
    let engine = DashboardEngine(patterns: [file.path], clock: clock)
    engine.pump()
    engine.apply(.setPaused(true))
    try append(line(2, "bot", "v1", .stable, latency: 100) + "\n", to: file)
    clock.advance(milliseconds: 300)
    engine.pump()
    #expect(engine.snapshot().ingest.recordsTotal == 1)  // frozen
    engine.apply(.setPaused(false))
    #expect(engine.snapshot().ingest.recordsTotal == 2)  // nothing was lost
  }

  @Test func aHistoricFileIsShownAsOfItsNewestRecord() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("old.jsonl")
    try (line(30, "bot", "v1", .stable, latency: 100) + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    // The wall clock is a day later: the record is far outside the 15-minute window.
    let clock = TestClock(start: now.adding(milliseconds: 86_400_000))
    let engine = DashboardEngine(patterns: [file.path], clock: clock)
    engine.pump()
    let snap = engine.snapshot()
    #expect(snap.anchoredToData)
    #expect(snap.now == now.adding(milliseconds: -30_000 + 1))
    #expect(snap.artefacts.first?.total.requests == 1)
  }

  @Test func rotationIsFollowedAndCounted() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("t.jsonl")
    try (line(30, "bot", "v1", .stable, latency: 100) + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    let clock = TestClock(start: now)
    let engine = DashboardEngine(patterns: [file.path], clock: clock)
    engine.pump()
    try FileManager.default.moveItem(at: file, to: dir.appendingPathComponent("t.jsonl.1"))
    try (line(5, "bot", "v1", .stable, latency: 100) + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    clock.advance(milliseconds: 250)
    engine.pump()
    let snap = engine.snapshot()
    #expect(snap.ingest.recordsTotal == 2)
    #expect(snap.ingest.sources.first?.rotations == 1)
  }

  @Test func aDocumentWithoutItsFinalNewlineIsTakenOnceTheFileIsQuiet() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("t.jsonl")
    // One complete record, then a second one with no newline after it.
    let text =
      line(20, "bot", "v1", .stable, latency: 100) + "\n" + line(10, "bot", "v1", .stable, latency: 200)
    try text.write(to: file, atomically: true, encoding: .utf8)
    let clock = TestClock(start: now)
    let engine = DashboardEngine(patterns: [file.path], clock: clock)
    engine.pump()
    #expect(engine.snapshot().ingest.recordsTotal == 1)
    // The engine flushes a held line after 4 quiet polls (≈ 1 s at 250 ms).
    for _ in 0..<3 {
      clock.advance(milliseconds: 250)
      engine.pump()
    }
    #expect(engine.snapshot().ingest.recordsTotal == 1)
    clock.advance(milliseconds: 250)
    engine.pump()
    #expect(engine.snapshot().ingest.recordsTotal == 2)
  }

  func record(at ts: Timestamp, latency: Double = 100) -> String {
    TelemetryRecord(
      timestamp: ts, requestID: "r", artefact: "bot", kind: .agent, version: "v1", route: .stable,
      latencyMs: latency, inputTokens: 10, outputTokens: 2, costUSD: 0.001, status: .ok
    ).jsonLine
  }

  @Test func aShortFileStaysOnScreenUntilItsBucketLeavesThenTurnsHistoric() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("short.jsonl")
    // 2025-06-01T00:00:00Z and five records at 00:00:01 … 00:00:05.
    let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)
    let lines = (1...5).map { record(at: t0.adding(milliseconds: Int64($0) * 1000)) }
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    var options = EngineOptions()
    options.sinceMs = 3_600_000
    let clock = TestClock(start: t0.adding(milliseconds: 901_000))  // 00:15:01
    let engine = DashboardEngine(patterns: [file.path], options: options, clock: clock)
    engine.pump()
    // 00:15:01 and 00:15:09.999: the window starts at 00:00:00 and holds all five, live.
    var snap = engine.snapshot()
    #expect(snap.anchor == .clock)
    #expect(snap.now == t0.adding(milliseconds: 901_000))
    #expect(snap.artefacts.first?.total.requests == 5)
    clock.advance(milliseconds: 8_999)
    snap = engine.snapshot()
    #expect(snap.anchor == .clock)
    #expect(snap.artefacts.first?.total.requests == 5)
    // 00:15:10: the bucket [00:00:00, 00:00:10) is out, so the window is
    // anchored at once to the newest record (00:00:05 + 1 ms): no empty screen.
    clock.advance(milliseconds: 1)
    snap = engine.snapshot()
    #expect(snap.anchor == .historic)
    #expect(snap.anchoredToData)
    #expect(snap.now == t0.adding(milliseconds: 5_001))
    #expect(snap.artefacts.first?.total.requests == 5)
  }

  @Test func recordsAheadOfTheClockAreCountedAndFarFutureOnesDropped() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("skew.jsonl")
    // now = 00:10:00. 9999-12-31T00:00:00Z first (253 402 214 400 000 ms), then
    // one record 30 s ago, one 5 s ahead (inside now's bucket [00:10:00, 00:10:10)),
    // and one 60 s ahead (more than one 10 s bucket: ahead of the clock).
    let lines = [
      record(at: Timestamp(millisecondsSinceEpoch: 253_402_214_400_000)),
      record(at: now.adding(milliseconds: -30_000)),
      record(at: now.adding(milliseconds: 5_000)),
      record(at: now.adding(milliseconds: 60_000)),
    ]
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let engine = DashboardEngine(patterns: [file.path], clock: TestClock(start: now))
    engine.pump()
    let snap = engine.snapshot()
    #expect(snap.ingest.recordsTotal == 4)
    #expect(snap.ingest.farFutureRecords == 1)
    #expect(snap.ingest.aheadOfClockRecords == 1)
    // The 9999 record did not move the retention: nothing is late.
    #expect(snap.ingest.lateRecords == 0)
    // Live window [23:55:00 … 00:10:10): the −30 s and +5 s records.
    #expect(snap.anchor == .clock)
    #expect(snap.artefacts.first?.total.requests == 2)
  }

  @Test func dataOnlyAheadOfTheWindowAnchorsTheWindowToIt() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("ahead.jsonl")
    // A simulator at 600× speed started at now: records 1 h and 2 h ahead.
    let lines = [
      record(at: now.adding(milliseconds: 3_600_000)), record(at: now.adding(milliseconds: 7_200_000)),
    ]
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let engine = DashboardEngine(patterns: [file.path], clock: TestClock(start: now))
    engine.pump()
    let snap = engine.snapshot()
    #expect(snap.ingest.aheadOfClockRecords == 2)
    #expect(snap.anchor == .aheadOfClock)
    #expect(snap.anchoredToData)
    #expect(snap.now == now.adding(milliseconds: 7_200_001))
    // Window of 15 min before now + 2 h: only the newer record.
    #expect(snap.artefacts.first?.total.requests == 1)
  }
}

extension DashboardEngineTests {
  @Test func manyArtefactsChartOnlyTheSelectedOne() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("many.jsonl")
    // 25 artefacts (over the limit of 20), one request each.
    let lines = (0..<25).map { line(10, "a\($0)", "v1", .stable, latency: 100) }
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let engine = DashboardEngine(patterns: [file.path], clock: TestClock(start: now))
    engine.pump()
    // Nothing selected yet: none (the first snapshot's selection adds its charts).
    #expect(engine.snapshot().charts.isEmpty)
    engine.apply(.selectArtefact("a7"))
    #expect(Array(engine.snapshot().charts.keys) == ["a7"])
  }

  @Test func aReplayHoldsRecordsUntilItsClockReachesThem() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("t.jsonl")
    // Ten records, one every 10 s, from 100 s before `now` to 10 s before it.
    let lines = (1...10).map { line(Int64(110 - 10 * $0), "bot", "v1", .stable, latency: Double($0)) }
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    // Replay from 95 s before now at 10× speed, on a manual base clock.
    let base = TestClock(start: now)
    let replay = ReplayClock(
      start: now.adding(milliseconds: -95_000), end: now, speed: 10, base: base)
    var options = EngineOptions()
    options.holdRecordsAfterClock = true
    let engine = DashboardEngine(patterns: [file.path], options: options, clock: replay)
    engine.pump()
    // At −95 s only the record at −100 s is in; nine are held.
    #expect(engine.snapshot().ingest.recordsTotal == 10)
    #expect(engine.heldRecordCount == 9)
    // 3 real seconds = 30 replayed: now −65 s; the records at −90, −80, −70 are released.
    base.advance(milliseconds: 3_000)
    #expect(engine.pump())
    #expect(engine.heldRecordCount == 6)
    // 60 more real seconds: the clock stops at `end`; everything is in.
    base.advance(milliseconds: 60_000)
    engine.pump()
    #expect(engine.heldRecordCount == 0)
    #expect(replay.now() == now)
  }

  @Test func catchingUpAlertsGivesTheStateTheRulesHadReached() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("t.jsonl")
    // Canary errors every 5 s over the last 2 minutes: error rate 1 all along.
    let lines = (0..<24).map { line(Int64(5 + 5 * $0), "bot", "v2", .canary, latency: 100, status: .error) }
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let groups = try AlertRulesLoader.parse(
      """
      groups:
        - name: g
          rules:
            - alert: CanaryErrors
              expr: error_rate{route="canary"}[1m] > 0.5
              for: 30s
              labels: {severity: page}
      """, file: "r.yml")
    var config = AlertConfiguration()
    config.evaluationIntervalMs = 10_000
    func engine() -> DashboardEngine {
      var options = EngineOptions()
      options.dropRecordsAfterClock = true
      let e = DashboardEngine(
        patterns: [file.path], options: options, clock: TestClock(start: now),
        alerts: AlertEngine(configuration: config, groups: groups))
      e.drain()
      return e
    }
    // One evaluation at `now`: true, but `for` (30 s) has not elapsed → pending.
    let first = engine()
    first.pump()
    #expect(first.snapshot().alerts.first?.state == .pending)
    // Evaluated every 10 s over the last 2 minutes: true since −115 s (the first
    // record is 120 s old; the 1 m window holds errors from then on) → firing.
    let caughtUp = engine()
    caughtUp.catchUpAlerts(overMs: 120_000)
    let alert = try #require(caughtUp.snapshot().alerts.first)
    #expect(alert.state == .firing)
    #expect(caughtUp.takeAlertTransitions().isEmpty)
  }
}

extension DashboardEngineTests {
  /// A stray `[` line opens a multi-line document that never closes: the live engine must not hold
  /// the lines after it until the document's 16 MiB bound, but read them once the source has been
  /// quiet for ``DashboardEngine/pendingDocumentIdleMs`` on its clock.
  @Test func aDocumentThatStopsGrowingIsClosedAndItsLinesRead() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("t.jsonl")
    let text =
      "[\n" + line(20, "bot", "v1", .stable, latency: 100) + "\n"
      + line(10, "bot", "v1", .stable, latency: 200)
      + "\n"
    try text.write(to: file, atomically: true, encoding: .utf8)
    let clock = TestClock(start: now)
    let engine = DashboardEngine(patterns: [file.path], clock: clock)
    engine.pump()
    #expect(engine.snapshot().ingest.recordsTotal == 0)  // held in the open document
    clock.advance(milliseconds: DashboardEngine.pendingDocumentIdleMs - 250)
    engine.pump()
    #expect(engine.snapshot().ingest.recordsTotal == 0)
    clock.advance(milliseconds: 250)
    #expect(engine.pump())
    let snap = engine.snapshot()
    #expect(snap.ingest.recordsTotal == 2)
    #expect(snap.ingest.malformedLines == 1)
    #expect(snap.ingest.recentErrors.map(\.line) == [1])  // the `[` line, located
    // Later lines are read as they come.
    try append(line(5, "bot", "v1", .stable, latency: 300) + "\n", to: file)
    clock.advance(milliseconds: 250)
    engine.pump()
    #expect(engine.snapshot().ingest.recordsTotal == 3)
  }
}
