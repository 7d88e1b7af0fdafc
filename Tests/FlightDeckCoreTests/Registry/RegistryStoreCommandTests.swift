import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// Every command of a ``RegistryStore``, on every backend (``StoreUnderTest``:
/// SQLite, and PostgreSQL when a test cluster is given): happy paths, and each
/// refusal leaving the snapshot and the audit log exactly as they were.
///
/// Times: the TestClock starts at 2025-06-01T00:00:00Z and `seed` advances it
/// 1 s before each of its 10 commands (register artefact; 3 versions; request,
/// bob, carol for v11; the same for v12), so carol moved production to v12 at
/// 00:00:10Z.
@Suite struct RegistryStoreCommandTests {
  typealias F = RegistryFixture
  let clock = TestClock()

  func seeded(_ backend: StoreUnderTest, tier: RiskTier = .high) throws -> any RegistryStore {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock, tier: tier)
    return store
  }

  func request(_ store: any RegistryStore, _ version: String, by who: OperatorIdentity = F.alice) throws
    -> PromotionRequest
  {
    clock.advance(milliseconds: 1000)
    let out = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: version, target: .production, reason: "ship \(version)",
        expectedFrom: nil, override: F.gatesNotUnderTest), as: who)
    return try #require(out.request)
  }

  @Test(arguments: StoreUnderTest.all) func seedBuildsTheExpectedRegistry(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    let snap = try store.snapshot()
    let bot = try #require(snap.artefact("support-bot"))
    #expect(bot.versions.map(\.label) == ["v11", "v12", "v13"])
    #expect(bot.pointers == [.production: "v12"])
    let last = try #require(bot.lastMoves[.production])
    #expect(
      last.actor == "carol" && last.fromVersion == "v11" && last.requestID == 2 && last.cause == .promotion)
    #expect(last.at == Timestamp(millisecondsSinceEpoch: 1_748_736_010_000))
    // 1 artefact + 3 versions + 2 × (request, approve, approve, move) = 12 entries.
    #expect(snap.auditCount == 12)
    // The snapshot carries the store's change token as it read it; SQLite's is
    // the audit head (12 entries), PostgreSQL's the change counter (10 write
    // transactions: 1 artefact, 3 versions, 2 × (request, approve, approve)).
    #expect(snap.changeToken == (try store.changeToken()))
    #expect(snap.changeToken == (backend == .sqlite ? 12 : 10))
    #expect(snap.requests.map(\.id) == [2, 1])
    #expect(snap.requests.allSatisfy { $0.state == .applied })
    let history = try store.pointerHistory(artefact: "support-bot", pointer: .production)
    #expect(history.map(\.toVersion) == ["v11", "v12"])
    #expect(history.map(\.fromVersion) == [nil, "v11"])
    let verification = try store.verifyAudit()
    #expect(verification.isIntact && verification.entriesChecked == 12)
    // The move's audit entry: before {"version":"v11"}, after {"request":2,"version":"v12"}.
    let move = try #require(try store.auditEntries(since: nil).last)
    #expect(move.action == .pointerMove && move.subject == "support-bot:production" && move.actor == "carol")
    #expect(move.before == #"{"version":"v11"}"#)
    #expect(move.after == #"{"request":2,"version":"v12"}"#)
    #expect(move.reason == "ship v12")
  }

  @Test(arguments: StoreUnderTest.all) func registrationRefusals(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    try F.expectRefusal(
      store, .registerArtefact(name: "support-bot", kind: .model, owner: "", riskTier: .low, description: ""),
      as: F.alice, .alreadyExists)
    try F.expectRefusal(
      store, .registerArtefact(name: "-bot", kind: .model, owner: "", riskTier: .low, description: ""),
      as: F.alice, .invalidInput(field: "artefact"))
    try F.expectRefusal(
      store, .registerVersion(artefact: "support-bot", label: "v12", source: nil, tags: [:], description: ""),
      as: F.alice, .alreadyExists)
    try F.expectRefusal(
      store, .registerVersion(artefact: "nobody", label: "v1", source: nil, tags: [:], description: ""),
      as: F.alice, .notFound)
    try F.expectRefusal(
      store,
      .registerVersion(artefact: "support-bot", label: "v 14", source: nil, tags: [:], description: ""),
      as: F.alice, .invalidInput(field: "version"))
    try F.expectRefusal(
      store,
      .registerVersion(artefact: "support-bot", label: "v14", source: nil, tags: ["": "x"], description: ""),
      as: F.alice, .invalidInput(field: "tag key"))
    try F.expectRefusal(
      store,
      .registerVersion(
        artefact: "support-bot", label: "v14", source: nil, tags: [:], description: "bell\u{07}"),
      as: F.alice, .invalidInput(field: "description"))
  }

  @Test(arguments: StoreUnderTest.all) func registerVersionRecordsItsContent(_ backend: StoreUnderTest) throws
  {
    let store = try seeded(backend)
    clock.advance(milliseconds: 500)
    let out = try store.perform(
      .registerVersion(
        artefact: "support-bot", label: "v14", source: SourceReference(kind: .sha256, value: "ab12"),
        tags: ["eval": "0.93", "team": "support"], description: "new prompt"), as: F.bob)
    #expect(out.message == "registered support-bot v14 from sha256:ab12")
    #expect(out.auditSequences == [13])
    let v = try #require(try store.snapshot().artefact("support-bot")?.versions.last)
    #expect(v.label == "v14" && v.createdBy == "bob" && v.tags == ["eval": "0.93", "team": "support"])
    #expect(v.createdAt == Timestamp(millisecondsSinceEpoch: 1_748_736_010_500))
    let entry = try #require(try store.auditEntries(since: nil).last)
    #expect(entry.subject == "support-bot@v14")
    #expect(
      entry.after
        == #"{"description":"new prompt","source":"sha256:ab12","tags":{"eval":"0.93","team":"support"}}"#)
  }

  @Test(arguments: StoreUnderTest.all) func requestPromotionAndItsRefusals(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    let message = try F.expectRefusal(
      store,
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .production, reason: "r", expectedFrom: .some("v11"),
        override: F.gatesNotUnderTest),
      as: F.alice, .changedSinceYouLooked)
    #expect(
      message
        == "support-bot production is now v12 (moved by carol at 00:00:10Z), not v11 as you saw — changed since you looked"
    )
    try F.expectRefusal(
      store,
      .requestPromotion(
        artefact: "support-bot", version: "v12", target: .production, reason: "r", expectedFrom: nil,
        override: F.gatesNotUnderTest),
      as: F.alice, .notApplicable)
    try F.expectRefusal(
      store,
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .production, reason: " ", expectedFrom: nil,
        override: F.gatesNotUnderTest),
      as: F.alice, .invalidInput(field: "reason"))
    try F.expectRefusal(
      store,
      .requestPromotion(
        artefact: "support-bot", version: "v99", target: .production, reason: "r", expectedFrom: nil,
        override: F.gatesNotUnderTest),
      as: F.alice, .notFound)

    clock.advance(milliseconds: 1000)
    let out = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .production, reason: "better answers",
        expectedFrom: .some("v12"), override: F.gatesNotUnderTest), as: F.alice)
    // Requested at 00:00:11Z; expires 7 days later.
    #expect(
      out.message
        == "REQ-3 requested: support-bot production v12 → v13 needs 2 approvals; expires 2025-06-08T00:00:11.000Z"
    )
    let req = try #require(out.request)
    #expect(req.state == .pending && req.fromVersion == "v12" && req.rule.approvals == 2)
    #expect(req.expiresAt == Timestamp(millisecondsSinceEpoch: 1_748_736_011_000 + 7 * 86_400_000))
    #expect(try store.snapshot().artefact("support-bot")?.pointers[.production] == "v12")
    let dup = try F.expectRefusal(
      store,
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .production, reason: "r", expectedFrom: nil,
        override: F.gatesNotUnderTest),
      as: F.bob, .alreadyExists)
    #expect(dup.hasPrefix("REQ-3 already asks"))
  }

  @Test(arguments: StoreUnderTest.all) func fourEyesDuplicateApprovalAndCompletion(_ backend: StoreUnderTest)
    throws
  {
    let store = try seeded(backend)
    let req = try request(store, "v13")
    try F.expectRefusal(store, .approve(requestID: req.id, comment: ""), as: F.alice, .fourEyes)
    clock.advance(milliseconds: 1000)
    let first = try store.perform(.approve(requestID: req.id, comment: "looks good"), as: F.bob)
    #expect(first.message == "REQ-3 approved by bob (1/2, needs 1 more)")
    #expect(first.moves.isEmpty && first.auditSequences.count == 1)
    try F.expectRefusal(store, .approve(requestID: req.id, comment: ""), as: F.bob, .duplicateDecision)
    clock.advance(milliseconds: 1000)
    let second = try store.perform(.approve(requestID: req.id, comment: "ok"), as: F.carol)
    #expect(second.message == "REQ-3 approved by carol (2/2) and applied: support-bot production v12 → v13")
    #expect(second.request?.state == .applied)
    #expect(second.request?.decisions.map(\.actor) == ["bob", "carol"])
    let move = try #require(second.moves.first)
    #expect(
      move.actor == "carol" && move.reason == "ship v13" && move.requestID == 3 && move.cause == .promotion)
    #expect(try store.snapshot().artefact("support-bot")?.pointers[.production] == "v13")
    // 12 seeded + REQ-3 (13) + bob (14); carol: approve + move.
    #expect(second.auditSequences == [15, 16])
    let closed = try F.expectRefusal(
      store, .approve(requestID: req.id, comment: ""), as: F.dave, .requestClosed(.applied))
    #expect(closed == "REQ-3 was already applied by carol at 00:00:13Z — changed since you looked")
    try F.expectRefusal(store, .approve(requestID: 99, comment: ""), as: F.dave, .notFound)
  }

  @Test(arguments: StoreUnderTest.all) func criticalTierNeedsAReleaseManager(_ backend: StoreUnderTest) throws
  {
    let store = try backend.make(clock: clock)
    _ = try store.perform(
      .registerArtefact(name: "payments", kind: .model, owner: "", riskTier: .critical, description: ""),
      as: F.alice)
    _ = try store.perform(
      .registerVersion(artefact: "payments", label: "v1", source: nil, tags: [:], description: ""),
      as: F.alice)
    let req = try #require(
      try store.perform(
        .requestPromotion(
          artefact: "payments", version: "v1", target: .production, reason: "go", expectedFrom: nil,
          override: F.gatesNotUnderTest),
        as: F.alice
      ).request)
    #expect(req.rule.requiredRole == "release-manager")
    let one = try store.perform(.approve(requestID: req.id, comment: ""), as: F.bob)
    #expect(one.message == "REQ-1 approved by bob (1/2, needs 1 more, one with role release-manager)")
    let two = try store.perform(.approve(requestID: req.id, comment: ""), as: F.carol)
    #expect(two.message == "REQ-1 approved by carol (2/2 but needs an approver with role release-manager)")
    #expect(two.request?.state == .pending)
    #expect(try store.snapshot().artefact("payments")?.pointers[.production] == nil)
    let three = try store.perform(.approve(requestID: req.id, comment: ""), as: F.dave)
    #expect(three.message == "REQ-1 approved by dave (3/2) and applied: payments production none → v1")
    #expect(three.request?.decisions.last?.roles == ["release-manager"])
    #expect(try store.snapshot().artefact("payments")?.pointers[.production] == "v1")
  }

  @Test(arguments: StoreUnderTest.all) func lowTierAndNonProductionPointersApplyAtOnce(
    _ backend: StoreUnderTest
  ) throws {
    let store = try backend.make(clock: clock)
    _ = try store.perform(
      .registerArtefact(name: "faq-prompt", kind: .prompt, owner: "", riskTier: .low, description: ""),
      as: F.alice)
    _ = try store.perform(
      .registerVersion(artefact: "faq-prompt", label: "v1", source: nil, tags: [:], description: ""),
      as: F.alice)
    let out = try store.perform(
      .requestPromotion(
        artefact: "faq-prompt", version: "v1", target: .production, reason: "go", expectedFrom: nil,
        override: F.gatesNotUnderTest),
      as: F.alice)
    #expect(
      out.message == "REQ-1 applied at once (low risk needs no approval): faq-prompt production none → v1")
    #expect(out.request?.state == .applied)
    #expect(out.moves.map(\.cause) == [.promotion])
    // request.create + pointer.move after the 2 registrations.
    #expect(out.auditSequences == [3, 4])

    let high = try seeded(backend)
    let staging = try high.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: try PointerName("staging"), reason: "try",
        expectedFrom: .some(nil)), as: F.bob)
    #expect(staging.message == "REQ-3 applied at once: support-bot staging none → v13")
    #expect(try high.snapshot().artefact("support-bot")?.pointers[try PointerName("staging")] == "v13")
  }

  /// Issue 11: approving a request that was applied at once (no approval
  /// needed, so no decision names an approver) read "applied by ?".
  @Test(arguments: StoreUnderTest.all) func approvingARequestAppliedAtOnceNamesItsRequester(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    // Staging needs no approval: bob's request is applied at once, at 00:00:10Z (the seed's last second).
    let staging = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: try PointerName("staging"), reason: "try",
        expectedFrom: .some(nil)), as: F.bob)
    let id = try #require(staging.request?.id)
    clock.advance(milliseconds: 5000)
    let msg = try F.expectRefusal(
      store, .approve(requestID: id, comment: ""), as: F.carol, .requestClosed(.applied))
    #expect(
      msg
        == "REQ-3 was already applied at once when bob requested it at 00:00:10Z (no approval needed) "
        + "— changed since you looked")
  }

  @Test(arguments: StoreUnderTest.all) func mediumTierNeedsOneOtherApprover(_ backend: StoreUnderTest) throws
  {
    let store = try seeded(backend, tier: .medium)
    let req = try request(store, "v13")
    #expect(req.rule.approvals == 1 && !req.rule.allowSelfApproval)
    let out = try store.perform(.approve(requestID: req.id, comment: ""), as: F.bob)
    #expect(out.message == "REQ-3 approved by bob (1/1) and applied: support-bot production v12 → v13")
  }

  @Test(arguments: StoreUnderTest.all) func rejectAndCancel(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    let req = try request(store, "v13")
    try F.expectRefusal(store, .cancel(requestID: req.id, comment: ""), as: F.bob, .notApplicable)
    clock.advance(milliseconds: 1000)
    let rejected = try store.perform(.reject(requestID: req.id, comment: "eval regressed"), as: F.bob)
    #expect(rejected.message == "REQ-3 rejected by bob: support-bot production stays at v12")
    #expect(rejected.request?.state == .rejected)
    #expect(rejected.request?.decisions.map(\.verdict) == [.reject])
    let msg = try F.expectRefusal(
      store, .approve(requestID: req.id, comment: ""), as: F.carol, .requestClosed(.rejected))
    #expect(msg == "REQ-3 was already rejected by bob at 00:00:12Z — changed since you looked")
    try F.expectRefusal(
      store, .reject(requestID: req.id, comment: "too late"), as: F.carol, .requestClosed(.rejected))

    // The requester may reject (four-eyes guards approvals only) and cancel their own request.
    let second = try request(store, "v11")
    _ = try store.perform(.cancel(requestID: second.id, comment: "wrong version"), as: F.alice)
    #expect(
      try store.requests(artefact: "support-bot", states: [.cancelled], limit: 10).map(\.id) == [second.id])
    let third = try request(store, "v11")
    // A rejection must say why.
    try F.expectRefusal(
      store, .reject(requestID: third.id, comment: "  "), as: F.alice, .invalidInput(field: "comment"))
    let own = try store.perform(.reject(requestID: third.id, comment: "my mistake"), as: F.alice)
    #expect(own.request?.state == .rejected)
    let entries = try store.auditEntries(since: nil).suffix(4).map(\.action)
    #expect(entries == [.requestCreate, .requestCancel, .requestCreate, .requestReject])
  }

  @Test(arguments: StoreUnderTest.all) func expiredRequestIsRefusedAndTheExpiryAudited(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    let req = try request(store, "v13")
    let countBefore = try store.snapshot().auditCount
    clock.advance(milliseconds: 7 * 86_400_000)  // now == expiresAt, which counts as expired
    // Readers see it expired at once, before any write sweeps it (nothing audited yet).
    #expect(try store.snapshot().requests.first { $0.id == req.id }?.state == .expired)
    #expect(try store.snapshot().openRequests(artefact: "support-bot").isEmpty)
    #expect(try store.requests(artefact: nil, states: [.pending], limit: 10).isEmpty)
    #expect(try store.requests(artefact: nil, states: [.expired], limit: 10).map(\.id) == [req.id])
    #expect(try store.snapshot().auditCount == countBefore)
    let msg = try #require(throws: RegistryError.self) {
      try store.perform(.approve(requestID: req.id, comment: ""), as: F.bob)
    }
    #expect(msg.code == .requestClosed(.expired))
    #expect(msg.message == "REQ-3 was already expired at 2025-06-08T00:00:11.000Z — changed since you looked")
    #expect(try store.snapshot().auditCount == countBefore + 1)
    let expiry = try #require(try store.auditEntries(since: nil).last)
    #expect(expiry.action == .requestExpire && expiry.actor == "system:registry" && expiry.subject == "REQ-3")
    #expect(expiry.after == #"{"state":"expired"}"#)
    #expect(try store.requests(artefact: nil, states: [.expired], limit: 5).map(\.id) == [3])
    #expect(try store.verifyAudit().isIntact)
  }

  @Test(arguments: StoreUnderTest.all) func approvalAfterThePointerMovedIsRecordedButNotApplied(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    let req = try request(store, "v13")
    clock.advance(milliseconds: 1000)
    _ = try store.perform(
      .rollback(artefact: "support-bot", to: nil, reason: "incident", expectedProduction: .some("v12")),
      as: F.dave)
    _ = try store.perform(.approve(requestID: req.id, comment: ""), as: F.bob)
    let out = try store.perform(.approve(requestID: req.id, comment: ""), as: F.carol)
    #expect(out.request?.state == .approved)
    #expect(out.moves.isEmpty)
    #expect(
      out.message
        == "REQ-3 approved by carol (2/2) but not applied: support-bot production is now v11 (moved by dave at 00:00:12Z), not v12 as when requested — changed since you looked; request the promotion again"
    )
    #expect(try store.snapshot().artefact("support-bot")?.pointers[.production] == "v11")
    #expect(try store.snapshot().openRequests(artefact: "support-bot").map(\.state) == [.approved])
    // The approved-but-stale request does not block asking again.
    let again = try request(store, "v13")
    #expect(again.id == 4 && again.fromVersion == "v11" && again.state == .pending)
    // And it can be closed: its requester cancels it (before: approved, after: cancelled).
    let requester = OperatorIdentity(name: req.requester)
    let cancelled = try store.perform(
      .cancel(requestID: req.id, comment: "superseded by REQ-4"), as: requester)
    #expect(cancelled.request?.state == .cancelled)
    let entry = try #require(try store.auditEntries(since: nil).last)
    #expect(entry.action == .requestCancel && entry.before == #"{"state":"approved"}"#)
    #expect(try store.snapshot().openRequests(artefact: "support-bot").map(\.id) == [4])
  }

  @Test(arguments: StoreUnderTest.all) func rollbackToThePreviousProductionVersion(_ backend: StoreUnderTest)
    throws
  {
    let store = try seeded(backend)
    try F.expectRefusal(
      store, .rollback(artefact: "support-bot", to: nil, reason: "x", expectedProduction: .some("v13")),
      as: F.dave,
      .changedSinceYouLooked)
    try F.expectRefusal(
      store, .rollback(artefact: "support-bot", to: nil, reason: "", expectedProduction: nil), as: F.dave,
      .invalidInput(field: "reason"))
    clock.advance(milliseconds: 1000)
    let out = try store.perform(
      .rollback(artefact: "support-bot", to: nil, reason: "error rate 9%", expectedProduction: .some("v12")),
      as: F.dave)
    #expect(out.message == "rolled back support-bot production v12 → v11")
    let move = try #require(out.moves.first)
    #expect(
      move.cause == .rollback && move.actor == "dave" && move.requestID == nil
        && move.reason == "error rate 9%")
    let bot = try #require(try store.snapshot().artefact("support-bot"))
    #expect(bot.pointers[.production] == "v11")
    #expect(
      bot.versions.first { $0.label == "v12" }?.rolledBackAt
        == Timestamp(millisecondsSinceEpoch: 1_748_736_011_000))
    let entry = try #require(try store.auditEntries(since: nil).last)
    #expect(entry.action == .rollback && entry.subject == "support-bot:production")
    #expect(entry.before == #"{"version":"v12"}"# && entry.after == #"{"rolledBack":"v12","version":"v11"}"#)
    // v11 is current, v12 was rolled back: nothing earlier remains.
    let msg = try F.expectRefusal(
      store, .rollback(artefact: "support-bot", to: nil, reason: "again", expectedProduction: nil),
      as: F.dave,
      .notApplicable)
    #expect(msg == "support-bot has no earlier production version to roll back to")
  }

  @Test(arguments: StoreUnderTest.all) func rollbackToANamedVersion(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    try F.expectRefusal(
      store, .rollback(artefact: "support-bot", to: "v12", reason: "x", expectedProduction: nil), as: F.dave,
      .notApplicable)
    try F.expectRefusal(
      store, .rollback(artefact: "support-bot", to: "v99", reason: "x", expectedProduction: nil), as: F.dave,
      .notFound)
    // v13 never served production: moving production to it is a promotion, refused here.
    let never = try F.expectRefusal(
      store, .rollback(artefact: "support-bot", to: "v13", reason: "hotfix", expectedProduction: nil),
      as: F.dave,
      .notApplicable)
    #expect(never.contains("was never in production"))
    let out = try store.perform(
      .rollback(artefact: "support-bot", to: "v11", reason: "hotfix", expectedProduction: nil), as: F.dave)
    #expect(out.message == "rolled back support-bot production v12 → v11")
    // Rolling back again by default: v12 was rolled back and v11 is current, so nothing earlier.
    try F.expectRefusal(
      store, .rollback(artefact: "support-bot", to: nil, reason: "worse", expectedProduction: nil),
      as: F.dave,
      .notApplicable)
    let empty = try backend.make(clock: clock)
    _ = try empty.perform(
      .registerArtefact(name: "new", kind: .model, owner: "", riskTier: .low, description: ""), as: F.alice)
    try F.expectRefusal(
      empty, .rollback(artefact: "new", to: nil, reason: "x", expectedProduction: nil), as: F.alice,
      .notApplicable)
  }

  @Test(arguments: StoreUnderTest.all) func rollbackStopsTheCanary(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    try F.expectRefusal(
      store, .setCanaryWeight(artefact: "support-bot", percent: 10, reason: ""), as: F.bob, .notApplicable)
    _ = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .canary, reason: "try", expectedFrom: nil),
      as: F.bob)
    try F.expectRefusal(
      store, .setCanaryWeight(artefact: "support-bot", percent: 101, reason: ""), as: F.bob,
      .invalidInput(field: "weight"))
    let set = try store.perform(
      .setCanaryWeight(artefact: "support-bot", percent: 20, reason: "ramp"), as: F.bob)
    #expect(set.message == "support-bot canary weight 0% → 20%")
    let same = try store.perform(
      .setCanaryWeight(artefact: "support-bot", percent: 20, reason: ""), as: F.bob)
    #expect(!same.changed && same.message == "support-bot canary weight is already 20%")
    let out = try store.perform(
      .rollback(artefact: "support-bot", to: nil, reason: "incident", expectedProduction: nil), as: F.dave)
    #expect(out.message == "rolled back support-bot production v12 → v11; canary weight 20% → 0%")
    #expect(try store.snapshot().artefact("support-bot")?.canaryWeightPercent == 0)
    let last2 = try store.auditEntries(since: nil).suffix(2)
    #expect(last2.map(\.action) == [.rollback, .canaryWeight])
    #expect(last2.last?.before == #"{"weight":20}"# && last2.last?.after == #"{"weight":0}"#)
    #expect(last2.last?.reason == "incident")
  }

  /// A canary with all the traffic is production in all but name: 100 % is
  /// refused where the tier needs approvals to move production (the high
  /// tier: 2), 99 % is not, and a low-tier canary (no approval) may take it all.
  @Test(arguments: StoreUnderTest.all) func aCanaryGetsAllTheTrafficOnlyWhereProductionNeedsNoApproval(
    _ backend: StoreUnderTest
  ) throws {
    for tier in [RiskTier.high, .low] {
      let store = try seeded(backend, tier: tier)
      _ = try store.perform(
        .requestPromotion(
          artefact: "support-bot", version: "v13", target: .canary, reason: "try", expectedFrom: nil),
        as: F.bob)
      if tier == .high {
        let refused = try F.expectRefusal(
          store, .setCanaryWeight(artefact: "support-bot", percent: 100, reason: "all in"), as: F.bob,
          .notApplicable)
        #expect(
          refused
            == "support-bot canary weight may not be 100 %: a canary with all the traffic is production in all but name, and high risk needs 2 approval(s) to move production — request the promotion (`flightdeck promote support-bot v13`), or keep the canary at 99 % or less"
        )
        let most = try store.perform(
          .setCanaryWeight(artefact: "support-bot", percent: 99, reason: "most"), as: F.bob)
        #expect(most.message == "support-bot canary weight 0% → 99%")
      } else {
        let all = try store.perform(
          .setCanaryWeight(artefact: "support-bot", percent: 100, reason: "all in"), as: F.bob)
        #expect(all.message == "support-bot canary weight 0% → 100%")
      }
    }
  }

  @Test(arguments: StoreUnderTest.all) func configurationIsRecordedOnceAndThenRulesTheWorkspace(
    _ backend: StoreUnderTest
  ) throws {
    // A store opened with the standard policy (high: 2 approvals) …
    let store = try seeded(backend)
    let strict = RiskPolicy(rules: [.high: ApprovalRule(approvals: 3, allowSelfApproval: false)])
    let roles = ["release-manager": ["alice"]]
    let a = try store.perform(.applyConfiguration(policy: strict, roles: roles), as: F.alice)
    #expect(a.changed)
    let again = try store.perform(.applyConfiguration(policy: strict, roles: roles), as: F.alice)
    #expect(!again.changed)
    let entry = try #require(try store.auditEntries(since: nil).last)
    #expect(entry.action == .configApply && entry.actor == "alice")
    #expect(entry.after == CanonicalJSON.object(["digest": .string(strict.digest(roles: roles))]))
    #expect(entry.reason == strict.summary(roles: roles))
    // … now counts approvals by the workspace's policy: high needs 3.
    let req = try request(store, "v13")
    #expect(req.rule.approvals == 3)
    // Only a release manager of the policy in force may change it.
    let lax = RiskPolicy(rules: [.high: ApprovalRule(approvals: 0, allowSelfApproval: true)])
    let count = try store.snapshot().auditCount
    _ = try F.expectRefusal(
      store, .applyConfiguration(policy: lax, roles: ["release-manager": ["mallory"]]),
      as: OperatorIdentity(name: "mallory", roles: ["release-manager"]), .missingRole("release-manager"))
    #expect(try store.snapshot().auditCount == count)
    // Roles come from the workspace, not from what the caller claims: bob
    // claims release-manager but the table in force says only alice.
    let critical = RiskPolicy(rules: [
      .high: ApprovalRule(approvals: 1, requiredRole: "release-manager", allowSelfApproval: false)
    ])
    _ = try store.perform(.applyConfiguration(policy: critical, roles: roles), as: F.alice)
    let r2 = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v11", target: .production, reason: "x", expectedFrom: nil,
        override: F.gatesNotUnderTest),
      as: F.carol)
    let id = try #require(r2.request?.id)
    let bobClaims = OperatorIdentity(name: "bob", roles: ["release-manager"])
    let out = try store.perform(.approve(requestID: id, comment: ""), as: bobClaims)
    #expect(out.request?.state == .pending)
    #expect(out.request?.decisions.last?.roles == [])
    #expect(out.message.contains("needs an approver with role release-manager"))
  }

  @Test(arguments: StoreUnderTest.all) func readsFilterAndOrder(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    _ = try request(store, "v13")
    clock.advance(milliseconds: 1000)
    #expect(try store.requests(artefact: "support-bot", states: nil, limit: 2).map(\.id) == [3, 2])
    #expect(try store.requests(artefact: nil, states: [.pending], limit: 10).map(\.id) == [3])
    #expect(try store.requests(artefact: "other", states: nil, limit: 10).isEmpty)
    #expect(try store.pointerHistory(artefact: "support-bot", pointer: nil).count == 2)
    #expect(throws: RegistryError(.notFound, "no artefact named ghost is registered")) {
      try store.pointerHistory(artefact: "ghost", pointer: nil)
    }
    // Entries at or after 00:00:10Z: carol's approval and the move of v12, then REQ-3's creation.
    let since = try store.auditEntries(since: Timestamp(millisecondsSinceEpoch: 1_748_736_010_000))
    #expect(since.map(\.sequence) == [11, 12, 13])
    let timeline = PointerTimeline(
      moves: try store.pointerHistory(artefact: "support-bot", pointer: .production))
    #expect(timeline.version(at: Timestamp(millisecondsSinceEpoch: 1_748_736_009_999)) == "v11")
  }

  /// `--since` exports a contiguous run by sequence even when times go
  /// backwards: entries 1–2 at 00:00:10Z and 00:00:20Z, then the clock is
  /// set back to 00:00:05Z for entry 3. Since 00:00:15Z: entry 2 is the first
  /// at or after it, so 2 and 3 (3 is earlier than 15 s but follows 2 in the chain).
  @Test(arguments: StoreUnderTest.all) func auditSinceIsAContiguousRunBySequence(_ backend: StoreUnderTest)
    throws
  {
    let store = try backend.make(clock: clock)
    clock.set(Timestamp(millisecondsSinceEpoch: 1_748_736_010_000))
    _ = try store.perform(
      .registerArtefact(name: "a", kind: .model, owner: "", riskTier: .low, description: ""), as: F.alice)
    clock.set(Timestamp(millisecondsSinceEpoch: 1_748_736_020_000))
    _ = try store.perform(
      .registerArtefact(name: "b", kind: .model, owner: "", riskTier: .low, description: ""), as: F.alice)
    clock.set(Timestamp(millisecondsSinceEpoch: 1_748_736_005_000))
    _ = try store.perform(
      .registerArtefact(name: "c", kind: .model, owner: "", riskTier: .low, description: ""), as: F.alice)
    let since = try store.auditEntries(since: Timestamp(millisecondsSinceEpoch: 1_748_736_015_000))
    #expect(since.map(\.sequence) == [2, 3])
    #expect(since.map(\.subject) == ["b", "c"])
    #expect(try store.auditEntries(since: Timestamp(millisecondsSinceEpoch: 1_748_736_030_000)).isEmpty)
  }
}
