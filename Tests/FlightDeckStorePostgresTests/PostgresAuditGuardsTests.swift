import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// Migration 3's audit guards (``PostgresSchema/auditGuards``), tried by hand
/// with SQL as real login roles and as the tables' owner: every rewrite of
/// history is refused by the database itself.
@Suite struct PostgresAuditGuardsTests {
  typealias FixedClock = PostgresRegistryStoreTests.FixedClock
  typealias Grants = PostgresTeamGrantsTests

  /// A database with the team roles applied and `low` (v1, v2) in production
  /// at v1 then v2, written by the owner through FlightDeck.
  func setUp() throws -> (TestDatabase, PostgresTransactionRunner)? {
    guard let db = try PostgresTestCluster.freshDatabase() else { return nil }
    let ownerRunner = try db.runner()
    try ownerRunner.write { session in
      for statement in PostgresTeamRoles.statements(database: db.location.database) {
        try session.execute(statement)
      }
    }
    let owner = PostgresRegistryStore(runner: ownerRunner, clock: FixedClock(), actorSource: .asGiven)
    try Grants.artefact(owner, "low", tier: .low, versions: ["v1", "v2"])
    _ = try Grants.promote(owner, "low", "v1")
    _ = try Grants.promote(owner, "low", "v2")
    #expect(try owner.verifyAudit().isIntact)
    return (db, ownerRunner)
  }

  func refusal(_ runner: PostgresTransactionRunner, _ sql: String) -> RegistryError? {
    #expect(throws: RegistryError.self, "\(sql)") { try runner.write { try $0.execute(sql) } }
  }

