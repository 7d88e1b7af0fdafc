import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// The run loop on a replay's desk (``ReleaseDesk/replaying(_:identity:clock:)``):
/// the rendered screen shows the registry and the incident queue as they
/// stood at the replay clock, and what happened later appears only when the
/// clock reaches it.
@Suite struct DashboardLoopReplayTests {
  /// 2025-06-01T00:10:00Z plus `seconds`.
  static func at(_ seconds: Int64) -> Timestamp {
    Timestamp(millisecondsSinceEpoch: 1_748_736_600_000 + seconds * 1000)
  }

  @Test func theScreenShowsThePastOnly() throws {
    // The history: summarizer v7 in staging at 0 s, v8 in staging at 60 s,
    // INC-1 opened at 120 s.
    let clock = TestClock(start: Self.at(0))
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
    let staging = try PointerName("staging")
    _ = try store.perform(
      .requestPromotion(
        artefact: "summarizer", version: "v7", target: staging, reason: "a", expectedFrom: nil),
      as: admin)
    clock.set(Self.at(60))
    _ = try store.perform(
      .requestPromotion(
        artefact: "summarizer", version: "v8", target: staging, reason: "b", expectedFrom: "v7"),
      as: admin)
    clock.set(Self.at(120))
    _ = try store.perform(
      .openIncident(
        title: "summaries truncated", severity: .sev2, commander: nil,
        links: IncidentLinks(artefacts: ["summarizer"]), source: .manual), as: admin)

    // The replay, from 30 s.
    let replay = TestClock(start: Self.at(30))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-replay-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("t.jsonl")
    try "".write(to: file, atomically: true, encoding: .utf8)
    let backend = TestBackend(width: 120, height: 40)
    let loop = DashboardLoop(
      engine: DashboardEngine(patterns: [file.path], clock: replay), backend: backend, clock: replay,
      configuration: .init(themes: [ThemeLoader.builtInDefault], symbols: .ascii, readOnly: true),
      releaseDesk: try ReleaseDesk.replaying(
        store, identity: OperatorIdentity(name: "auditor"), clock: replay),
      storeWork: .inline)
    _ = try loop.step()
    var text = backend.frameText.joined(separator: "\n")
    #expect(loop.state.registry?.artefact("summarizer")?.pointers[staging] == "v7")
    #expect(text.contains("No incidents") && !text.contains("INC-1"))

    replay.set(Self.at(90))
    _ = try loop.step()
    #expect(loop.state.registry?.artefact("summarizer")?.pointers[staging] == "v8")
    text = backend.frameText.joined(separator: "\n")
    #expect(text.contains("No incidents") && !text.contains("INC-1"))

    replay.set(Self.at(125))
    _ = try loop.step()
    _ = try loop.step()
    text = backend.frameText.joined(separator: "\n")
    #expect(text.contains("INC-1") && !text.contains("No incidents"))
  }
}
