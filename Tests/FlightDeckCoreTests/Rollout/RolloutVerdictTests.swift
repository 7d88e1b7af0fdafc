import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// The last verdict kept with a rollout: the measurement event carries the
/// judge's verdict, the state keeps it (also after an abort), the store
/// persists it, and the snapshot still shows the finished rollout.
@Suite struct RolloutVerdictTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let scratch = RegistryScratch()
  let minute: Int64 = 60_000

  @Test("an aborting measurement keeps the judge's verdict, and it survives a store reopen")
  func verdictSurvivesAbortAndReopen() throws {
    let path = try scratch.directory() + "/registry.sqlite"
    let store = try SQLiteRegistryStore.create(path: path, clock: clock, actor: F.alice)
    try F.seed(store, clock: clock, tier: .high)
    let plan = try RolloutPlan(
      artefact: "support-bot", canaryVersion: "v13",
      steps: [.setWeight(percent: 10), .analysis(intervalMs: minute, policy: AnalysisPolicy(count: 2))])
    _ = try store.perform(.startRollout(plan), as: F.alice)
    let driver = RolloutDriver(
      artefact: "support-bot", store: store, actor: OperatorIdentity(name: "driver"),
      samples: try RolloutDriverTests.samples(fromMinute: 4, toMinute: 10))
    clock.advance(milliseconds: minute)
    let takenAt = clock.now()
    let measured = try driver.step()
    let judged = try #require(measured.verdict)
    #expect(judged.outcome == .fail)

    let reopened = try SQLiteRegistryStore(path: path, clock: clock)
    let bot = try #require(try reopened.snapshot().artefact("support-bot"))
    // Aborted, so no longer the unfinished rollout — but still the latest one.
    #expect(bot.rollout == nil)
    let latest = try #require(bot.latestRollout)
    #expect(latest.state.phase == .aborted && latest.displayID == "RO-1")
    let last = try #require(latest.state.lastVerdict)
    #expect(last.measurement == .fail)
    // The whole verdict (versions, score, groups, every metric's reason) as the
    // driver's judge returned it, taken at step 2 (index 1) at 10 %.
    #expect(last.verdict == judged)
    #expect(last.verdict?.baselineVersion == "v12" && last.verdict?.canaryVersion == "v13")
    #expect(last.takenAt == takenAt && last.stepIndex == 1 && last.canaryWeight == 10)
    #expect(last.verdict?.metrics.contains { $0.classification.isFailure } == true)
    // The audit entry keeps the gist: the outcome and the failing reasons.
    let entry = try #require(try reopened.auditEntries(since: nil).last { $0.action == .rolloutMeasurement })
    #expect(entry.after?.contains(#""verdict":"fail""#) == true)
    let firstFailing = try #require(judged.metrics.first { $0.classification.isFailure })
    #expect(
      entry.after?.contains(#""failing":["# + CanonicalJSON.encode(.string(firstFailing.reason))) == true)
    #expect(try reopened.verifyAudit().isIntact)
  }

  @Test(
    "a measurement without a verdict (judge error) is kept as such; a state stored before lastVerdict decodes"
  )
  func errorMeasurementAndOldRows() throws {
    let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)
    let plan = try RolloutPlan(
      artefact: "bot", canaryVersion: "v2",
      steps: [.setWeight(percent: 5), .analysis(intervalMs: minute, policy: AnalysisPolicy(count: 3))])
    var (state, _) = RolloutState.start(plan, at: t0)
    #expect(state.lastVerdict == nil)
    // A state encoded before the field existed has no "lastVerdict" key.
    let old = try JSONEncoder().encode(state)
    #expect(!String(decoding: old, as: UTF8.self).contains("lastVerdict"))
    #expect(try JSONDecoder().decode(RolloutState.self, from: old) == state)

    let due = t0.adding(milliseconds: minute)
    #expect(try state.handle(.tick, at: due) == [.measure])
    _ = try state.handle(.measurement(.error), at: due)
    #expect(
      state.lastVerdict
        == RolloutVerdict(measurement: .error, verdict: nil, takenAt: due, stepIndex: 1, canaryWeight: 5))
    let round = try JSONDecoder().decode(RolloutState.self, from: try JSONEncoder().encode(state))
    #expect(round.lastVerdict == state.lastVerdict)
  }

  @Test("a verdict with a non-finite number is left out, so the state stays storable")
  func nonFiniteVerdictIsDropped() throws {
    let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)
    let finite = CanaryVerdict(
      outcome: .pass, score: 100, groups: [], metrics: [], summary: "pass", baselineVersion: "v1",
      canaryVersion: "v2")
    var broken = finite
    broken.score = .infinity
    let kept = RolloutVerdict(measurement: .pass, verdict: finite, takenAt: t0, stepIndex: 0, canaryWeight: 5)
    let dropped = RolloutVerdict(
      measurement: .pass, verdict: broken, takenAt: t0, stepIndex: 0, canaryWeight: 5)
    #expect(kept.verdict == finite)
    #expect(dropped.verdict == nil && dropped.measurement == .pass)
    _ = try JSONEncoder().encode(dropped)
  }
}
