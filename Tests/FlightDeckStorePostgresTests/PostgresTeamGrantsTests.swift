import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// Every domain transaction × every team role, through the real store API as
/// a real login role: what the database allows and refuses follows the
/// product's rules (ReleaseManagement, PostgreSQLStore), worked out by hand:
///
/// | transaction | viewer | operator | approver | release manager |
/// |---|---|---|---|---|
/// | register artefact, register version, import | ✗ | ✗ | ✗ | ✓ |
/// | apply configuration (policy, roles, gates) | ✗ | ✗ RLS `meta` | ✗ RLS `meta` | ✓ |
/// | record gate results | ✗ | ✓ | ✓ | ✓ |
/// | promote to canary (applied at once) | ✗ | ✓ | ✓ | ✓ |
/// | request production (approvals needed: pending) | ✗ | ✓ | ✓ | ✓ |
/// | promote production, low tier (0 approvals: applied at once) | ✗ | ✓ | ✓ | ✓ |
/// | approve (the approval that applies production), reject | ✗ | ✗ | ✓ | ✓ |
/// | cancel one's own request | ✗ | ✓ | ✓ | ✓ |
/// | roll back production | ✗ | ✗ RLS `pointer_move` | ✓ | ✓ |
/// | set canary weight, rollout start, rollout abort | ✗ | ✓ | ✓ | ✓ |
/// | silence, open incident, acknowledge incident, note | ✗ | ✓ | ✓ | ✓ |
///
/// ✗ is a refusal by PostgreSQL itself (`.missingRole`, "the database
/// refused: role … "), never by the client; "RLS" marks a refusal by a
/// row-level security policy rather than a missing table grant.
@Suite struct PostgresTeamGrantsTests {
  typealias FixedClock = PostgresRegistryStoreTests.FixedClock

  /// A team job: its group role.
  enum Job: String, CaseIterable, Sendable {
    case viewer = "flightdeck_viewer"
    case `operator` = "flightdeck_operator"
    case approver = "flightdeck_approver"
    case releaseManager = "flightdeck_release_manager"
  }

  /// One row of the table: a transaction, the state it needs (made by the
  /// table owner, who is no team member), the jobs allowed it, and for an RLS
  /// refusal the words its message must hold.
  struct Case: Sendable {
    let name: String
    let allowed: Set<Job>
    var policyRefusal: [Job: String] = [:]
    /// Makes the state in `owner` for artefact `artefact` and returns the command the job runs.
    let setup:
      @Sendable (_ owner: any RegistryStore, _ artefact: String, _ user: String) throws -> RegistryCommand
  }

  static let setupActor = OperatorIdentity(name: "setup", roles: ["release-manager"])
  static let override = "gates not under test"

  static func artefact(
    _ owner: any RegistryStore, _ name: String, tier: RiskTier = .high, versions: [String] = ["v1"]
  ) throws {
    _ = try owner.perform(
      .registerArtefact(name: name, kind: .model, owner: "ml", riskTier: tier, description: ""),
      as: setupActor)
    for v in versions {
      _ = try owner.perform(
        .registerVersion(artefact: name, label: v, source: nil, tags: [:], description: ""), as: setupActor)
    }
  }

