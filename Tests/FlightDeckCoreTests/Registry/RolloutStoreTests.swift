import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// Rollouts in the store: start, timed ticks, abort, promote (with gates and
/// approvals), pause/resume, measurements, restart-safety across two store
/// instances on one file, and refusals.
@Suite struct RolloutStoreTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let scratch = RegistryScratch()
  let minute: Int64 = 60_000

  /// support-bot at `tier` with v11, v12 (production) and v13 (the canary to roll out).
  func seeded(_ backend: StoreUnderTest, tier: RiskTier = .high) throws -> any RegistryStore {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock, tier: tier)
    return store
  }

  /// 5 → 25 → 50 → 100 % with a 10-minute pause after each of the first three:
  /// [weight 5, pause, weight 25, pause, weight 50, pause, weight 100] (7 steps).
  func plan(version: String = "v13") throws -> RolloutPlan {
    try RolloutPlan(
      artefact: "support-bot", canaryVersion: version,
      steps: RolloutPlan.steps(weights: [5, 25, 50, 100], pauseMs: 10 * minute))
  }

  func bot(_ store: any RegistryStore) throws -> RegisteredArtefact {
    try #require(try store.snapshot().artefact("support-bot"))
  }

  func tick(_ store: any RegistryStore) throws -> RegistryOutcome {
    try store.perform(.rolloutEvent(artefact: "support-bot", event: .tick), as: F.alice)
  }

  @Test(arguments: StoreUnderTest.all) func startSetsTheCanaryPointerAndFirstWeightAudited(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    let before = try store.auditEntries(since: nil).count
    clock.advance(milliseconds: 1000)
    let t0 = clock.now()
    let out = try store.perform(.startRollout(try plan()), as: F.alice)
    #expect(out.rolloutEffects == [.setCanaryWeight(5)])
    #expect(!out.measurementDue)
    let record = try #require(out.rollout)
    #expect(record.id == 1 && record.startedBy == "alice" && record.startedAt == t0 && record.updatedAt == t0)
    // Step 1 (weight 5) is instantaneous; step 2 is the 10-minute pause.
    #expect(record.state.phase == .paused && record.state.stepIndex == 1 && record.state.canaryWeight == 5)
    let until = t0.adding(milliseconds: 600_000).rfc3339
    #expect(record.state.message == "step 2/7: paused at 5 % until \(until)")
    #expect(
      out.message
        == "support-bot RO-1 (v13) paused: step 2/7: paused at 5 % until \(until) — started; support-bot canary none → v13; canary weight 0% → 5%"
    )

    let bot = try bot(store)
    #expect(bot.canaryWeightPercent == 5 && bot.pointers[.canary] == "v13")
    #expect(bot.rollout == record)
    #expect(try store.rollouts(artefact: "support-bot") == [record])
    #expect(try store.rollouts(artefact: nil) == [record])

    // Three entries: rollout.start, then the pointer move and the weight, as
    // `setCanaryWeight` and a canary assignment audit them.
    let entries = Array(try store.auditEntries(since: nil).dropFirst(before))
    #expect(entries.map(\.action) == [.rolloutStart, .pointerMove, .canaryWeight])
    #expect(entries.map(\.subject) == ["support-bot:RO-1", "support-bot:canary", "support-bot"])
    #expect(entries[0].before == nil)
    #expect(
      entries[0].after
        == #"{"phase":"paused","plan":["weight 5 %","pause 10m","weight 25 %","pause 10m","weight 50 %","pause 10m","weight 100 %"],"step":2,"steps":7,"version":"v13","weight":5}"#
    )
    #expect(entries[1].after == #"{"version":"v13"}"# && entries[1].before == nil)
    #expect(entries[2].before == #"{"weight":0}"# && entries[2].after == #"{"weight":5}"#)
    #expect(entries.allSatisfy { $0.actor == "alice" })
    #expect(try store.pointerHistory(artefact: "support-bot", pointer: .canary).map(\.cause) == [.assignment])
    #expect(try store.verifyAudit().isIntact)
  }

  @Test(arguments: StoreUnderTest.all) func tickBeforeThePauseEndsChangesNothingAndAfterItStepsUp(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    let t0 = clock.now()
    _ = try store.perform(.startRollout(try plan()), as: F.alice)
    let entries = try store.auditEntries(since: nil)

    clock.advance(milliseconds: 600_000 - 1)
    let early = try tick(store)
    #expect(!early.changed && early.rolloutEffects.isEmpty)
    #expect(try store.auditEntries(since: nil) == entries)
    #expect(try store.rollouts(artefact: "support-bot")[0].updatedAt == t0)

    // At exactly 10 minutes the pause ends: weight 25, then the second pause (step 4).
    clock.advance(milliseconds: 1)
    let due = try tick(store)
    #expect(due.rolloutEffects == [.setCanaryWeight(25)])
    let state = try #require(due.rollout?.state)
    #expect(state.phase == .paused && state.stepIndex == 3 && state.canaryWeight == 25)
    #expect(due.rollout?.updatedAt == t0.adding(milliseconds: 600_000))
    let new = Array(try store.auditEntries(since: nil).dropFirst(entries.count))
    #expect(new.map(\.action) == [.rolloutTick, .canaryWeight])
    #expect(new[0].before == #"{"phase":"paused","step":2,"steps":7,"weight":5}"#)
    #expect(new[0].after == #"{"phase":"paused","step":4,"steps":7,"weight":25}"#)
    #expect(new[1].before == #"{"weight":5}"# && new[1].after == #"{"weight":25}"#)
    #expect(try bot(store).canaryWeightPercent == 25)
  }

  @Test(arguments: StoreUnderTest.all) func abortSetsWeightZeroMarksRolledBackAndAudits(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    _ = try store.perform(.startRollout(try plan()), as: F.alice)
    clock.advance(milliseconds: 5000)
    let count = try store.auditEntries(since: nil).count
    let out = try store.perform(
      .rolloutEvent(artefact: "support-bot", event: .abort(reason: "p95 up 40 %")), as: F.bob)
    #expect(out.rolloutEffects == [.setCanaryWeight(0), .markRolledBack(reason: "p95 up 40 %")])
    #expect(out.rollout?.state.phase == .aborted && out.rollout?.state.message == "aborted: p95 up 40 %")

    let bot = try bot(store)
    #expect(bot.canaryWeightPercent == 0)
    #expect(bot.versions.first { $0.label == "v13" }?.rolledBackAt == clock.now())
    // Finished: no longer the artefact's running rollout, still in the list.
    #expect(bot.rollout == nil)
    #expect(try store.rollouts(artefact: "support-bot").map(\.state.phase) == [.aborted])

    let new = Array(try store.auditEntries(since: nil).dropFirst(count))
    #expect(new.map(\.action) == [.rolloutAbort, .canaryWeight])
    #expect(new[0].actor == "bob" && new[0].reason == "p95 up 40 %")
    #expect(new[0].after == #"{"phase":"aborted","step":2,"steps":7,"weight":0}"#)
    #expect(new[1].before == #"{"weight":5}"# && new[1].after == #"{"weight":0}"#)

    // Aborted is final for events other than retry.
    try F.expectRefusal(
      store, .rolloutEvent(artefact: "support-bot", event: .pause), as: F.bob, .notApplicable)
    // Retry starts again at step 1: weight 5, the version no longer rolled back.
    let retry = try store.perform(.rolloutEvent(artefact: "support-bot", event: .retry), as: F.bob)
    #expect(retry.rolloutEffects == [.setCanaryWeight(5)])
    #expect(try self.bot(store).versions.first { $0.label == "v13" }?.rolledBackAt == nil)
    #expect(try self.bot(store).rollout?.state.phase == .paused)
    #expect(try store.auditEntries(since: nil).suffix(2).map(\.action) == [.rolloutRetry, .canaryWeight])
    #expect(try store.verifyAudit().isIntact)
  }

  @Test(arguments: StoreUnderTest.all) func promoteFullAsksForApprovalAndHoldsUntilProductionMoves(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    try F.passGates(store, "support-bot", ["v13"], tier: .high)
    _ = try store.perform(.startRollout(try plan()), as: F.alice)
    let out = try store.perform(
      .rolloutEvent(artefact: "support-bot", event: .promote(full: true)), as: F.alice)
    // High tier: the production request needs 2 approvals. Until then the
    // rollout holds where it was (5 %): no traffic goes to 100 % on an
    // unapproved version.
    let request = try #require(out.request)
    #expect(request.state == .pending && request.target == .production && request.version == "v13")
    #expect(request.fromVersion == "v12" && request.requester == "alice")
    #expect(out.rolloutEffects.isEmpty)
    #expect(out.rollout?.state.phase == .paused && out.rollout?.state.canaryWeight == 5)
    #expect(
      out.rollout?.state.message.hasPrefix("awaiting approval of \(request.displayID) (needs 2 approvals)")
        == true)
    var bot = try bot(store)
    #expect(bot.pointers[.production] == "v12" && bot.canaryWeightPercent == 5 && bot.rollout != nil)
    #expect(
      try store.auditEntries(since: nil).suffix(2).map(\.action) == [.requestCreate, .rolloutPause])
    // A second promote while waiting does not ask twice.
    let again = try store.perform(
      .rolloutEvent(artefact: "support-bot", event: .resume), as: F.alice)
    #expect(again.rollout?.state.phase == .paused)
    #expect(try store.requests(artefact: "support-bot", states: [.pending], limit: 10).count == 1)
    // Bob and carol approve it through the normal path: production moves, and
    // the next tick completes the rollout (promoted), with no traffic change.
    _ = try store.perform(.approve(requestID: request.id, comment: "ok"), as: F.bob)
    _ = try store.perform(.approve(requestID: request.id, comment: "ok"), as: F.carol)
    bot = try self.bot(store)
    #expect(bot.pointers[.production] == "v13")
    let done = try tick(store)
    #expect(done.rollout?.state.phase == .promoted)
    #expect(
      done.rollout?.state.message.hasPrefix("promoted: production moved to v13 (\(request.displayID))")
        == true)
    #expect(try self.bot(store).rollout == nil)
  }

  @Test(arguments: StoreUnderTest.all) func aPlanThatStartsAt100PercentIsRefusedAsAPromotion(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    try F.passGates(store, "support-bot", ["v13"], tier: .high)
    let straight = try RolloutPlan(
      artefact: "support-bot", canaryVersion: "v13", steps: RolloutPlan.steps(weights: [100], pauseMs: minute)
    )
    let message = try F.expectRefusal(store, .startRollout(straight), as: F.alice, .notApplicable)
    #expect(message.contains("reaches 100 % at its start"))
    // Nothing moved: no rollout, weight and production as they were.
    let bot = try bot(store)
    #expect(bot.rollout == nil && bot.pointers[.production] == "v12" && bot.canaryWeightPercent == 0)
  }

  @Test(arguments: StoreUnderTest.all) func aRejectedPromotionLeavesTheRolloutHeldAndAbortable(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    try F.passGates(store, "support-bot", ["v13"], tier: .high)
    _ = try store.perform(.startRollout(try plan()), as: F.alice)
    let out = try store.perform(
      .rolloutEvent(artefact: "support-bot", event: .promote(full: true)), as: F.alice)
    let request = try #require(out.request)
    _ = try store.perform(.reject(requestID: request.id, comment: "not yet"), as: F.bob)
    let aborted = try store.perform(
      .rolloutEvent(artefact: "support-bot", event: .abort(reason: "REQ rejected")), as: F.alice)
    #expect(aborted.rollout?.state.phase == .aborted)
    #expect(try bot(store).canaryWeightPercent == 0 && bot(store).pointers[.production] == "v12")
  }

  @Test(arguments: StoreUnderTest.all) func aRolloutWhoseVersionReachedProductionElsewhereCompletes(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend, tier: .low)
    try F.passGates(store, "support-bot", ["v13"], tier: .low)
    _ = try store.perform(.startRollout(try plan()), as: F.alice)
    // Promoted outside the rollout (low tier: applied at once).
    _ = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .production, reason: "hotfix", expectedFrom: nil),
      as: F.bob)
    let done = try tick(store)
    #expect(done.rollout?.state.phase == .promoted)
    #expect(done.rollout?.state.message.hasPrefix("promoted: production moved to v13") == true)
    #expect(try store.auditEntries(since: nil).last?.action == .rolloutTick)
  }

  @Test(arguments: StoreUnderTest.all) func promoteOnALowTierAppliesAtOnceAndUngatedIsRefused(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend, tier: .low)
    _ = try store.perform(.startRollout(try plan()), as: F.alice)
    // v13 never ran its gates: the promotion (and with it the whole event) is refused.
    let message = try F.expectRefusal(
      store, .rolloutEvent(artefact: "support-bot", event: .promote(full: true)), as: F.alice,
      .gatesNotPassed(["gates never ran for support-bot v13"]))
    #expect(message.contains("cannot go to production"))
    try F.passGates(store, "support-bot", ["v13"], tier: .low)
    let out = try store.perform(
      .rolloutEvent(artefact: "support-bot", event: .promote(full: true)), as: F.alice)
    #expect(out.request?.state == .applied)
    #expect(try bot(store).pointers[.production] == "v13")
    #expect(out.moves.map(\.pointer) == [.production])
  }

  @Test(arguments: StoreUnderTest.all)
  func theClockHoldsBeforeAnUngatedProductionPromotionAndAnOverrideGoesThrough(_ backend: StoreUnderTest)
    throws
  {
    let store = try seeded(backend, tier: .low)
    let twoSteps = try RolloutPlan(
      artefact: "support-bot", canaryVersion: "v13",
      steps: RolloutPlan.steps(weights: [50, 100], pauseMs: 10 * minute))
    _ = try store.perform(.startRollout(twoSteps), as: F.alice)
    clock.advance(milliseconds: 10 * minute)
    // The pause is over and the next step would go to production, which v13's
    // (never run) gates forbid: the tick holds the rollout at 50 % instead of
    // failing on every tick.
    let held = try tick(store)
    #expect(held.rolloutEffects.isEmpty && held.request == nil)
    #expect(held.rollout?.state.phase == .paused && held.rollout?.state.canaryWeight == 50)
    #expect(held.rollout?.state.message.hasPrefix("held before production: gates never ran") == true)
    #expect(try bot(store).pointers[.production] == "v12" && bot(store).canaryWeightPercent == 50)
    #expect(try store.auditEntries(since: nil).last?.action == .rolloutPause)
    // Further ticks change nothing while it is held.
    clock.advance(milliseconds: minute)
    #expect(try tick(store).rolloutEffects.isEmpty)
    // A human's promote without an override is refused, with the way out named.
    let message = try F.expectRefusal(
      store, .rolloutEvent(artefact: "support-bot", event: .promote(full: true)), as: F.alice,
      .gatesNotPassed(["gates never ran for support-bot v13"]))
    #expect(message.contains("--override"))
    // With an override: 100 %, the request (low tier: applied at once) carries the reason.
    let out = try store.perform(
      .rolloutEvent(
        artefact: "support-bot", event: .promote(full: true, gateOverride: "evals ran offline, INC-7 hotfix")),
      as: F.alice)
    #expect(out.rollout?.state.phase == .promoted)
    #expect(out.request?.state == .applied && out.request?.gateOverride == "evals ran offline, INC-7 hotfix")
    #expect(try bot(store).pointers[.production] == "v13")
    let promote = try #require(try store.auditEntries(since: nil).last { $0.action == .rolloutPromote })
    #expect(promote.reason.contains("gates overridden: evals ran offline, INC-7 hotfix"))
    #expect(try store.verifyAudit().isIntact)
  }

  @Test(arguments: StoreUnderTest.all) func promoteNextStepSkipsThePause(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    _ = try store.perform(.startRollout(try plan()), as: F.alice)
    clock.advance(milliseconds: 1000)
    let out = try store.perform(
      .rolloutEvent(artefact: "support-bot", event: .promote(full: false)), as: F.bob)
    // Out of the pause (step 2) into weight 25 (step 3), then the next pause (step 4).
    #expect(out.rolloutEffects == [.setCanaryWeight(25)])
    #expect(out.rollout?.state.stepIndex == 3 && out.request == nil)
    #expect(try bot(store).canaryWeightPercent == 25)
  }

  @Test(arguments: StoreUnderTest.all) func aHumansReasonForAStepOrARetryLeadsTheAuditEntry(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    _ = try store.perform(.startRollout(try plan()), as: F.alice)
    clock.advance(milliseconds: 1000)
    _ = try store.perform(
      .rolloutEvent(artefact: "support-bot", event: .promote(full: false), reason: "  judge stuck on p95 "),
      as: F.bob)
    let step = try #require(try store.auditEntries(since: nil).last { $0.action == .rolloutPromote })
    // Step index 3 of 7: the pause after weight 25 %.
    let message = try #require(try bot(store).rollout?.state.message)
    #expect(step.actor == "bob" && step.reason == "judge stuck on p95 — promote: " + message)
    _ = try store.perform(.rolloutEvent(artefact: "support-bot", event: .abort(reason: "p95 up")), as: F.bob)
    _ = try store.perform(
      .rolloutEvent(artefact: "support-bot", event: .retry, reason: "judge flaked"), as: F.bob)
    let retry = try #require(try store.auditEntries(since: nil).last { $0.action == .rolloutRetry })
    #expect(retry.reason.hasPrefix("judge flaked — "))
    // Without a reason the entry keeps the state machine's message alone.
    _ = try store.perform(.rolloutEvent(artefact: "support-bot", event: .promote(full: false)), as: F.bob)
    let plain = try #require(try store.auditEntries(since: nil).last { $0.action == .rolloutPromote })
    #expect(plain.reason.hasPrefix("promote: "))
    #expect(try store.verifyAudit().isIntact)
  }

  @Test(arguments: StoreUnderTest.all) func pauseHoldsTheClockAndResumeMovesTheDeadline(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    _ = try store.perform(.startRollout(try plan()), as: F.alice)
    clock.advance(milliseconds: 4 * minute)
    let paused = try store.perform(.rolloutEvent(artefact: "support-bot", event: .pause), as: F.bob)
    #expect(paused.changed && paused.rolloutEffects.isEmpty)
    #expect(try store.auditEntries(since: nil).last?.action == .rolloutPause)
    // Paused by a human: the 10-minute deadline passes without effect.
    clock.advance(milliseconds: 20 * minute)
    let held = try tick(store)
    #expect(!held.changed && held.rollout?.state.canaryWeight == 5)
    try F.expectRefusal(
      store, .rolloutEvent(artefact: "support-bot", event: .pause), as: F.bob, .notApplicable)
    // Resumed at 24 min after 20 min held: the pause now ends at 10 + 20 = 30 min.
    let resumed = try store.perform(.rolloutEvent(artefact: "support-bot", event: .resume), as: F.bob)
    #expect(resumed.rolloutEffects.isEmpty && resumed.rollout?.state.phase == .paused)
    #expect(try store.auditEntries(since: nil).last?.action == .rolloutResume)
    clock.advance(milliseconds: 6 * minute - 1)
    #expect(try tick(store).rolloutEffects.isEmpty)
    clock.advance(milliseconds: 1)
    #expect(try tick(store).rolloutEffects == [.setCanaryWeight(25)])
  }

  @Test(arguments: StoreUnderTest.all) func analysisAsksForAMeasurementAndAFailAborts(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    // [weight 5, pause 1m, analysis every 1m × 1, weight 100]
    let steps = try RolloutPlan.steps(
      weights: [5, 100], pauseMs: minute, analysis: (intervalMs: minute, policy: AnalysisPolicy(count: 1)))
    _ = try store.perform(
      .startRollout(try RolloutPlan(artefact: "support-bot", canaryVersion: "v13", steps: steps)), as: F.alice
    )
    // At 1 min the pause ends and the analysis starts; its first measurement is due at 2 min.
    clock.advance(milliseconds: minute)
    let entering = try tick(store)
    #expect(entering.changed && entering.rollout?.state.phase == .analysing && !entering.measurementDue)
    try F.expectRefusal(
      store, .rolloutEvent(artefact: "support-bot", event: .measurement(.pass)), as: F.alice, .notApplicable)
    clock.advance(milliseconds: minute)
    let due = try tick(store)
    #expect(due.measurementDue && due.rolloutEffects == [.measure])
    #expect(due.message.hasSuffix("— measurement due"))
    // A second tick while the measurement is outstanding changes nothing.
    #expect(!(try tick(store).changed))
    let failed = try store.perform(
      .rolloutEvent(artefact: "support-bot", event: .measurement(.fail)), as: F.alice)
    #expect(failed.rollout?.state.phase == .aborted)
    #expect(failed.rolloutEffects.first == .setCanaryWeight(0))
    let entry = try #require(try store.auditEntries(since: nil).suffix(2).first)
    #expect(entry.action == .rolloutMeasurement)
    #expect(entry.after == #"{"measurement":"fail","phase":"aborted","step":3,"steps":4,"weight":0}"#)
    #expect(try bot(store).canaryWeightPercent == 0)
  }

  @Test func aRestartedStoreContinuesAtTheSameStep() throws {
    let path = try scratch.directory() + "/registry.sqlite"
    let a = try SQLiteRegistryStore.create(path: path, clock: clock, actor: F.alice)
    try F.seed(a, clock: clock)
    let t0 = clock.now()
    _ = try a.perform(.startRollout(try plan()), as: F.alice)
    clock.advance(milliseconds: 600_000)
    // Another process (B) opens the same file and ticks: the pause started at
    // t0 in A, so it has ended and B moves on to weight 25.
    let b = try SQLiteRegistryStore(path: path, clock: clock)
    #expect(try b.snapshot().artefact("support-bot")?.rollout?.state.stepIndex == 1)
    let out = try b.perform(.rolloutEvent(artefact: "support-bot", event: .tick), as: F.bob)
    #expect(out.rolloutEffects == [.setCanaryWeight(25)])
    #expect(out.rollout?.state.stepIndex == 3 && out.rollout?.startedAt == t0)
    #expect(try a.snapshot().artefact("support-bot")?.canaryWeightPercent == 25)
    #expect(try a.verifyAudit().isIntact)
  }

  @Test(arguments: StoreUnderTest.all) func refusals(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    try F.expectRefusal(
      store, .rolloutEvent(artefact: "support-bot", event: .tick), as: F.alice, .notFound)
    try F.expectRefusal(store, .startRollout(try plan(version: "v99")), as: F.alice, .notFound)
    let inProduction = try F.expectRefusal(
      store, .startRollout(try plan(version: "v12")), as: F.alice, .notApplicable)
    #expect(
      inProduction == "support-bot v12 is already in production; a rollout needs a different canary version")
    let unknown = try RolloutPlan(artefact: "nobody", canaryVersion: "v1", steps: [.setWeight(percent: 5)])
    try F.expectRefusal(store, .startRollout(unknown), as: F.alice, .notFound)
    _ = try store.perform(.startRollout(try plan()), as: F.alice)
    let second = try F.expectRefusal(
      store, .startRollout(try plan(version: "v11")), as: F.alice, .alreadyExists)
    #expect(
      second == "support-bot already has a rollout running (RO-1 of v13, paused); promote or abort it first")
    try F.expectRefusal(
      store, .rolloutEvent(artefact: "support-bot", event: .resume), as: F.alice, .notApplicable)
  }
}
