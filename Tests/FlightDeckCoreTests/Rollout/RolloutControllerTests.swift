import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// The rollout controller: rounds paced on the clock (no sleeping), every
/// running rollout stepped, measurements judged, problems reported without
/// stopping the others; on both backends (``StoreUnderTest``).
@Suite struct RolloutControllerTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let minute: Int64 = 60_000

  /// support-bot (v12 in production) with a rollout of v13: 10 %, two
  /// measurements a minute apart, 50 %, then held for a human.
  func seeded(_ backend: StoreUnderTest) throws -> any RegistryStore {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock, tier: .high)
    let plan = try RolloutPlan(
      artefact: "support-bot", canaryVersion: "v13",
      steps: [
        .setWeight(percent: 10), .analysis(intervalMs: minute, policy: AnalysisPolicy(count: 2)),
        .setWeight(percent: 50), .pauseUntilPromoted,
      ])
    _ = try store.perform(.startRollout(plan), as: F.alice)
    return store
  }

  @Test(arguments: StoreUnderTest.all) func roundsArePacedOnTheClock(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    let controller = RolloutController(
      store: store, clock: clock, intervalMs: 30_000,
      samples: try RolloutDriverTests.samples(fromMinute: 0, toMinute: 4))
    #expect(controller.millisecondsUntilDue() == 0)
    let first = try #require(controller.roundIfDue())
    #expect(first.at == clock.now())
    #expect(first.steps.map(\.artefact) == ["support-bot"])
    #expect(first.problems.isEmpty)
    // Nothing is due again until 30 s after the first round began.
    #expect(controller.roundIfDue() == nil)
    clock.advance(milliseconds: 29_999)
    #expect(controller.millisecondsUntilDue() == 1)
    #expect(controller.roundIfDue() == nil)
    clock.advance(milliseconds: 1)
    #expect(controller.roundIfDue() != nil)
    // A forced round counts as the last one.
    clock.advance(milliseconds: 10_000)
    _ = controller.round()
    clock.advance(milliseconds: 29_999)
    #expect(controller.roundIfDue() == nil)
  }

  @Test(arguments: StoreUnderTest.all) func healthyMeasurementsStepTheRolloutToFiftyPercent(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    let controller = RolloutController(
      store: store, clock: clock, intervalMs: minute,
      samples: try RolloutDriverTests.samples(fromMinute: 0, toMinute: 4))
    // At the start: a tick, no measurement due yet (the first falls one interval in).
    let start = try #require(controller.roundIfDue())
    #expect(start.steps.first?.step.verdict == nil)
    clock.advance(milliseconds: minute)
    let one = try #require(controller.roundIfDue())
    #expect(one.steps.first?.step.verdict?.outcome == .pass)
    clock.advance(milliseconds: minute)
    let two = try #require(controller.roundIfDue())
    #expect(two.steps.first?.step.verdict?.outcome == .pass)
    let rollout = try #require(two.steps.first?.step.rollout)
    #expect(rollout.state.canaryWeight == 50 && rollout.state.phase == .paused)
    // Every step is the rollout controller's in the audit log.
    let measurements = try store.auditEntries(since: nil).filter { $0.action == .rolloutMeasurement }
    #expect(measurements.count == 2)
    #expect(measurements.allSatisfy { $0.actor == SystemActor.rolloutController.rawValue })
  }

  @Test(arguments: StoreUnderTest.all) func aDegradedCanaryIsAbortedAndLeavesTheRound(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    let controller = RolloutController(
      store: store, clock: clock, intervalMs: minute,
      samples: try RolloutDriverTests.samples(fromMinute: 4, toMinute: 10))
    _ = controller.roundIfDue()
    clock.advance(milliseconds: minute)
    let measured = try #require(controller.roundIfDue())
    #expect(measured.steps.first?.step.verdict?.outcome == .fail)
    #expect(measured.steps.first?.step.rollout?.state.phase == .aborted)
    #expect(try store.snapshot().artefact("support-bot")?.canaryWeightPercent == 0)
    // An aborted rollout is finished: later rounds leave it alone and audit nothing.
    let entries = try store.auditEntries(since: nil).count
    clock.advance(milliseconds: minute)
    let after = try #require(controller.roundIfDue())
    #expect(after.steps.allSatisfy { !$0.step.changed })
    #expect(try store.auditEntries(since: nil).count == entries)
    #expect(try store.verifyAudit().isIntact)
  }

  @Test(arguments: StoreUnderTest.all) func twoControllersOnOneStoreMeasureOnce(_ backend: StoreUnderTest)
    throws
  {
    let store = try seeded(backend)
    let samples = try RolloutDriverTests.samples(fromMinute: 0, toMinute: 4)
    let a = RolloutController(store: store, clock: clock, intervalMs: minute, samples: samples)
    let b = RolloutController(store: store, clock: clock, intervalMs: minute, samples: samples)
    _ = a.roundIfDue()
    _ = b.roundIfDue()
    clock.advance(milliseconds: minute)
    let first = try #require(a.roundIfDue())
    let second = try #require(b.roundIfDue())
    #expect(first.steps.first?.step.verdict?.outcome == .pass)
    #expect(second.steps.first?.step.verdict == nil)
    let measurements = try store.auditEntries(since: nil).filter { $0.action == .rolloutMeasurement }
    #expect(measurements.count == 1)
  }
}