  static func promote(
    _ owner: any RegistryStore, _ name: String, _ version: String, _ target: PointerName = .production,
    as actor: OperatorIdentity = setupActor
  ) throws -> Int64 {
    try #require(
      try owner.perform(
        .requestPromotion(
          artefact: name, version: version, target: target, reason: "setup", expectedFrom: nil,
          override: override), as: actor
      ).request?.id)
  }

  static let all: Set<Job> = Set(Job.allCases)
  static let operators: Set<Job> = [.operator, .approver, .releaseManager]
  static let approvers: Set<Job> = [.approver, .releaseManager]
  static let releaseManagers: Set<Job> = [.releaseManager]
  static func plan(_ artefact: String) throws -> RolloutPlan {
    try RolloutPlan(
      artefact: artefact, canaryVersion: "v2",
      steps: RolloutPlan.steps(weights: [5, 50, 100], pauseMs: 60_000))
  }

  static let cases: [Case] = [
    Case(name: "register artefact", allowed: releaseManagers) { _, a, _ in
      .registerArtefact(name: a, kind: .prompt, owner: "ml", riskTier: .low, description: "")
    },
    Case(name: "register version", allowed: releaseManagers) { owner, a, _ in
      try artefact(owner, a, versions: [])
      return .registerVersion(artefact: a, label: "v1", source: nil, tags: [:], description: "")
    },
    Case(name: "import", allowed: releaseManagers) { _, a, _ in
      .importArtefact(
        RegistryImportPlan(
          artefact: a, kind: .model, description: "", riskTier: .high,
          versions: [
            .init(
              label: "1", createdAt: Timestamp(millisecondsSinceEpoch: 1_700_000_000_000), createdBy: "",
              source: nil, tags: [:], description: "")
          ], pointers: [.production: "1"], origin: "m.json", warnings: []))
    },
    Case(name: "record gate results", allowed: operators) { owner, a, _ in
      try artefact(owner, a)
      let report = GateCheck.evaluate(
        policy: .standard, tier: .high,
        results: [
          GateInput(
            file: "eval.json", format: .flightdeck, sha256: String(repeating: "a", count: 64),
            metrics: ["error_rate": 0.001])
        ])
      return .recordGateResults(artefact: a, version: "v1", report: report)
    },
    Case(name: "promote to canary", allowed: operators) { owner, a, _ in
      try artefact(owner, a)
      return .requestPromotion(
        artefact: a, version: "v1", target: .canary, reason: "try it", expectedFrom: nil, override: nil)
    },
    Case(name: "request production (pending)", allowed: operators) { owner, a, _ in
      try artefact(owner, a)
      return .requestPromotion(
        artefact: a, version: "v1", target: .production, reason: "ship", expectedFrom: nil, override: override
      )
    },
    Case(name: "promote production, low tier (applied at once)", allowed: operators) { owner, a, _ in
      try artefact(owner, a, tier: .low)
      return .requestPromotion(
        artefact: a, version: "v1", target: .production, reason: "ship", expectedFrom: nil, override: override
      )
    },
    Case(name: "approve (applies production)", allowed: approvers) { owner, a, _ in
      try artefact(owner, a, tier: .medium)
      return .approve(requestID: try promote(owner, a, "v1"), comment: "ok")
    },
    Case(name: "reject", allowed: approvers) { owner, a, _ in
      try artefact(owner, a, tier: .medium)
      return .reject(requestID: try promote(owner, a, "v1"), comment: "not yet")
    },
    Case(name: "cancel own request", allowed: operators) { owner, a, user in
      try artefact(owner, a, tier: .medium)
      return .cancel(requestID: try promote(owner, a, "v1", as: OperatorIdentity(name: user)), comment: "")
    },
    Case(
      name: "roll back production", allowed: approvers,
      policyRefusal: [.operator: "may not move the production pointer"]
    ) { owner, a, _ in
      try artefact(owner, a, tier: .low, versions: ["v1", "v2"])
      _ = try promote(owner, a, "v1")
      _ = try promote(owner, a, "v2")
      return .rollback(artefact: a, to: nil, reason: "errors", expectedProduction: "v2")
    },
    Case(name: "set canary weight", allowed: operators) { owner, a, _ in
      try artefact(owner, a)
      _ = try promote(owner, a, "v1", .canary)
      return .setCanaryWeight(artefact: a, percent: 10, reason: "more traffic")
    },
    Case(name: "rollout start", allowed: operators) { owner, a, _ in
      try artefact(owner, a, tier: .low, versions: ["v1", "v2"])
      _ = try promote(owner, a, "v1")
      return .startRollout(try plan(a))
    },
    Case(name: "rollout abort", allowed: operators) { owner, a, _ in
      try artefact(owner, a, tier: .low, versions: ["v1", "v2"])
      _ = try promote(owner, a, "v1")
      _ = try owner.perform(.startRollout(try plan(a)), as: setupActor)
      return .rolloutEvent(artefact: a, event: .abort(reason: "errors"))
    },
    Case(name: "silence", allowed: operators) { _, a, _ in
      .createSilence(
        matchers: [AlertLabelMatcher(name: "artefact", op: .equal, value: a)],
        startsAt: Timestamp(millisecondsSinceEpoch: FixedClock.start),
        endsAt: Timestamp(millisecondsSinceEpoch: FixedClock.start + 3_600_000), comment: "maintenance")
    },
    Case(name: "open incident", allowed: operators) { _, a, _ in
      .openIncident(
        title: "\(a) down", severity: .sev2, commander: nil, links: IncidentLinks(), source: .manual)
    },
    Case(name: "acknowledge incident", allowed: operators) { owner, a, _ in
      let opened = try owner.perform(
        .openIncident(
          title: "\(a) down", severity: .sev2, commander: nil, links: IncidentLinks(), source: .manual),
        as: setupActor)
      return .acknowledgeIncident(id: try #require(opened.incident?.id))
    },
    // Last: it changes the configuration in force for every later command.
    Case(
      name: "apply configuration", allowed: releaseManagers,
      policyRefusal: [
        .operator: "may not change the workspace's configuration",
        .approver: "may not change the workspace's configuration",
      ]
    ) { _, _, _ in
      .applyConfiguration(policy: .standard, roles: [:])
    },
  ]

  @Test func eachTransactionIsAllowedOrRefusedByTheDatabaseAsTheRulesSay() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let ownerRunner = try db.runner()
    defer { ownerRunner.close() }
    try ownerRunner.write { session in
      for statement in PostgresTeamRoles.statements(database: db.location.database) {
        try session.execute(statement)
      }
    }
    let clock = FixedClock()
    // The table owner, who is no team member: it sets the scene (it bypasses RLS, see PostgresTeamRoles).
    let owner = PostgresRegistryStore(runner: ownerRunner, clock: clock, actorSource: .asGiven)
    var table: [String] = []
    for job in Job.allCases {
      let login = try db.role("fd_\(job)".lowercased(), grants: ["GRANT \(job.rawValue) TO ROLE"])
      let store = try PostgresStoreBackend().open(
        at: StoreLocation(parsing: login.description), options: StoreOpenOptions(clock: clock))
      for (index, c) in Self.cases.enumerated() {
        let artefact = "a\(index)-\(job)".lowercased()
        clock.advance(1000)
        let command = try c.setup(owner, artefact, login.user)
        clock.advance(1000)
        let before = try owner.verifyAudit().entriesChecked
        do {
          _ = try store.run(command, as: OperatorIdentity(name: "anyone"))
          table.append("\(c.name) | \(job) | allowed")
        } catch let e as RegistryError {
          table.append("\(c.name) | \(job) | refused")
          guard case .missingRole = e.code else {
            Issue.record("\(c.name) as \(job): refused by the client, not the database: \(e.message)")
            continue
          }
          #expect(e.message.hasPrefix("the database refused: role \(login.user) "), "\(e.message)")
          if let words = c.policyRefusal[job] {
            #expect(e.message.contains(words), "\(c.name) as \(job): \(e.message)")
          }
          // Nothing of a refused transaction stays.
          #expect(try owner.verifyAudit().entriesChecked == before)
        }
      }
    }
    let expected = Job.allCases.flatMap { job in
      Self.cases.map { "\($0.name) | \(job) | \($0.allowed.contains(job) ? "allowed" : "refused")" }
    }
    #expect(table == expected)
    #expect(try owner.verifyAudit().isIntact)
  }

  @Test func anOperatorCannotForgeAProductionMoveBySQL() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let ownerRunner = try db.runner()
    defer { ownerRunner.close() }
    try ownerRunner.write { session in
      for statement in PostgresTeamRoles.statements(database: db.location.database) {
        try session.execute(statement)
      }
    }
    let clock = FixedClock()
    let owner = PostgresRegistryStore(runner: ownerRunner, clock: clock, actorSource: .asGiven)
    try Self.artefact(owner, "low", tier: .low, versions: ["v1", "v2"])
    let applied = try Self.promote(owner, "low", "v1")
    _ = try Self.promote(owner, "low", "v2")
    let login = try db.role("fd_oper", grants: ["GRANT flightdeck_operator TO ROLE"])
    let asOperator = try PostgresTransactionRunner(location: login)
    defer { asOperator.close() }
    let move = """
      INSERT INTO pointer_move (artefact, pointer, from_version, to_version, actor, at, reason, request_id, cause)
      VALUES ('low', 'production', 'v2', ?, 'x', 0, 'r', ?, ?) RETURNING id
      """
    // No request; a request already applied (a replay); a rollback: each refused by a policy.
    for (version, request, cause) in [
      ("v1", SQLValue.null, "promotion"), ("v1", .integer(applied), "promotion"), ("v1", .null, "rollback"),
    ] {
      let refused = #expect(throws: RegistryError.self) {
        try asOperator.write { try $0.execute(move, [.text(version), request, .text(cause)]) }
      }
      #expect(refused?.code == .missingRole("INSERT on pointer_move"))
      #expect(
        refused?.message
          == "the database refused: role \(login.user) may not move the production pointer: only the application of a promotion request whose approvals meet its rule may, a rollback by a member of flightdeck_approver to a version that served production before, or an import by a member of flightdeck_release_manager, nor record a move in another member's name (new row violates row-level security policy for table \"pointer_move\")"
      )
    }
    // The pointer itself, set back by hand to the older move to v1: refused too.
    let pointer = #expect(throws: RegistryError.self) {
      try asOperator.write {
        try $0.execute(
          """
          UPDATE pointer SET version = 'v1', last_move = (SELECT min(id) FROM pointer_move WHERE pointer = 'production')
          WHERE name = 'production'
          """)
      }
    }
    #expect(pointer?.code == .missingRole("UPDATE on pointer"))
    // A pending request's version and rule, rewritten before the approval that would apply
    // it (BREAKER-13 #1): refused; only its state may move.
    let pending = try Self.promote(owner, "low", "v1")
    for column in ["version = 'v2'", "rule_approvals = 0", "target = 'staging'", "artefact = 'x'"] {
      let rewrite = #expect(throws: RegistryError.self) {
        try asOperator.write {
          try $0.execute("UPDATE promotion_request SET \(column) WHERE id = ?", [.integer(pending)])
        }
      }
      #expect(rewrite?.code == .missingRole("UPDATE on promotion_request"), "\(column)")
    }
    // Its state and time are granted: the grant lets the statement through, and migration 7's
    // trigger answers (a state moves only forward, with its audit entry; low v1 was applied at once).
    let unmoved = #expect(throws: RegistryError.self) {
      try asOperator.write {
        try $0.execute(
          "UPDATE promotion_request SET state = state, state_changed_at = state_changed_at WHERE id = ?",
          [.integer(pending)])
      }
    }
    #expect(
      unmoved?.message.contains(
        "REQ-\(pending) may not go from applied to applied: a request's state only moves forward")
        == true, "\(unmoved?.message ?? "")")
    // Another member's name (BREAKER-13 #2, #3): a canary move as someone else, and an audit
    // entry as someone else or claiming a system identity: refused by the policies.
    let forgedMove = #expect(throws: RegistryError.self) {
      try asOperator.write {
        try $0.execute(
          move.replacingOccurrences(of: "'production', 'v2'", with: "'canary', NULL").replacingOccurrences(
            of: "'x'", with: "'bob'"),
          [.text("v2"), .null, .text("assignment")])
      }
    }
    #expect(forgedMove?.code == .missingRole("INSERT on pointer_move"))
    let entry = """
      INSERT INTO audit_log (sequence, at, actor, action, subject, before, after, reason, previous_hash, hash, identity)
      VALUES (999, 0, ?, 'pointer.move', 'low:production', NULL, NULL, 'forged', '', '', ?)
      """
    for (actor, identity) in [
      ("bob", "database-role"), (login.user, "system"), ("system:alerting", "database-role"),
      (login.user, "unauthenticated:asserted"),
    ] {
      let forged = #expect(throws: RegistryError.self) {
        try asOperator.write { try $0.execute(entry, [.text(actor), .text(identity)]) }
      }
      #expect(forged?.code == .missingRole("INSERT on audit_log"), "\(actor) \(identity)")
      #expect(
        forged?.message.contains("may not append an audit entry in another member's name") == true,
        "\(forged?.message ?? "")")
    }
    // A decision in another approver's name.
    let approverLogin = try db.role("fd_appr", grants: ["GRANT flightdeck_approver TO ROLE"])
    let asApprover = try PostgresTransactionRunner(location: approverLogin)
    defer { asApprover.close() }
    let decision = """
      INSERT INTO request_decision (request_id, actor, verdict, comment, at, roles) VALUES (?, ?, 'approve', 'x', 0, '[]')
      """
    let forgedDecision = #expect(throws: RegistryError.self) {
      try asApprover.write { try $0.execute(decision, [.integer(pending), .text("bob")]) }
    }
    #expect(forgedDecision?.code == .missingRole("INSERT on request_decision"))
    // An approver moving production by SQL with fewer approvals than the rule (none of two),
    // as a promotion applying the request, or as a plain assignment: refused (BREAKER-13 #2).
    try Self.artefact(owner, "high", tier: .high, versions: ["v1"])
    let unapproved = try Self.promote(owner, "high", "v1")
    for (cause, request) in [("promotion", SQLValue.integer(unapproved)), ("assignment", .null)] {
      let bypass = #expect(throws: RegistryError.self) {
        try asApprover.write {
          try $0.execute(
            "UPDATE promotion_request SET state = 'applied' WHERE id = ?", [.integer(unapproved)])
          try $0.execute(
            """
            INSERT INTO pointer_move (artefact, pointer, from_version, to_version, actor, at, reason, request_id, cause)
            VALUES ('high', 'production', NULL, 'v1', ?, 0, 'r', ?, ?)
            """, [.text(approverLogin.user), request, .text(cause)])
        }
      }
      // Migration 12 refuses the request's state change itself (no approvals), before the move.
      #expect(
        [.missingRole("UPDATE on promotion_request"), .missingRole("INSERT on pointer_move")].contains(
          bypass?.code), "\(cause)")
    }
    // A canary move in one's own name needs no request, but it needs its audit entry written
    // with it (migration 3): without one the database refuses it at commit.
    let unaudited = #expect(throws: RegistryError.self) {
      try asOperator.write {
        try $0.execute(
          move.replacingOccurrences(of: "'production', 'v2'", with: "'canary', NULL").replacingOccurrences(
            of: "'x'", with: "'\(login.user)'"),
          [.text("v2"), .null, .text("assignment")])
      }
    }
    #expect(unaudited?.code == .missingRole("INSERT on pointer_move"))
    #expect(
      unaudited?.message.hasPrefix(
        "the database refused: role \(login.user) may not INSERT on pointer_move: pointer_move #") == true,
      "\(unaudited?.message ?? "")")
    #expect(unaudited?.message.contains("low canary none → v2 has no audit entry written with it") == true)
  }
  @Test func applyingTheRolesAgainOnAnOlderWorkspaceConvergesOnTheseGrantsAndPolicies() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let owner = try db.runner()
    defer { owner.close() }
    // An older FlightDeck's coarse grants: pointers and all of version for approvers only.
    try owner.write { session in
      for role in PostgresTeamRoles.roles {
        try session.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) NOLOGIN INHERIT; END IF; END $$"
        )
      }
      try session.execute("GRANT UPDATE ON version TO flightdeck_approver")
      try session.execute("GRANT INSERT, UPDATE ON pointer TO flightdeck_approver")
    }
    let location = try StoreLocation(parsing: db.location.description)
    let statements = PostgresTeamRoles.statements(database: db.location.database).count
    #expect(try PostgresStoreBackend().applyTeamSetup(at: location) == statements)
    #expect(try PostgresStoreBackend().applyTeamSetup(at: location) == statements)
    let state = try owner.read { session in
      try session.queryOne(
        """
        SELECT has_table_privilege('flightdeck_approver', 'version', 'UPDATE') AS version_update,
          has_column_privilege('flightdeck_operator', 'version', 'rolled_back_at', 'UPDATE') AS rolled_back,
          has_table_privilege('flightdeck_operator', 'pointer_move', 'INSERT') AS moves,
          (SELECT count(*) FROM pg_policies WHERE schemaname = 'public') AS policies,
          (SELECT count(*) FROM pg_class
            WHERE relname IN ('pointer', 'pointer_move', 'promotion_request', 'request_decision', 'audit_log', 'meta')
              AND relrowsecurity
            AND relnamespace = 'public'::regnamespace) AS guarded
        """, [])
    }
    // The older table-wide UPDATE on version is gone; the column grant and the move grant are there.
    #expect(state?["version_update"] == .integer(0))
    #expect(state?["rolled_back"] == .integer(1))
    #expect(state?["moves"] == .integer(1))
    #expect(state?["policies"] == .integer(15))
    #expect(state?["guarded"] == .integer(6))
  }
}
