import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// The screen never waits for the store: with a store whose writes block
/// (a lock wait, a slow network), keys are handled and frames drawn while
/// the status line says "saving…", and the outcome shows once the store answers.
@Suite struct DashboardLoopStoreWorkTests {
  let now = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  /// summarizer (medium tier) with v7 (gates passed) and v8, and a telemetry file.
  func setUp(_ clock: TestClock) throws -> (BlockingRegistryStore, String) {
    let base = try SQLiteRegistryStore.inMemory(clock: clock)
    let admin = OperatorIdentity(name: "admin")
    _ = try base.perform(
      .registerArtefact(name: "summarizer", kind: .model, owner: "", riskTier: .medium, description: ""),
      as: admin)
    for label in ["v7", "v8"] {
      _ = try base.perform(
        .registerVersion(artefact: "summarizer", label: label, source: nil, tags: [:], description: ""),
        as: admin)
    }
    let gates = GateCheck.evaluate(
      policy: .standard, tier: .medium,
      results: [DemoRegistrySeed.demoEvaluation(artefact: "summarizer", version: "v7")])
    _ = try base.perform(.recordGateResults(artefact: "summarizer", version: "v7", report: gates), as: admin)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fd-loopwork-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("t.jsonl")
    let line = TelemetryRecord(
      timestamp: now.adding(milliseconds: -5000), requestID: "r", artefact: "summarizer", kind: .model,
      version: "v7", route: .stable, latencyMs: 250, inputTokens: 10, outputTokens: 5, costUSD: 0.001,
      status: .ok
    ).jsonLine
    try (line + "\n").write(to: file, atomically: true, encoding: .utf8)
    return (BlockingRegistryStore(base: base), file.path)
  }

  @Test func keysAndFramesFlowWhileTheStoreIsBlocked() throws {
    let clock = TestClock(start: now)
    let (store, file) = try setUp(clock)
    let backend = TestBackend(width: 120, height: 40)
    let loop = DashboardLoop(
      engine: DashboardEngine(patterns: [file], clock: clock), backend: backend, clock: clock,
      configuration: .init(themes: [ThemeLoader.builtInDefault]),
      releaseDesk: ReleaseDesk(store: store, identity: OperatorIdentity(name: "alice"), clock: clock))
    // The first poll goes to the worker; its snapshot arrives on a later step.
    _ = try loop.step()
    #expect(loop.waitForStoreWork(timeoutMs: 5000))
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(loop.state.registry?.artefacts.map(\.artefact.name) == ["summarizer"])
    // Move to v7 (the selection is on v8, the only row before telemetry).
    backend.enqueue(.key(.char("k")))
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(loop.state.selectedVersion?.version == "v7")

    // The store's writes now block: P on v7, a reason, Enter.
    store.arm()
    backend.enqueue(.key(.char("P")))
    for c in "ship it" { backend.enqueue(.key(.char(c))) }
    backend.enqueue(.key(.enter))
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(store.waitUntilBlocked())
    #expect(loop.state.statusMessage == "saving…")

    // While the worker waits in the store: frames are drawn, "saving…" is
    // on screen, and a navigation key moves the selection.
    let framesBefore = backend.frameCount
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(backend.frameText.last?.contains("saving…") == true)
    backend.enqueue(.key(.char("j")))
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(loop.state.selectedVersion?.version == "v8")
    #expect(backend.frameCount >= framesBefore + 2)
    #expect(backend.frameText.last?.contains("saving…") == true)
    #expect(try store.base.requests(artefact: "summarizer", states: [.pending], limit: 10).isEmpty)
    // A second command (P on v8) while the first is out waits behind it.
    backend.enqueue(.key(.char("P")))
    for c in "next" { backend.enqueue(.key(.char(c))) }
    backend.enqueue(.key(.enter))
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(loop.state.statusLine.storeActivities == [.saving, .saving])
    #expect(loop.state.statusMessage == "saving…")

    // The store answers both, in order: the first requested v7 (REQ-1)…
    store.release()
    #expect(loop.waitForStoreWork(timeoutMs: 5000))
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    let open = try store.base.requests(artefact: "summarizer", states: [.pending], limit: 10)
    #expect(open.map(\.version) == ["v7"])
    #expect(loop.state.statusMessage != "saving…")
    // The second, on v8 (its gates never ran), answered last: refused, and said so.
    #expect(loop.state.statusMessage?.hasPrefix("refused: summarizer v8 cannot go to production") == true)
    #expect(loop.state.statusLevel == .warn)
    #expect(loop.state.statusLine.storeActivities.isEmpty)
  }

  @Test func quittingWithAWriteOutSaysItIsUnfinished() throws {
    let clock = TestClock(start: now)
    let (store, file) = try setUp(clock)
    defer { store.release() }
    let backend = TestBackend(width: 120, height: 40)
    var configuration = DashboardLoop.Configuration(themes: [ThemeLoader.builtInDefault])
    configuration.quitWaitMs = 0
    let loop = DashboardLoop(
      engine: DashboardEngine(patterns: [file], clock: clock), backend: backend, clock: clock,
      configuration: configuration,
      releaseDesk: ReleaseDesk(store: store, identity: OperatorIdentity(name: "alice"), clock: clock))
    _ = try loop.step()
    #expect(loop.waitForStoreWork(timeoutMs: 5000))
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    store.arm()
    backend.enqueue(.key(.char("P")))
    for c in "ship it" { backend.enqueue(.key(.char(c))) }
    backend.enqueue(.key(.enter))
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(store.waitUntilBlocked())
    backend.enqueue(.key(.char("q")))
    clock.advance(milliseconds: 100)
    var exit: DashboardLoop.Exit?
    for _ in 0..<3 where exit == nil { exit = try loop.step() }
    #expect(exit == .quit)
    #expect(loop.unfinishedWritesAtExit == 1)
    #expect(backend.frameText.last?.contains("saving… (quitting once the store answers)") == true)
  }
}
