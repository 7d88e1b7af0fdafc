import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// The publisher as controller work: a round starts when due and none runs,
/// publishes what is owed, reads targets back at the check interval, and its
/// lines are reported once.
@Suite struct RoutingControllerWorkTests {
  typealias F = RegistryFixture
  let clock = TestClock()

  /// Collects `runIfDue` lines until one arrives (bounded); the round runs in a task.
  func nextLines(_ work: RoutingControllerWork) async throws -> [String] {
    var lines: [String] = []
    for _ in 0..<500 where lines.isEmpty {
      lines += work.runIfDue()
      if lines.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
    }
    return lines
  }

  @Test func roundsArePacedOnTheClockAndReportDrift() async throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock, tier: .low)
    let folder = try F.temporaryDirectory()
    let path = folder + "/litellm.yaml"
    let publisher = RoutingPublisher(
      store: store,
      configuration: RoutingConfiguration(
        targets: [RoutingTarget(name: "gateway", kind: .litellm, path: path)], checkIntervalMs: 10_000),
      clock: clock)
    let work = RoutingControllerWork(publisher: publisher, clock: clock, pollIntervalMs: 500)
    #expect(work.workName == "routing")
    // The first round publishes the seed's two production moves (one artefact).
    #expect(try await nextLines(work) == ["claimed 1, published 1, failed 0, rewrote 1"])
    #expect(FileManager.default.fileExists(atPath: path))
    // A hand edit: the next read-back is due only at the check interval.
    try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: "weight: 100", with: "weight: 50"
    )
    .write(toFile: path, atomically: true, encoding: .utf8)
    clock.advance(milliseconds: 500)
    #expect(work.runIfDue() == [])
    try await Task.sleep(for: .milliseconds(100))
    #expect(work.runIfDue() == [])
    clock.advance(milliseconds: 9_500)
    #expect(
      try await nextLines(work) == [
        "gateway drifted: support-bot v12: the file says 50 %, FlightDeck says 100 %"
      ])
    #expect(try store.routingTargets().first?.condition == .drifted)
    // The same drift at the next read-back is not logged again (issue 16: the
    // demo logged it every 2 s). The round runs (and finishes) before the next
    // one starts, so a line of its own would come first below.
    clock.advance(milliseconds: 10_000)
    #expect(work.runIfDue() == [])
    try await Task.sleep(for: .milliseconds(200))
    #expect(work.runIfDue() == [])
    // Set right by hand: logged once, as back in sync.
    try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: "weight: 50", with: "weight: 100"
    )
    .write(toFile: path, atomically: true, encoding: .utf8)
    clock.advance(milliseconds: 10_000)
    #expect(try await nextLines(work) == ["gateway in sync"])
  }
}
