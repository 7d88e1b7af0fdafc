import FlightDeckTestSupport
import Foundation
import GRDB
import Testing

@testable import FlightDeckCore

/// Evaluation gates in the store: recording and reading gate results, the
/// refusal of an ungated production move, the override and its audit entry,
/// non-production pointers, the gate policy in force, and the v1 → v2 migration.
@Suite struct GateStoreTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let scratch = RegistryScratch()

  /// support-bot (high) with v11, v12 in production (overridden in the
  /// fixture) and v13 registered, never checked.
  func seeded(_ backend: StoreUnderTest) throws -> any RegistryStore {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    return store
  }

  /// A report on one FlightDeck input with `metrics`, at `tier` of the standard policy.
  func report(_ metrics: [String: Double], tier: RiskTier = .high) -> GateReport {
    GateCheck.evaluate(
      policy: .standard, tier: tier,
      results: [
        GateInput(
          file: "eval.json", format: .flightdeck, sha256: String(repeating: "a", count: 64), metrics: metrics)
      ])
  }

  /// Meets the standard high tier: pass_rate 0.97 ≥ 0.95, error_rate 0.01 ≤ 0.02,
  /// guardrail_compliance 0.995 ≥ 0.99, drift_psi 0.1 ≤ 0.2.
  let passingHigh: [String: Double] = [
    "pass_rate": 0.97, "error_rate": 0.01, "guardrail_compliance": 0.995, "drift_psi": 0.1,
  ]

  @Test(arguments: StoreUnderTest.all) func recordAndReadGateResultsNewestFirst(_ backend: StoreUnderTest)
    throws
  {
    let store = try seeded(backend)
    clock.advance(milliseconds: 1000)
    var failing = passingHigh
    failing["drift_psi"] = 0.31
    let first = try store.perform(
      .recordGateResults(artefact: "support-bot", version: "v13", report: report(failing)), as: F.bob)
    // 3 of the 4 high gates pass; drift_psi 0.31 > 0.2 fails.
    #expect(first.message == "recorded gate results on support-bot v13: failed 3/4")
    clock.advance(milliseconds: 1000)
    _ = try store.perform(
      .recordGateResults(artefact: "support-bot", version: "v13", report: report(passingHigh)), as: F.carol)

    let records = try store.gateResults(artefact: "support-bot", version: "v13")
    #expect(records.map(\.passed) == [true, false])
    #expect(records.map(\.evaluatedBy) == ["carol", "bob"])
    #expect(records[1].report == report(failing))
    // The seed ran 10 commands at +1 s each from the TestClock's start, so the
    // two checks are at +11 s and +12 s.
    #expect(records[0].evaluatedAt == clock.now())
    #expect(records[1].evaluatedAt == clock.now().adding(milliseconds: -1000))
    #expect(try store.gateResults(artefact: "support-bot", version: "v11").isEmpty)

    // The snapshot shows the newest outcome per version; v11 was never checked.
    let bot = try #require(try store.snapshot().artefact("support-bot"))
    let v13 = try #require(bot.versions.first { $0.label == "v13" })
    #expect(v13.gates?.passed == true && v13.gates?.text == "passed 4/4" && v13.gates?.evaluatedBy == "carol")
    #expect(bot.versions.first { $0.label == "v11" }?.gates == nil)

    // The audit entry is small: the outcome and the stored record's SHA-256.
    let entry = try #require(try store.auditEntries(since: nil).last)
    #expect(entry.action == .gateCheck && entry.subject == "support-bot@v13" && entry.actor == "carol")
    let stored = GateRecord(
      artefact: "support-bot", version: "v13", evaluatedAt: clock.now(), evaluatedBy: "carol",
      report: report(passingHigh))
    let digest = SourceReference.sha256(of: Data(stored.canonicalJSON.utf8)).value
    #expect(
      entry.after
        == #"{"failed":[],"gates":4,"passed":true,"record_sha256":"\#(digest)","tier":"high"}"#)
    #expect(entry.reason == "gates passed 4/4")
    #expect(try store.verifyAudit().isIntact)
  }

  @Test(arguments: StoreUnderTest.all) func unknownArtefactOrVersionIsRefused(_ backend: StoreUnderTest)
    throws
  {
    let store = try seeded(backend)
    try F.expectRefusal(
      store, .recordGateResults(artefact: "support-bot", version: "v99", report: report(passingHigh)),
      as: F.bob, .notFound)
    try F.expectRefusal(
      store, .recordGateResults(artefact: "nobody", version: "v1", report: report(passingHigh)),
      as: F.bob, .notFound)
    #expect(throws: RegistryError.self) { try store.gateResults(artefact: "support-bot", version: "v99") }
  }

  @Test(arguments: StoreUnderTest.all) func productionNeedsPassedGatesUnlessOverridden(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    let ask = RegistryCommand.requestPromotion(
      artefact: "support-bot", version: "v13", target: .production, reason: "ship", expectedFrom: nil)
    // Never checked.
    let never = try F.expectRefusal(
      store, ask, as: F.alice, .gatesNotPassed(["gates never ran for support-bot v13"]))
    #expect(never.hasPrefix("support-bot v13 cannot go to production: gates never ran for support-bot v13"))

    // A failed check: the failing gate is the blocker.
    clock.advance(milliseconds: 1000)
    var failing = passingHigh
    failing["error_rate"] = 0.03
    _ = try store.perform(
      .recordGateResults(artefact: "support-bot", version: "v13", report: report(failing)), as: F.bob)
    try F.expectRefusal(
      store, ask, as: F.alice,
      .gatesNotPassed(["gates failed: error_rate 0.03 is above 0.02 (eval.json)"]))

    // The override goes through, and the audit entry records it with the blockers.
    clock.advance(milliseconds: 1000)
    let out = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .production, reason: "ship",
        expectedFrom: nil, override: "hotfix for incident 42; eval rerun tomorrow"),
      as: F.alice)
    let request = try #require(out.request)
    #expect(request.state == .pending)
    #expect(request.gateOverride == "hotfix for incident 42; eval rerun tomorrow")
    let entry = try #require(try store.auditEntries(since: nil).last)
    #expect(entry.action == .requestCreate)
    let after = try #require(entry.after)
    #expect(after.contains(#""override":"hotfix for incident 42; eval rerun tomorrow""#))
    #expect(after.contains(#""blockers":["gates failed: error_rate 0.03 is above 0.02 (eval.json)"]"#))
    // The request reads back with its override.
    #expect(
      try store.requests(artefact: "support-bot", states: [.pending], limit: 5).first?.gateOverride
        == "hotfix for incident 42; eval rerun tomorrow")
    // An empty override is not a reason.
    try F.expectRefusal(
      store,
      .requestPromotion(
        artefact: "support-bot", version: "v11", target: .production, reason: "back", expectedFrom: nil,
        override: " "),
      as: F.bob, .invalidInput(field: "override"))
  }

  @Test(arguments: StoreUnderTest.all) func passedGatesAllowTheRequestWithoutOverride(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    clock.advance(milliseconds: 1000)
    _ = try store.perform(
      .recordGateResults(artefact: "support-bot", version: "v13", report: report(passingHigh)), as: F.bob)
    let out = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .production, reason: "ship", expectedFrom: nil),
      as: F.alice)
    #expect(out.request?.state == .pending && out.request?.gateOverride == nil)
    // No override: the audit entry has no override keys.
    let after = try #require(try store.auditEntries(since: nil).last?.after)
    #expect(!after.contains("override") && !after.contains("blockers"))
  }

  /// A request made while the gates passed must not be applied after a newer
  /// check failed: the approval that would move production is refused, the
  /// pointer and the request stay as they were.
  @Test(arguments: StoreUnderTest.all) func aGateFailureAfterTheRequestBlocksTheFinalApproval(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    clock.advance(milliseconds: 1000)
    _ = try store.perform(
      .recordGateResults(artefact: "support-bot", version: "v13", report: report(passingHigh)), as: F.bob)
    let out = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .production, reason: "ship", expectedFrom: nil),
      as: F.alice)
    let id = try #require(out.request?.id)
    // High risk needs 2 approvals; the first one does not move anything.
    _ = try store.perform(.approve(requestID: id, comment: ""), as: F.bob)
    clock.advance(milliseconds: 1000)
    var failing = passingHigh
    failing["drift_psi"] = 0.31
    _ = try store.perform(
      .recordGateResults(artefact: "support-bot", version: "v13", report: report(failing)), as: F.bob)
    let message = try F.expectRefusal(
      store, .approve(requestID: id, comment: ""), as: F.carol,
      .gatesNotPassed(["gates failed: drift_psi 0.31 is above 0.2 (eval.json)"]))
    #expect(message.hasPrefix("REQ-\(id) cannot be applied now: gates failed: drift_psi 0.31"))
    let pending = try #require(
      try store.requests(artefact: "support-bot", states: [.pending], limit: 5).first { $0.id == id })
    #expect(pending.approvers == ["bob"])
    #expect(try store.snapshot().artefact("support-bot")?.pointers[.production] == "v12")
    // A passing re-check lets the same approval through.
    clock.advance(milliseconds: 1000)
    _ = try store.perform(
      .recordGateResults(artefact: "support-bot", version: "v13", report: report(passingHigh)), as: F.bob)
    let applied = try store.perform(.approve(requestID: id, comment: ""), as: F.carol)
    #expect(applied.request?.state == .applied)
  }

  @Test(arguments: StoreUnderTest.all) func aRecordUnderALaxerPolicyDoesNotCountForAStricterOne(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    clock.advance(milliseconds: 1000)
    _ = try store.perform(
      .recordGateResults(artefact: "support-bot", version: "v13", report: report(passingHigh)), as: F.bob)
    // The workspace tightens pass_rate for high to ≥ 0.98: the record's 0.97 no longer meets it.
    let strict = try GatePolicy.parse(toml: "[gates.high]\npass_rate = \">= 0.98\"\n", file: "fd.toml")
    _ = try store.perform(
      .applyConfiguration(policy: .standard, roles: [:], gates: strict), as: F.alice)
    #expect(try store.gatePolicyInForce() == strict)
    try F.expectRefusal(
      store,
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .production, reason: "ship", expectedFrom: nil),
      as: F.alice, .gatesNotPassed(["not checked under the current gate policy: pass_rate >= 0.98"]))
    // The config.apply entry names the gates in its summary.
    let apply = try #require(try store.auditEntries(since: nil).last { $0.action == .configApply })
    #expect(
      apply.reason.hasSuffix(
        "; gates: low pass_rate >= 0.8; medium pass_rate >= 0.9, error_rate <= 0.05; high pass_rate >= 0.98; critical pass_rate >= 0.98, error_rate <= 0.01, accuracy >= 0.95, guardrail_compliance >= 0.995, drift_psi <= 0.1, fairness_gap <= 0.05"
      ))
  }

  @Test(arguments: StoreUnderTest.all) func nonProductionPointersAreNotGated(_ backend: StoreUnderTest) throws
  {
    let store = try seeded(backend)
    clock.advance(milliseconds: 1000)
    let canary = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .canary, reason: "try", expectedFrom: nil),
      as: F.bob)
    #expect(canary.request?.state == .applied)
    let staging = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: try PointerName("staging"), reason: "try",
        expectedFrom: nil),
      as: F.bob)
    #expect(staging.request?.state == .applied)
    #expect(try store.snapshot().artefact("support-bot")?.pointers[.canary] == "v13")
  }

  @Test func standardGatesKeepTheOldDigest() throws {
    let roles = ["release-manager": ["alice"]]
    // The standard gate policy adds no line, so workspaces configured before
    // gates existed keep their digest.
    #expect(
      RiskPolicy.standard.canonicalText(roles: roles, gates: .standard)
        == RiskPolicy.standard.canonicalText(roles: roles))
    let strict = try GatePolicy.parse(toml: "[gates.low]\n\"score.Tone\" = \">= 0.5\"\n", file: "fd.toml")
    let text = RiskPolicy.standard.canonicalText(roles: roles, gates: strict)
    #expect(
      text.hasSuffix(
        "gates.low=score.Tone>=0.5\ngates.medium=pass_rate>=0.9;error_rate<=0.05\n"
          + "gates.high=pass_rate>=0.95;error_rate<=0.02;guardrail_compliance>=0.99;drift_psi<=0.2\n"
          + "gates.critical=pass_rate>=0.98;error_rate<=0.01;accuracy>=0.95;guardrail_compliance>=0.995;drift_psi<=0.1;fairness_gap<=0.05\n"
      ))
    #expect(
      RiskPolicy.standard.digest(roles: roles, gates: strict) != RiskPolicy.standard.digest(roles: roles))
  }

  @Test func aVersionOneDatabaseMigratesKeepingItsDataAndChain() throws {
    let path = try scratch.directory() + "/registry.sqlite"
    let created = try SQLiteRegistryStore.create(path: path, clock: clock, actor: F.alice)
    try F.seed(created, clock: clock)
    let before = try created.snapshot()
    let entries = try created.auditEntries(since: nil)
    // Turn the file back into what FlightDeck with schema v1 wrote: no
    // gate_result table, no gate_override column, no v2 migration (nor the
    // v3 rollout table, nor the v4 alert tables).
    let pool = try DatabasePool(path: path)
    try pool.write { db in
      try db.execute(sql: "DROP TABLE alert_instance")
      try db.execute(sql: "DROP TABLE silence")
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4'")
      try db.execute(sql: "DROP TABLE rollout")
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3'")
      try db.execute(sql: "DROP TABLE gate_result")
      try db.execute(sql: "ALTER TABLE promotion_request DROP COLUMN gate_override")
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2'")
    }
    try pool.close()

    // Read-only (not migrated) still reads a v1 file.
    let readOnly = try SQLiteRegistryStore(path: path, clock: clock, policy: .standard, readOnly: true)
    #expect(try readOnly.snapshot().artefacts == before.artefacts)
    #expect(try readOnly.gateResults(artefact: "support-bot", version: "v13").isEmpty)

    let reopened = try SQLiteRegistryStore(path: path, clock: clock)
    let after = try reopened.snapshot()
    #expect(after.artefacts == before.artefacts)
    #expect(after.requests.map(\.id) == before.requests.map(\.id))
    // The v1 requests have no override column to read from: nil.
    #expect(after.requests.allSatisfy { $0.gateOverride == nil })
    #expect(try reopened.auditEntries(since: nil) == entries)
    #expect(try reopened.verifyAudit().isIntact)
    // The new table works on the migrated file.
    clock.advance(milliseconds: 1000)
    _ = try reopened.perform(
      .recordGateResults(artefact: "support-bot", version: "v13", report: report(passingHigh)), as: F.bob)
    #expect(try reopened.gateResults(artefact: "support-bot", version: "v13").count == 1)
    #expect(try reopened.verifyAudit().isIntact)
  }
}
