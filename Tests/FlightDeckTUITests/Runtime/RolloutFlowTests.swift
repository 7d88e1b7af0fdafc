import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

/// A manual rollout abort end to end: the rollout started through the real
/// in-memory SQLite store, then `X`, a reason and Enter through the app and
/// a ``ReleaseDesk`` (the store of ``ReleaseFlowTests/seededStore()``:
/// support-agent v3 in production, v4 registered).
@Suite struct RolloutFlowTests {
  @Test func abortFromTheCanaryPane() throws {
    let flow = ReleaseFlowTests()
    let store = try flow.seededStore()
    // Weight 10 % at once, then hold until a human promotes (step 2/4).
    let plan = try RolloutPlan(
      artefact: "support-agent", canaryVersion: "v4",
      steps: [
        .setWeight(percent: 10), .pauseUntilPromoted, .setWeight(percent: 50), .setWeight(percent: 100),
      ])
    let started = try store.perform(.startRollout(plan), as: flow.alice)
    let id = try #require(started.rollout?.displayID)

    let d = AppDriver(width: 120, height: 40)
    d.releaseDesk = ReleaseDesk(store: store, identity: flow.alice, clock: flow.clock)
    d.apply(snapshot: DashboardFixture.snapshot())
    #expect(d.pollRegistry(now: flow.clock.now()))
    #expect(d.state.registry?.artefact("support-agent")?.canaryWeightPercent == 10)
    #expect(d.frame.joined().contains("rollout \(id) v4: paused step 2/4 at 10 %"))

    while d.state.focus != .canary { d.send(.tab) }
    #expect(d.state.selectedArtefact == "support-agent")
    d.send(.char("X"))
    #expect(d.frame.joined().contains("support-agent v4: abort the rollout"))
    d.send(.enter)
    #expect(d.state.dialog?.problem == "reason is required")
    d.type("p95 doubled")
    d.send(.enter)
    #expect(d.state.dialog == nil)

    // The store aborted it: weight 0, v4 marked rolled back, no rollout running.
    let entry = try #require(d.state.registry?.artefact("support-agent"))
    #expect(entry.rollout == nil)
    #expect(entry.canaryWeightPercent == 0)
    #expect(entry.versions.first { $0.label == "v4" }?.rolledBackAt != nil)
    // The Canary pane still shows the finished rollout and why it ended
    // (a manual abort: the weight it had reached, 10 %, and the human's reason).
    #expect(entry.latestRollout?.state.phase == .aborted)
    #expect(d.frame.joined().contains("rollout \(id) v4: aborted at 10 % — p95 doubled"))
    // The status line says so (the store's outcome message, in the ok style).
    #expect(d.state.statusLevel == .ok)
    let status = try #require(d.state.statusMessage)
    #expect(status.hasPrefix("support-agent \(id) (v4) aborted: p95 doubled"), "\(status)")
    #expect(d.frame[39].hasPrefix("support-agent \(id) (v4) aborted"))
    // Audited with the reason, as alice.
    let entries = try store.auditEntries(since: nil)
    #expect(
      entries.contains { $0.action == .rolloutAbort && $0.actor == "alice" && $0.reason == "p95 doubled" })
    // A second abort has nothing to act on: the key says so.
    d.send(.char("X"))
    #expect(d.state.statusMessage == "no rollout on support-agent (flightdeck rollout start …)")
  }
}
