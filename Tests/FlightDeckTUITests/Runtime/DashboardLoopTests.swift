import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// End-to-end: real files → tailer → decoder → engine → loop → app → canvas,
/// on a manual clock and an in-memory backend (teatest-style).
@Suite struct DashboardLoopTests {
  let now = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  func makeFile(_ lines: [String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-loop-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("t.jsonl")
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  func record(_ artefact: String, _ version: String, _ route: Route, secondsAgo: Int64) -> String {
    TelemetryRecord(
      timestamp: now.adding(milliseconds: -secondsAgo * 1000), requestID: "r", artefact: artefact,
      kind: .model, version: version, route: route, latencyMs: 250, inputTokens: 10, outputTokens: 5,
      costUSD: 0.001, status: .ok
    ).jsonLine
  }

  /// A manual clock, an in-memory backend of `width` × `height`, and a loop
  /// on an engine following `file` (ASCII glyphs, the default theme).
  func harness(_ file: URL, width: Int, height: Int) -> (TestClock, TestBackend, DashboardLoop) {
    let clock = TestClock(start: now)
    let backend = TestBackend(width: width, height: height)
    let engine = DashboardEngine(patterns: [file.path], clock: clock)
    let loop = DashboardLoop(
      engine: engine, backend: backend, clock: clock,
      configuration: .init(themes: [ThemeLoader.builtInDefault], symbols: .ascii))
    return (clock, backend, loop)
  }

  func append(_ line: String, to url: URL) throws {
    let h = try FileHandle(forWritingTo: url)
    h.seekToEndOfFile()
    h.write(Data((line + "\n").utf8))
    try h.close()
  }

  @Test func liveDataKeysPauseAndQuit() throws {
    let file = try makeFile([
      record("summarizer", "v7", .stable, secondsAgo: 20),
      record("summarizer", "v8", .canary, secondsAgo: 10),
    ])
    let (clock, backend, loop) = harness(file, width: 120, height: 40)

    #expect(try loop.step() == nil)
    #expect(backend.frameCount == 1)
    var text = backend.frameText.joined(separator: "\n")
    #expect(text.contains("summarizer"))
    #expect(text.contains("LIVE"))
    #expect(backend.frameText[0].hasPrefix("00:10:00Z"))

    // A new artefact arrives; after the poll interval and a frame interval it is drawn.
    try append(record("classifier", "v21", .stable, secondsAgo: 0), to: file)
    clock.advance(milliseconds: 250)
    _ = try loop.step()
    text = backend.frameText.joined(separator: "\n")
    #expect(text.contains("classifier"))

    // `p` pauses: the header says PAUSED and new data is not shown.
    backend.enqueue(.key(.char("p")))
    _ = try loop.step()
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(backend.frameText[0].contains("PAUSED"))
    try append(record("embedder", "v3", .stable, secondsAgo: 0), to: file)
    clock.advance(milliseconds: 1_000)
    _ = try loop.step()
    _ = try loop.step()
    #expect(!backend.frameText.joined().contains("embedder"))
    // `p` again resumes, and nothing that arrived meanwhile was lost.
    backend.enqueue(.key(.char("p")))
    _ = try loop.step()
    clock.advance(milliseconds: 1_000)
    _ = try loop.step()
    _ = try loop.step()
    #expect(backend.frameText.joined().contains("embedder"))

    // `?` opens the help overlay, Esc closes it, `q` quits.
    backend.enqueue(.key(.char("?")))
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(loop.state.isHelpVisible)
    backend.enqueue(.key(.escape))
    _ = try loop.step()
    #expect(!loop.state.isHelpVisible)
    backend.enqueue(.key(.char("q")))
    clock.advance(milliseconds: 100)
    #expect(try loop.step() == .quit)
  }

  @Test func theRowTheFirstSnapshotSelectsIsTheOnlyArtefactCharted() throws {
    // 30 artefacts, over the engine's chart-everything limit (20): the
    // first snapshot selects art-00's row, and the engine must hear of it,
    // or every tick charts all 30 (at 100 000 artefacts: 100 000 charts).
    let names = (0..<30).map { "art-" + ($0 < 10 ? "0" : "") + String($0) }
    let file = try makeFile(names.map { record($0, "v1", .stable, secondsAgo: 30) })
    let (clock, _, loop) = harness(file, width: 120, height: 40)
    #expect(try loop.step() == nil)
    #expect(loop.state.selectedArtefact == "art-00")
    clock.advance(milliseconds: 1_000)
    #expect(try loop.step() == nil)
    #expect(loop.state.snapshot?.artefacts.count == 30)
    #expect(loop.state.snapshot?.charts.keys.sorted() == ["art-00"])
    clock.advance(milliseconds: 1_000)
    #expect(try loop.step() == nil)
    #expect(loop.state.snapshot?.charts.keys.sorted() == ["art-00"])
  }

  @Test func aKeyPressedWhenTheTickIsDueIsDrawnBeforeTheSnapshotIsBuilt() throws {
    let file = try makeFile([record("bot", "v1", .stable, secondsAgo: 5)])
    let (clock, backend, loop) = harness(file, width: 100, height: 30)
    _ = try loop.step()
    let built = loop.snapshotsBuilt
    // `?` arrives 900 ms later; by the next step the 1 s tick is due.
    clock.advance(milliseconds: 900)
    backend.enqueue(.key(.char("?")))
    _ = try loop.step()
    #expect(loop.snapshotsBuilt == built)
    clock.advance(milliseconds: 200)
    let frames = backend.frameCount
    _ = try loop.step()
    // Two frames: the help overlay first, drawn before the tick's snapshot
    // was built (from the snapshot on screen), then the tick's frame (one
    // frame, after the build, before this change).
    #expect(loop.state.isHelpVisible)
    #expect(backend.frameCount == frames + 2)
    #expect(backend.frameText.joined(separator: "\n").contains("Focus the next pane"))
    #expect(loop.snapshotsBuilt == built + 1)
    #expect(backend.frameText[0].hasPrefix("00:10:01Z"))
  }

  @Test func idleLoopDoesNotRedrawAndWaitsForTheNextDeadline() throws {
    let file = try makeFile([record("bot", "v1", .stable, secondsAgo: 5)])
    let (clock, backend, loop) = harness(file, width: 100, height: 30)
    _ = try loop.step()
    let frames = backend.frameCount
    // Within the same second and with no new data: polls happen, no frame is drawn.
    for _ in 0..<3 {
      clock.advance(milliseconds: 250)
      _ = try loop.step()
    }
    #expect(backend.frameCount == frames)
    // A second later the clock in the header moves: one new frame.
    clock.advance(milliseconds: 250)
    _ = try loop.step()
    #expect(backend.frameCount == frames + 1)
  }

  @Test func aTickThatChangedNothingBuildsNoSnapshotAndDrawsNoFrame() throws {
    // A historic file (records a day before the clock): the window ends at
    // its newest record, so once the ingest rate has decayed (5 s) a tick
    // changes nothing on screen.
    let dayAgo: Int64 = 86_400
    let file = try makeFile(
      (0..<30).map { record("art-\($0)", "v1", .stable, secondsAgo: dayAgo + Int64($0)) })
    let (clock, backend, loop) = harness(file, width: 120, height: 40)
    _ = try loop.step()
    for _ in 0..<8 {
      clock.advance(milliseconds: 1_000)
      _ = try loop.step()
    }
    #expect(loop.state.snapshot?.anchor == .historic)
    let built = loop.snapshotsBuilt
    let frames = backend.frameCount
    let artefacts = loop.state.snapshot?.artefacts
    for _ in 0..<5 {
      clock.advance(milliseconds: 1_000)
      _ = try loop.step()
    }
    #expect(loop.snapshotsBuilt == built)
    #expect(backend.frameCount == frames)
    #expect(
      loop.state.snapshot.map { $0.artefacts.withUnsafeBufferPointer(\.baseAddress) }
        == artefacts.map { $0.withUnsafeBufferPointer(\.baseAddress) })
    // A record arriving is a change: the next tick builds and draws.
    try append(record("art-new", "v1", .stable, secondsAgo: dayAgo - 1), to: file)
    clock.advance(milliseconds: 1_000)
    _ = try loop.step()
    #expect(loop.snapshotsBuilt > built)
    #expect(backend.frameCount > frames)
    #expect(loop.state.snapshot?.artefacts.count == 31)
  }

  @Test func aLiveTickStillBuildsASnapshotForTheMovedClock() throws {
    let file = try makeFile([record("bot", "v1", .stable, secondsAgo: 5)])
    let (clock, _, loop) = harness(file, width: 100, height: 30)
    _ = try loop.step()
    for _ in 0..<8 {
      clock.advance(milliseconds: 1_000)
      let built = loop.snapshotsBuilt
      _ = try loop.step()
      #expect(loop.snapshotsBuilt == built + 1)
      #expect(loop.state.snapshot?.now == clock.now())
    }
  }

  @Test func resizeRedrawsAndTooSmallShowsTheNotice() throws {
    let file = try makeFile([record("bot", "v1", .stable, secondsAgo: 5)])
    let (clock, backend, loop) = harness(file, width: 100, height: 30)
    _ = try loop.step()
    backend.resize(width: 40, height: 10)
    _ = try loop.step()
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(backend.lastFrame?.width == 40)
    #expect(backend.frameText.joined().contains("terminal too small (need 60x16, have"))
    #expect(backend.frameText.joined().contains("40x10)"))
    backend.resize(width: 80, height: 24)
    _ = try loop.step()
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(backend.lastFrame?.height == 24)
    #expect(backend.frameText.joined().contains("bot"))
  }

  @Test func stopSignalEndsTheLoop() throws {
    let file = try makeFile([record("bot", "v1", .stable, secondsAgo: 5)])
    let clock = TestClock(start: now)
    let loop = DashboardLoop(
      engine: DashboardEngine(patterns: [file.path], clock: clock), backend: TestBackend(), clock: clock,
      configuration: .init(themes: [ThemeLoader.builtInDefault]), stopSignal: { 15 })
    #expect(try loop.step() == .signal(15))
  }

  @Test func themeKeySaysWhichThemeIsActive() throws {
    let file = try makeFile([record("bot", "v1", .stable, secondsAgo: 5)])
    let clock = TestClock(start: now)
    let backend = TestBackend(width: 100, height: 30)
    var light = ThemeLoader.builtInDefault
    light.name = "light"
    let loop = DashboardLoop(
      engine: DashboardEngine(patterns: [file.path], clock: clock), backend: backend, clock: clock,
      configuration: .init(themes: [ThemeLoader.builtInDefault, light], symbols: .ascii))
    _ = try loop.step()
    let first = loop.state.themeName
    // `t` moves from the first theme to "light"; the status line names it for 3 s.
    backend.enqueue(.key(.char("t")))
    _ = try loop.step()
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(first != "light")
    #expect(loop.state.themeName == "light")
    #expect(loop.state.statusMessage == "theme: light")
    #expect(backend.frameText.joined(separator: "\n").contains("theme: light"))
    // After 3 s (+1 tick) the message has expired.
    clock.advance(milliseconds: 3_100)
    _ = try loop.step()
    #expect(loop.state.statusMessage == nil)
  }
}
