import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// Alert state in the registry store: transitions recorded once across two
/// processes, audited firing/resolved, acknowledgements, silences, and a
/// firing alert restored after a store reopen with its start time.
@Suite struct AlertPersistenceTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let scratch = RegistryScratch()
  let second: Int64 = 1000

  func rule() throws -> AlertRule {
    AlertRule(
      name: "CanaryErrors", group: "canary",
      expression: try AlertExpressionParser.parse(#"error_rate{route="canary"} > 0.05"#), forMs: 30 * second,
      labels: ["severity": "page"])
  }

  func source(_ rate: Double) -> TableAlertSource {
    var s = TableAlertSource()
    s.set(.errorRate, "support-bot", rate)
    return s
  }

  /// Evaluates at now + `after` s and records the transitions as `system`.
  func step(_ e: inout AlertEvaluator, _ store: any RegistryStore, after: Int64, rate: Double) throws {
    clock.advance(milliseconds: after * second)
    let ts = e.evaluate(at: clock.now(), source: source(rate))
    if !ts.isEmpty {
      _ = try store.perform(.recordAlertTransitions(ts), as: OperatorIdentity(name: "system"))
    }
  }

  @Test(arguments: StoreUnderTest.all) func firingAndResolvedAreAuditedPendingIsNot(_ backend: StoreUnderTest)
    throws
  {
    let store = try backend.make(clock: clock)
    var e = AlertEvaluator(rules: [try rule()])
    try step(&e, store, after: 0, rate: 0.2)
    #expect(try store.alertInstances().map(\.state) == [.pending])
    #expect(try store.auditEntries(since: nil).isEmpty)
    try step(&e, store, after: 30, rate: 0.2)
    try step(&e, store, after: 15, rate: 0.0)
    let audit = try store.auditEntries(since: nil)
    #expect(audit.map(\.action) == [.alertFiring, .alertResolved])
    #expect(audit[0].after?.contains(#""alert":"CanaryErrors""#) == true)
    #expect(audit[0].after?.contains(#""severity":"page""#) == true)
    #expect(audit[0].after?.contains(#""value":"0.2""#) == true)
    #expect(audit[0].after?.contains(#""artefact":"support-bot""#) == true)
    #expect(try store.alertInstances().map(\.state) == [.resolved])
    #expect(try store.verifyAudit().isIntact)
  }

  @Test func twoProcessesOnOneWorkspaceWriteEachChangeOnce() throws {
    let path = try scratch.directory() + "/registry.sqlite"
    let a = try SQLiteRegistryStore.create(path: path, clock: clock, actor: F.alice)
    let b = try SQLiteRegistryStore(path: path, clock: clock)
    var ea = AlertEvaluator(rules: [try rule()])
    var eb = AlertEvaluator(rules: [try rule()])
    let start = try a.auditEntries(since: nil).count
    for (after, rate) in [(Int64(0), 0.2), (30, 0.2), (15, 0.0)] {
      clock.advance(milliseconds: after * second)
      let ta = ea.evaluate(at: clock.now(), source: source(rate))
      let tb = eb.evaluate(at: clock.now(), source: source(rate))
      _ = try a.perform(.recordAlertTransitions(ta), as: OperatorIdentity(name: "system"))
      let outcome = try b.perform(.recordAlertTransitions(tb), as: OperatorIdentity(name: "system"))
      #expect(outcome.message.contains("1 already recorded by another process"))
    }
    let actions = try b.auditEntries(since: nil).dropFirst(start).map(\.action)
    #expect(actions == [.alertFiring, .alertResolved])
  }

  @Test func restartWhileFiringKeepsTheStartTimeAcrossAReopen() throws {
    let path = try scratch.directory() + "/registry.sqlite"
    var store = try SQLiteRegistryStore.create(path: path, clock: clock, actor: F.alice)
    var e = AlertEvaluator(rules: [try rule()])
    let t0 = clock.now()
    try step(&e, store, after: 0, rate: 0.2)
    try step(&e, store, after: 30, rate: 0.2)
    let firedAt = clock.now()
    // Reopen the database, restore an evaluator from it, evaluate again.
    store = try SQLiteRegistryStore(path: path, clock: clock)
    var restored = AlertEvaluator(rules: [try rule()], restoring: try store.alertInstances())
    clock.advance(milliseconds: 15 * second)
    #expect(restored.evaluate(at: clock.now(), source: source(0.2)).isEmpty)
    let i = try #require(restored.instances.values.first)
    #expect(i.state == .firing)
    #expect(i.activeAt == t0)
    #expect(i.firedAt == firedAt)
    // No second alert.firing entry.
    #expect(try store.auditEntries(since: nil).filter { $0.action == .alertFiring }.count == 1)
  }

  @Test(arguments: StoreUnderTest.all) func acknowledgeIsAuditedKeptAcrossEvaluationsAndClearedOnResolve(
    _ backend: StoreUnderTest
  ) throws {
    let store = try backend.make(clock: clock)
    var e = AlertEvaluator(rules: [try rule()])
    try step(&e, store, after: 0, rate: 0.2)
    let fp = try #require(try store.alertInstances().first?.fingerprint)
    // Pending: nothing to acknowledge.
    _ = try F.expectRefusal(
      store, .acknowledgeAlert(fingerprint: fp, comment: "x"), as: F.bob, .notApplicable)
    _ = try F.expectRefusal(store, .acknowledgeAlert(fingerprint: "nope", comment: "x"), as: F.bob, .notFound)
    try step(&e, store, after: 30, rate: 0.2)
    _ = try store.perform(.acknowledgeAlert(fingerprint: fp, comment: "on it"), as: F.bob)
    _ = try F.expectRefusal(
      store, .acknowledgeAlert(fingerprint: fp, comment: "me too"), as: F.carol, .alreadyExists)
    // Another evaluation (still firing) leaves the acknowledgement in place.
    try step(&e, store, after: 15, rate: 0.3)
    var stored = try #require(try store.alertInstances().first)
    #expect(stored.acknowledgedBy == "bob")
    #expect(stored.acknowledgeComment == "on it")
    e.mergeAcknowledgements(from: [stored])
    #expect(e.instances[fp]?.acknowledgedBy == "bob")
    try step(&e, store, after: 15, rate: 0.0)
    stored = try #require(try store.alertInstances().first)
    #expect(stored.state == .resolved)
    #expect(stored.acknowledgedBy == nil)
    #expect(
      try store.auditEntries(since: nil).map(\.action) == [.alertFiring, .alertAcknowledge, .alertResolved])
  }

  @Test(arguments: StoreUnderTest.all) func silencesAreCreatedListedAndExpired(_ backend: StoreUnderTest)
    throws
  {
    let store = try backend.make(clock: clock)
    let m = [AlertLabelMatcher(name: "artefact", op: .equal, value: "support-bot")]
    let now = clock.now()
    let outcome = try store.perform(
      .createSilence(
        matchers: m, startsAt: now, endsAt: now.adding(milliseconds: 7_200_000), comment: "deploy"),
      as: F.alice)
    #expect(outcome.message.hasPrefix("SIL-1 silences"))
    let listed = try store.silences(includeExpired: false)
    #expect(listed.map(\.id) == [1])
    #expect(listed.first?.matchers == m)
    #expect(listed.first?.createdBy == "alice")
    _ = try F.expectRefusal(
      store,
      .createSilence(matchers: [], startsAt: now, endsAt: now.adding(milliseconds: 1000), comment: "x"),
      as: F.alice, .invalidInput(field: "matchers"))
    _ = try F.expectRefusal(
      store, .createSilence(matchers: m, startsAt: now, endsAt: now, comment: "x"), as: F.alice,
      .invalidInput(field: "endsAt"))
    clock.advance(milliseconds: 60_000)
    _ = try store.perform(.expireSilence(id: 1), as: F.bob)
    #expect(try store.silences(includeExpired: false).isEmpty)
    #expect(try store.silences(includeExpired: true).first?.endsAt == clock.now())
    _ = try F.expectRefusal(store, .expireSilence(id: 1), as: F.bob, .notApplicable)
    _ = try F.expectRefusal(store, .expireSilence(id: 9), as: F.bob, .notFound)
    #expect(try store.auditEntries(since: nil).map(\.action) == [.silenceCreate, .silenceExpire])
  }
}
