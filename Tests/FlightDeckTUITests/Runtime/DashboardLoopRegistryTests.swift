import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// The run loop with a ``ReleaseDesk``: it polls the registry each step (at
/// most every 500 ms), shows another operator's change without a key press,
/// and carries out registry keys through the desk.
@Suite struct DashboardLoopRegistryTests {
  let now = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  func makeFile() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-loopreg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("t.jsonl")
    let line = TelemetryRecord(
      timestamp: now.adding(milliseconds: -5000), requestID: "r", artefact: "summarizer", kind: .model,
      version: "v7", route: .stable, latencyMs: 250, inputTokens: 10, outputTokens: 5, costUSD: 0.001,
      status: .ok
    ).jsonLine
    try (line + "\n").write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test func pollsTheDeskAndRunsRegistryKeys() throws {
    let clock = TestClock(start: now)
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let admin = OperatorIdentity(name: "admin")
    _ = try store.perform(
      .registerArtefact(name: "summarizer", kind: .model, owner: "", riskTier: .medium, description: ""),
      as: admin)
    for label in ["v7", "v8"] {
      _ = try store.perform(
        .registerVersion(artefact: "summarizer", label: label, source: nil, tags: [:], description: ""),
        as: admin)
    }
    // v7 passed its evaluation gates (the demo's figures meet every tier's
    // defaults), so the P dialog's production request below is not refused.
    let gates = GateCheck.evaluate(
      policy: .standard, tier: .medium,
      results: [DemoRegistrySeed.demoEvaluation(artefact: "summarizer", version: "v7")])
    _ = try store.perform(.recordGateResults(artefact: "summarizer", version: "v7", report: gates), as: admin)
    let backend = TestBackend(width: 120, height: 40)
    let loop = DashboardLoop(
      engine: DashboardEngine(patterns: [try makeFile().path], clock: clock), backend: backend, clock: clock,
      configuration: .init(themes: [ThemeLoader.builtInDefault], symbols: .ascii),
      releaseDesk: ReleaseDesk(store: store, identity: OperatorIdentity(name: "alice"), clock: clock),
      storeWork: .inline)
    _ = try loop.step()
    #expect(loop.state.registry?.artefacts.map(\.artefact.name) == ["summarizer"])
    // v7 seen and registered (no flag); v8 registered, newest, idle.
    var text = backend.frameText.joined(separator: "\n")
    #expect(text.contains("idle"))
    #expect(!text.contains("? v7"))

    // Bob points staging at v8 from another desk (no approvals for non-production pointers).
    let bob = ReleaseDesk(store: store, identity: OperatorIdentity(name: "bob"), clock: clock)
    _ = try bob.perform(
      .requestPromotion(
        artefact: "summarizer", version: "v8", target: PointerName("staging"), reason: "try",
        expectedFrom: nil)
    ).get()
    clock.advance(milliseconds: 499)
    _ = try loop.step()
    #expect(loop.state.registry?.artefact("summarizer")?.pointers.count == 0)
    clock.advance(milliseconds: 1)
    _ = try loop.step()
    #expect(loop.state.registry?.artefact("summarizer")?.pointers[try PointerName("staging")] == "v8")
    text = backend.frameText.joined(separator: "\n")
    #expect(text.contains("staging"))

    // Alice requests production for v7 with P (medium tier: pending, 0/1).
    // The selection stayed on v8, the only row before telemetry arrived: move up to v7.
    #expect(loop.state.selectedVersion?.version == "v8")
    backend.enqueue(.key(.char("k")))
    backend.enqueue(.key(.char("P")))
    for c in "ship it" { backend.enqueue(.key(.char(c))) }
    backend.enqueue(.key(.enter))
    _ = try loop.step()
    let open = try store.requests(artefact: "summarizer", states: [.pending], limit: 10)
    #expect(open.map(\.version) == ["v7"])
    #expect(open.first?.requester == "alice")
    #expect(loop.state.statusLevel == .ok)
    clock.advance(milliseconds: 100)
    _ = try loop.step()
    #expect(backend.frameText.joined(separator: "\n").contains("\(open.first?.displayID ?? "?") 0/1"))
  }
}