  @Test func anOperatorCannotLowerTheHeadOrTheHighWaterMark() throws {
    guard let (db, owner) = try setUp() else { return }
    defer { owner.close() }
    let login = try db.role("fd_guard_op", grants: ["GRANT flightdeck_operator TO ROLE"])
    let op = try PostgresTransactionRunner(location: login)
    defer { op.close() }
    // Register artefact, 2 versions, 2 × (request.create + pointer.move): 7 entries.
    let head = try owner.read {
      try $0.queryOne("SELECT sequence FROM audit_head")?.decode(Int64.self, forColumn: "sequence")
    }
    #expect(head == 7)
    let water = refusal(op, "UPDATE meta SET value = '3' WHERE key = 'audit_high_water'")
    #expect(water?.code == .missingRole("UPDATE on meta"))
    #expect(
      water?.message
        == "the database refused: role \(login.user) may not UPDATE on meta: the audit high-water mark only rises (from 7 to 3)"
    )
    let cut = refusal(
      op, "UPDATE audit_head SET sequence = 3, hash = (SELECT hash FROM audit_log WHERE sequence = 3)")
    #expect(cut?.code == .missingRole("UPDATE on audit_head"))
    #expect(
      cut?.message.contains("the audit head only moves one entry forward") == true, "\(cut?.message ?? "")")
    // The operator has no DELETE right at all: refused by the grants.
    #expect(refusal(op, "DELETE FROM audit_log")?.code == .missingRole("DELETE on audit_log"))
    // A pointer name FlightDeck could not read (a trailing space): refused by a CHECK.
    let name = refusal(
      op,
      """
      INSERT INTO pointer_move (artefact, pointer, from_version, to_version, actor, at, reason, request_id, cause)
      VALUES ('low', 'canary ', NULL, 'v1', '\(login.user)', 0, 'r', NULL, 'assignment')
      """)
    #expect(name?.message.contains("pointer_move_pointer_check") == true, "\(name?.message ?? "")")
  }

  @Test func anApproverCannotStoreAMalformedRolesList() throws {
    guard let (db, owner) = try setUp() else { return }
    defer { owner.close() }
    let login = try db.role("fd_guard_ap", grants: ["GRANT flightdeck_approver TO ROLE"])
    let ap = try PostgresTransactionRunner(location: login)
    defer { ap.close() }
    for roles in ["not json", "{\"approver\": 1}", "[\"approver\", 2]"] {
      let bad = refusal(
        ap,
        "INSERT INTO request_decision (request_id, actor, roles, verdict, at, comment) VALUES (1, '\(login.user)', '\(roles)', 'approve', 0, '')"
      )
      #expect(
        bad?.message.contains("request_decision_roles_check") == true, "\(roles): \(bad?.message ?? "")")
    }
  }

  /// The holes BREAKER-13 left, narrowed by the roles SQL's policies: a
  /// request filed by SQL in another member's name, and an approver's SQL
  /// rollback to a version that never served production.
  @Test func aRequestInAnotherNameAndARollbackToANewVersionAreRefused() throws {
    guard let (db, owner) = try setUp() else { return }
    defer { owner.close() }
    let ownerStore = PostgresRegistryStore(runner: owner, clock: FixedClock(), actorSource: .asGiven)
    _ = try ownerStore.perform(
      .registerVersion(artefact: "low", label: "v3", source: nil, tags: [:], description: ""),
      as: Grants.setupActor)
    let opLogin = try db.role("fd_guard_op2", grants: ["GRANT flightdeck_operator TO ROLE"])
    let op = try PostgresTransactionRunner(location: opLogin)
    defer { op.close() }
    let file = """
      INSERT INTO promotion_request (artefact, version, target, from_version, requester, reason, created_at,
        expires_at, state, state_changed_at, rule_approvals, rule_role, rule_self_approval)
      VALUES ('low', 'v3', 'production', 'v2', '%@', 'RO-1: done', 0, 1, 'pending', 0, 2, NULL, 0)
      """
    let forged = refusal(op, file.replacingOccurrences(of: "%@", with: "bob"))
    #expect(forged?.code == .missingRole("INSERT on promotion_request"))
    #expect(
      forged?.message
        == "the database refused: role \(opLogin.user) may not file a request in another member's name (only the rollout controller may, for the starter of the unfinished rollout of that version) (new row violates row-level security policy for table \"promotion_request\")"
    )
    // In one's own name it passes the policy, and is refused at COMMIT without its request.create entry (migration 9).
    let own = refusal(op, file.replacingOccurrences(of: "%@", with: opLogin.user))
    #expect(own?.message.contains("has no request.create audit entry") == true, "\(own?.message ?? "")")

    let apLogin = try db.role("fd_guard_ap2", grants: ["GRANT flightdeck_approver TO ROLE"])
    let ap = try PostgresTransactionRunner(location: apLogin)
    defer { ap.close() }
    let rollback = refusal(
      ap,
      """
      INSERT INTO pointer_move (artefact, pointer, from_version, to_version, actor, at, reason, request_id, cause)
      VALUES ('low', 'production', 'v2', 'v3', '\(apLogin.user)', 0, 'quiet fix', NULL, 'rollback')
      """)
    #expect(rollback?.code == .missingRole("INSERT on pointer_move"))
    #expect(
      rollback?.message.contains(
        "a rollback by a member of flightdeck_approver to a version that served production before")
        == true, "\(rollback?.message ?? "")")
  }

  /// BREAKER-13 C2: a bare UPDATE of a pointer, leaving no move behind, is
  /// refused to approvers (production) and operators alike: a pointer holds
  /// what its newest move set.
  @Test func aPointerChangedWithoutAMoveIsRefusedToEveryRole() throws {
    guard let (db, owner) = try setUp() else { return }
    defer { owner.close() }
    for (prefix, role) in [
      ("fd_guard_ptr_ap", "flightdeck_approver"), ("fd_guard_ptr_op", "flightdeck_operator"),
    ] {
      let login = try db.role(prefix, grants: ["GRANT \(role) TO ROLE"])
      let runner = try PostgresTransactionRunner(location: login)
      defer { runner.close() }
      let refused = refusal(
        runner, "UPDATE pointer SET version = 'v1' WHERE artefact = 'low' AND name = 'production'")
      #expect(refused?.code == .missingRole("UPDATE on pointer"), "\(role): \(refused?.message ?? "")")
    }
    let held = try owner.read {
      try $0.queryOne("SELECT version FROM pointer WHERE artefact = 'low' AND name = 'production'")?
        .decode(String.self, forColumn: "version")
    }
    #expect(held == "v2")
  }

  /// BREAKER-13 C3: a decision's roles are what the approver's session
  /// declared; a production move now counts the rule's role only when the
  /// approver really is a member of its team role.
  @Test func aDeclaredRoleCountsOnlyForAMemberOfItsTeamRole() throws {
    guard let (db, owner) = try setUp() else { return }
    defer { owner.close() }
    let approver = try db.role("fd_guard_c3_ap", grants: ["GRANT flightdeck_approver TO ROLE"])
    let manager = try db.role("fd_guard_c3_rm", grants: ["GRANT flightdeck_release_manager TO ROLE"])
    func holds(_ actor: String, _ role: String) throws -> Bool {
      try owner.read {
        try $0.queryOne(
          "SELECT CASE WHEN flightdeck_holds_role(CAST(? AS TEXT), CAST(? AS TEXT)) THEN 1 ELSE 0 END AS held",
          [.text(actor), .text(role)]
        )?.decode(Int64.self, forColumn: "held") == 1
      }
    }
    #expect(try holds(approver.user, "release-manager") == false)
    #expect(try holds(approver.user, "approver") == true)
    #expect(try holds(manager.user, "release-manager") == true)
    #expect(try holds("nobody-by-that-name", "release-manager") == false)
    #expect(try holds(manager.user, "no-such-role") == false)
  }

  /// BREAKER-13 second pass, M2, M3, M5: one operator statement could make
  /// verify fail forever, block every write, or hide a change from every
  /// dashboard. Migration 6 refuses each; FlightDeck's own writes go on.
  @Test func anOperatorCannotJamTheLogOrTheChangeCounter() throws {
    guard let (db, owner) = try setUp() else { return }
    defer { owner.close() }
    let login = try db.role("fd_guard_dos", grants: ["GRANT flightdeck_operator TO ROLE"])
    let op = try PostgresTransactionRunner(location: login)
    defer { op.close() }
    // Seven entries (see anOperatorCannotLowerTheHeadOrTheHighWaterMark): the head is #7.
    let water = refusal(op, "UPDATE meta SET value = '999999999999' WHERE key = 'audit_high_water'")
    #expect(
      water?.message.contains(
        "the audit high-water mark (999999999999) may not stand above the audit head (#7)")
        == true, "\(water?.message ?? "")")
    // Sealed by the recipe (migration 9 refuses an entry whose hash does not verify).
    let headHash = try owner.read {
      try $0.queryOne("SELECT hash FROM audit_head")?.decode(String.self, forColumn: "hash")
    }
    let sealed = AuditChain.seal(
      AuditEntry(
        sequence: 8, at: Timestamp(millisecondsSinceEpoch: 0), actor: login.user, action: .incidentNote,
        subject: "x", before: nil, after: nil, reason: "", previousHash: headHash ?? "", hash: "",
        identity: .databaseRole))
    let orphan = refusal(
      op,
      """
      INSERT INTO audit_log (sequence, at, actor, action, subject, before, after, reason, previous_hash, hash, identity)
      VALUES (8, 0, '\(login.user)', 'incident.note', 'x', NULL, NULL, '', '\(headHash ?? "")', '\(sealed.hash)',
        'database-role')
      """)
    #expect(
      orphan?.message.contains("audit entry #8 is not covered by the audit head (#7)") == true,
      "\(orphan?.message ?? "")")
    let counter = refusal(op, "UPDATE \(PostgresChangeFeed.table) SET counter = counter - 1")
    #expect(counter?.message.contains("the change counter only rises") == true, "\(counter?.message ?? "")")
    // FlightDeck's own appends still go through, and the chain stays whole.
    let store = PostgresRegistryStore(runner: owner, clock: FixedClock(), actorSource: .asGiven)
    _ = try store.perform(
      .registerVersion(artefact: "low", label: "v9", source: nil, tags: [:], description: ""),
      as: Grants.setupActor)
    #expect(try store.verifyAudit().isIntact)
  }

  /// BREAKER-13 third pass, M1: an operator with UPDATE on `promotion_request`
  /// closed or reopened a request by SQL, and only `audit verify` noticed.
  /// Migration 7: a state moves only forward, and only together with its
  /// audit entry in the same transaction; FlightDeck's own transitions go on.
  @Test func anOperatorCannotChangeARequestsStateBySQL() throws {
    guard let (db, owner) = try setUp() else { return }
    defer { owner.close() }
    let store = PostgresRegistryStore(runner: owner, clock: FixedClock(), actorSource: .asGiven)
    try Grants.artefact(store, "high", tier: .high, versions: ["v1"])
    let pending = try Grants.promote(store, "high", "v1")
    let login = try db.role("fd_guard_req", grants: ["GRANT flightdeck_operator TO ROLE"])
    let op = try PostgresTransactionRunner(location: login)
    defer { op.close() }
    func state(_ id: Int64) throws -> String? {
      try owner.read {
        try $0.queryOne("SELECT state FROM promotion_request WHERE id = \(id)")?.decode(
          String.self, forColumn: "state")
      }
    }
    let cancel = refusal(
      op, "UPDATE promotion_request SET state = 'cancelled', state_changed_at = 5 WHERE id = \(pending)")
    #expect(cancel?.code == .missingRole("UPDATE on promotion_request"))
    #expect(
      cancel?.message
        == "the database refused: role \(login.user) may not UPDATE on promotion_request: REQ-\(pending) cancelled has no audit entry written with it (request.cancel by its requester): a request's state changes together with its audit entry, in one transaction"
    )
    // REQ-1 (low v1) was applied at once: it may not be reopened, nor its time rewritten.
    let reopen = refusal(op, "UPDATE promotion_request SET state = 'pending' WHERE id = 1")
    #expect(
      reopen?.message
        == "the database refused: role \(login.user) may not UPDATE on promotion_request: REQ-1 may not go from applied to pending: a request's state only moves forward (pending → approved → applied, or to rejected, expired or cancelled)"
    )
    let retime = refusal(op, "UPDATE promotion_request SET state_changed_at = 0 WHERE id = 1")
    #expect(
      retime?.message.contains("REQ-1 may not go from applied to applied") == true, "\(retime?.message ?? "")"
    )
    // The owner is bound too: a version changed after filing.
    let refiled = refusal(owner, "UPDATE promotion_request SET version = 'v1' WHERE id = 2")
    #expect(refiled?.message.contains("REQ-2 was filed as it stands") == true, "\(refiled?.message ?? "")")
    #expect(try state(pending) == "pending")
    #expect(try state(1) == "applied")
    // FlightDeck's own transition, with its entry, goes through.
    _ = try store.perform(.cancel(requestID: pending, comment: "not now"), as: Grants.setupActor)
    #expect(try state(pending) == "cancelled")
    #expect(try store.verifyAudit().isIntact)
  }

  /// BREAKER-13 third pass, M4: a request state, rollout phase, plan or state
  /// FlightDeck cannot decode made `registry list` fail for everyone until
  /// repaired. Migration 7's CHECK constraints refuse each such row, to an
  /// operator and to the owner; FlightDeck's own rollout rows pass them.
  @Test func rowsFlightDeckCannotDecodeAreRefused() throws {
    guard let (db, owner) = try setUp() else { return }
    defer { owner.close() }
    let store = PostgresRegistryStore(runner: owner, clock: FixedClock(), actorSource: .asGiven)
    _ = try store.perform(
      .registerVersion(artefact: "low", label: "v3", source: nil, tags: [:], description: ""),
      as: Grants.setupActor)
    _ = try store.perform(
      .startRollout(
        try RolloutPlan(
          artefact: "low", canaryVersion: "v3", steps: [.setWeight(percent: 10), .pauseUntilPromoted])),
      as: Grants.setupActor)
    let login = try db.role("fd_guard_rows", grants: ["GRANT flightdeck_operator TO ROLE"])
    let op = try PostgresTransactionRunner(location: login)
    defer { op.close() }
    let plan = try #require(
      try owner.read { try $0.queryOne("SELECT plan FROM rollout")?.decode(String.self, forColumn: "plan") })
    #expect(plan.contains(#"{"setWeight":{"percent":10}}"#), "\(plan)")
    let badPlans = [
      "not json", "[]", #"{"artefact":"low","canaryVersion":"v3","routingKey":"session","steps":[]}"#,
      #"{"artefact":"low","canaryVersion":"v3","steps":[{"pauseUntilPromoted":{}}]}"#,
      plan.replacingOccurrences(of: #""percent":10"#, with: #""percent":"10""#),
      plan.replacingOccurrences(of: #""percent":10"#, with: #""percent":101"#),
      plan.replacingOccurrences(of: #"{"pauseUntilPromoted":{}}"#, with: #"{"wait":{}}"#),
    ]
    var cases: [(String, String)] = badPlans.map {
      ("UPDATE rollout SET plan = '\($0)'", "rollout_plan_check")
    }
    cases += [
      ("UPDATE rollout SET phase = 'done'", "rollout_phase_check"),
      ("UPDATE rollout SET phase = 'aborted'", "rollout_phase_check"),  // still unfinished
      ("UPDATE rollout SET state = '{}'", "rollout_state_check"),
      (
        "UPDATE rollout SET state = replace(state, '\"phase\":\"paused\"', '\"phase\":\"promoted\"')",
        "rollout_state_check"
      ),
      (
        """
        INSERT INTO promotion_request (artefact, version, target, from_version, requester, reason, created_at,
          expires_at, state, state_changed_at, rule_approvals, rule_role, rule_self_approval)
        VALUES ('low', 'v3', 'production', 'v2', '\(login.user)', 'r', 0, 1, 'Pending', 0, 2, NULL, 0)
        """, "promotion_request_state_check"
      ),
      (
        """
        INSERT INTO pointer_move (artefact, pointer, from_version, to_version, actor, at, reason, request_id, cause)
        VALUES ('low', 'staging', NULL, 'v1', '\(login.user)', 0, 'r', NULL, 'whim')
        """, "pointer_move_cause_check"
      ),
    ]
    for (runner, who) in [(op, "operator"), (owner, "owner")] {
      for (sql, constraint) in cases {
        let refused = refusal(runner, sql)
        // Since migration 9 a member's change of a rollout's plan is refused before any CHECK.
        let earlier =
          who == "operator" && sql.hasPrefix("UPDATE rollout SET plan")
          ? "RO-1 was started as it stands: only its state, phase and finish change" : constraint
        #expect(refused?.message.contains(earlier) == true, "\(who): \(sql): \(refused?.message ?? "")")
      }
    }
    // The rollout still reads back, and the chain is whole.
    #expect(try store.rollouts(artefact: "low").first?.state.phase == .paused)
    #expect(try store.verifyAudit().isIntact)
  }

  /// Triggers bind the tables' owner too (row-level security does not).
  @Test func theOwnerCannotRewriteTheLogEither() throws {
    guard let (db, owner) = try setUp() else { return }
    defer { owner.close() }
    // The database lives as long as its TestDatabase.
    defer { withExtendedLifetime(db) {} }
    for (sql, words) in [
      (
        "UPDATE audit_log SET reason = 'nothing to see' WHERE sequence = 5",
        "UPDATE on audit_log: the audit log is append-only: entry #5"
      ),
      (
        "DELETE FROM audit_log WHERE sequence = 7",
        "DELETE on audit_log: the audit log is append-only: entry #7"
      ),
      ("TRUNCATE audit_log", "TRUNCATE on audit_log"),
      ("UPDATE audit_head SET sequence = 6", "UPDATE on audit_head"),
      ("DELETE FROM audit_head", "DELETE on audit_head"),
      ("DELETE FROM meta WHERE key = 'audit_high_water'", "DELETE on meta"),
      (
        "DELETE FROM pointer_move WHERE id = 2", "DELETE on pointer_move: pointer_move is append-only: row #2"
      ),
    ] {
      let e = refusal(owner, sql)
      #expect(e?.message.contains("may not \(words)") == true, "\(sql): \(e?.message ?? "")")
    }
    let intact = try PostgresRegistryStore(runner: owner, clock: FixedClock(), actorSource: .asGiven)
      .verifyAudit()
    #expect(intact.isIntact && intact.entriesChecked == 7)
  }
}
