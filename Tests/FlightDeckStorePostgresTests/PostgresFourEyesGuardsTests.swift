import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// Migration 9 (``PostgresSchema/auditGuardsFourthPass``), tried with SQL as
/// real login roles: four-eyes is checked by the database itself (the
/// policy's rule, approvals by `session_user`, the database's clock), canary
/// weights, silences and the configuration are refused without their audit
/// entries, and rows FlightDeck could not read are refused by CHECK
/// constraints; FlightDeck's own flows as the same roles go on.
@Suite struct PostgresFourEyesGuardsTests {
  typealias FixedClock = PostgresRegistryStoreTests.FixedClock
  typealias Grants = PostgresTeamGrantsTests

  /// A database with the team roles applied, `bot` (high risk: 2 approvals,
  /// none by the requester) and `crit` (critical: 2, one a release manager)
  /// with v1 and v2, registered by the owner.
  func setUp() throws -> (TestDatabase, PostgresTransactionRunner, any RegistryStore)? {
    guard let db = try PostgresTestCluster.freshDatabase() else { return nil }
    let owner = try db.runner()
    try owner.write { session in
      for statement in PostgresTeamRoles.statements(database: db.location.database) {
        try session.execute(statement)
      }
    }
    let store = PostgresRegistryStore(runner: owner, clock: FixedClock(), actorSource: .asGiven)
    try Grants.artefact(store, "bot", tier: .high, versions: ["v1", "v2"])
    try Grants.artefact(store, "crit", tier: .critical, versions: ["v1", "v2"])
    return (db, owner, store)
  }

  func open(_ location: PostgresLocation, _ clock: FixedClock = FixedClock()) throws -> any RegistryStore {
    try PostgresStoreBackend().open(
      at: StoreLocation(parsing: location.description), options: StoreOpenOptions(clock: clock))
  }

  /// Request `id` as the store reads it.
  func request(_ store: any RegistryStore, _ id: Int64) throws -> PromotionRequest? {
    try store.requests(artefact: nil, states: nil, limit: 1000).first { $0.id == id }
  }

  /// Appends an entry by `actor` sealed with the public recipe (``AuditChain``:
  /// what a member can write by hand) and moves the head to it.
  /// - Returns: the entry's sequence.
  @discardableResult
  static func appendByHand(
    _ session: any SQLSession, actor: String, action: AuditAction, subject: String, before: String? = nil,
    after: String? = nil, at: Int64
  ) throws -> Int64 {
    let head = try #require(try session.queryOne("SELECT sequence, hash FROM audit_head WHERE id = 1"))
    let sequence: Int64 = try head.decode(Int64.self, forColumn: "sequence") + 1
    let entry = AuditChain.seal(
      AuditEntry(
        sequence: sequence, at: Timestamp(millisecondsSinceEpoch: at), actor: actor, action: action,
        subject: subject, before: before, after: after, reason: "by hand",
        previousHash: try head.decode(forColumn: "hash"), hash: "", identity: .databaseRole))
    try session.execute(
      """
      INSERT INTO audit_log (sequence, at, actor, action, subject, before, after, reason, previous_hash, hash, identity)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .integer(sequence), .integer(at), .text(actor), .text(action.rawValue), .text(subject),
        before.map { .text($0) } ?? .null, after.map { .text($0) } ?? .null, .text(entry.reason),
        .text(entry.previousHash), .text(entry.hash), .text(ActorIdentification.databaseRole.rawValue),
      ])
    try session.execute(
      "UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1", [.integer(sequence), .text(entry.hash)])
    return sequence
  }

  func refusal(_ runner: PostgresTransactionRunner, _ sql: String) -> RegistryError? {
    #expect(throws: RegistryError.self, "\(sql)") { try runner.write { try $0.execute(sql) } }
  }

  func file(
    _ who: String, artefact: String = "bot", rule: String, expires: String = "flightdeck_now_ms() + 60000"
  )
    -> String
  {
    """
    INSERT INTO promotion_request (artefact, version, target, from_version, requester, reason, created_at,
      expires_at, state, state_changed_at, rule_approvals, rule_role, rule_self_approval)
    VALUES ('\(artefact)', 'v2', 'production', NULL, '\(who)', 'mine', 0, \(expires), 'pending', 0, \(rule))
    """
  }

  /// The known hole: a member filed a request claiming the policy needs no
  /// approval (with a matching, hash-valid `request.create` entry) and moved
  /// production alone. The database now compares the rule with the policy in force.
  @Test func aRequestIsFiledWithTheRiskPolicysRule() throws {
    guard let (db, owner, _) = try setUp() else { return }
    defer { owner.close() }
    let login = try db.role("fd_4e_op", grants: ["GRANT flightdeck_operator TO ROLE"])
    let op = try PostgresTransactionRunner(location: login)
    defer { op.close() }
    let none = refusal(op, file(login.user, rule: "0, NULL, 1"))
    #expect(none?.code == .missingRole("INSERT on promotion_request"))
    #expect(
      none?.message
        == "the database refused: role \(login.user) may not INSERT on promotion_request: a request to move bot production (high risk) needs 2 approval(s), none by its requester under the risk policy in force; it may not be filed with 0, self-approval"
    )
    // Two approvals, but the requester may approve: refused the same way.
    #expect(
      refusal(op, file(login.user, rule: "2, NULL, 1"))?.message.contains("needs 2 approval(s)") == true)
    // Critical: the release manager's role may not be left out.
    let role = refusal(op, file(login.user, artefact: "crit", rule: "2, NULL, 0"))
    #expect(role?.message.contains("needs 2 approval(s), one with role release-manager") == true)
    // An expiry past the policy's lifetime (7 days) of the database's clock.
    let forever = refusal(
      op, file(login.user, rule: "2, NULL, 0", expires: "flightdeck_now_ms() + 8 * 86400000"))
    #expect(
      forever?.message.contains(
        "a request expires after it is filed and within the policy's request lifetime")
        == true, "\(forever?.message ?? "")")
    // Filed as the policy says but without its request.create entry: refused at COMMIT.
    let unaudited = refusal(op, file(login.user, rule: "2, NULL, 0"))
    #expect(
      unaudited?.message.contains(
        "has no request.create audit entry (with its approvals needed) written with it") == true,
      "\(unaudited?.message ?? "")")
    // Through FlightDeck, as the same role: the policy's rule, and pending.
    let request = try #require(
      try open(login).perform(
        .requestPromotion(
          artefact: "crit", version: "v2", target: .production, reason: "ship", expectedFrom: nil,
          override: Grants.override), as: OperatorIdentity(name: "ignored")
      ).request)
    #expect(
      request.state == .pending && request.rule.approvals == 2
        && request.rule.requiredRole == "release-manager")
  }

  /// A decision names `session_user`, declares only roles the session holds,
  /// and an approval is not the requester's nor a second one by the same person.
  @Test func anApprovalIsTheSessionsOwnAndCountsOnce() throws {
    guard let (db, owner, _) = try setUp() else { return }
    defer { owner.close() }
    let bobAt = try db.role("fd_4e_bob", grants: ["GRANT flightdeck_approver TO ROLE"])
    let carolAt = try db.role("fd_4e_carol", grants: ["GRANT flightdeck_approver TO ROLE"])
    let bob = try open(bobAt)
    let request = try #require(
      try bob.perform(
        .requestPromotion(
          artefact: "bot", version: "v2", target: .production, reason: "ship", expectedFrom: nil,
          override: Grants.override), as: OperatorIdentity(name: "ignored")
      ).request?.id)
    let bobSQL = try PostgresTransactionRunner(location: bobAt)
    defer { bobSQL.close() }
    let carolSQL = try PostgresTransactionRunner(location: carolAt)
    defer { carolSQL.close() }
    func decide(_ actor: String?, roles: String = "[]") -> String {
      let column = actor == nil ? "" : "actor, "
      let value = actor.map { "'\($0)', " } ?? ""
      return
        "INSERT INTO request_decision (request_id, \(column)roles, verdict, at, comment) VALUES (\(request), \(value)'\(roles)', 'approve', 0, '')"
    }
    let asCarol = refusal(bobSQL, decide(carolAt.user))
    #expect(
      asCarol?.message
        == "the database refused: role \(bobAt.user) may not INSERT on request_decision: a decision names the role that makes it (\(bobAt.user)), not \(carolAt.user)"
    )
    let own = refusal(bobSQL, decide(nil))
    #expect(
      own?.message.contains(
        "\(bobAt.user) requested REQ-\(request) and may not approve it: the risk policy needs someone else (four-eyes)"
      )
        == true, "\(own?.message ?? "")")
    let declared = refusal(carolSQL, decide(nil, roles: "[\"release-manager\"]"))
    #expect(
      declared?.message.contains(
        "\(carolAt.user) declares the role release-manager but is no member of flightdeck_release_manager")
        == true,
      "\(declared?.message ?? "")")
    // carol approves through FlightDeck (1/2); her second approval by SQL is refused by the database.
    _ = try open(carolAt).perform(
      .approve(requestID: request, comment: "ok"), as: OperatorIdentity(name: "x"))
    let twice = refusal(carolSQL, decide(nil))
    #expect(
      twice?.message.contains("\(carolAt.user) already approved REQ-\(request); a person counts once")
        == true,
      "\(twice?.message ?? "")")
    #expect(try bob.snapshot().artefact("bot")?.pointers[.production] == nil)
    #expect(try bob.verifyAudit().isIntact)
  }

  /// The hole as the brief put it: a member moves a request forward with a
  /// hash-valid audit entry written by hand in their own name. Migrations 3
  /// and 7 accepted it (the entry is there, in the same transaction); the
  /// database now counts the approvals against the rule at `COMMIT`.
  @Test func aRequestIsApprovedOnlyWhenItsApprovalsMeetItsRule() throws {
    guard let (db, owner, store) = try setUp() else { return }
    defer { owner.close() }
    let request = try Grants.promote(store, "bot", "v2", as: OperatorIdentity(name: "alice"))
    let bobAt = try db.role("fd_4e_fwd", grants: ["GRANT flightdeck_approver TO ROLE"])
    let bob = try PostgresTransactionRunner(location: bobAt)
    defer { bob.close() }
    let at = FixedClock.start + 5000
    let refused = #expect(throws: RegistryError.self) {
      try bob.write { session in
        try session.execute(
          "INSERT INTO request_decision (request_id, actor, roles, verdict, at, comment) VALUES (\(request), '\(bobAt.user)', '[\"approver\"]', 'approve', \(at), 'ok')"
        )
        try session.execute(
          "UPDATE promotion_request SET state = 'approved', state_changed_at = \(at) WHERE id = \(request)")
        // Hash-valid: the database recomputes the hash, and this one is right.
        try Self.appendByHand(
          session, actor: bobAt.user, action: .requestApprove, subject: "REQ-\(request)",
          before: #"{"approvals":0,"state":"pending"}"#, after: #"{"approvals":1,"state":"approved"}"#, at: at
        )
      }
    }
    #expect(refused?.code == .missingRole("UPDATE on promotion_request"))
    #expect(
      refused?.message
        == "the database refused: role \(bobAt.user) may not UPDATE on promotion_request: REQ-\(request) may not be approved: its approvals do not meet its rule (2 approval(s) by distinct people, none by its requester)"
    )
    #expect(try self.request(store, request)?.state == .pending)
    #expect(try store.verifyAudit().isIntact)
  }

  /// Expiry is the database's clock: a client whose clock says the request
  /// is still open cannot approve it once the database says it expired.
  @Test func aRequestExpiredByTheDatabasesClockCannotBeApproved() throws {
    guard let (db, owner, _) = try setUp() else { return }
    defer { owner.close() }
    // Filed ten days ago by the owner's clock (the owner is an administrator: no migration 9 check).
    let past = FixedClock()
    past.advance(-10 * 86_400_000)
    let ownerStore = PostgresRegistryStore(runner: owner, clock: past, actorSource: .asGiven)
    let request = try Grants.promote(ownerStore, "bot", "v2", as: OperatorIdentity(name: "alice"))
    let expiresAt = try #require(try self.request(ownerStore, request)).expiresAt
    let bobAt = try db.role("fd_4e_late", grants: ["GRANT flightdeck_approver TO ROLE"])
    // bob's clock is ten days behind too: to FlightDeck the request is open.
    let refused = #expect(throws: RegistryError.self) {
      try open(bobAt, past).perform(
        .approve(requestID: request, comment: "ok"), as: OperatorIdentity(name: "x"))
    }
    #expect(refused?.code == .missingRole("INSERT on request_decision"))
    let day = String(expiresAt.rfc3339.prefix(19)) + "Z"
    #expect(
      refused?.message
        == "the database refused: role \(bobAt.user) may not INSERT on request_decision: REQ-\(request) expired at \(day) by the database's clock: it may not be approved; request the promotion again"
    )
    #expect(try self.request(ownerStore, request)?.state == .pending)
  }

  /// Found by attacking migration 9's first draft: an approver inserted a
  /// rollout row in a colleague's name, filed the rollout's production request
  /// in that colleague's name (the policies allow it for the starter of an
  /// unfinished rollout), and approved it alone: a medium-risk promotion by
  /// one person, only reported by `audit verify`. And an operator appending
  /// one entry whose hash does not verify broke every later `audit verify`
  /// for good (the log is append-only), and could enqueue any notification for
  /// `serve` to deliver. All are refused now.
  @Test func aRolloutInAnotherNameAndAnEntryThatDoesNotVerifyAreRefused() throws {
    guard let (db, owner, store) = try setUp() else { return }
    defer { owner.close() }
    let login = try db.role("fd_4e_ro", grants: ["GRANT flightdeck_approver TO ROLE"])
    let ap = try PostgresTransactionRunner(location: login)
    defer { ap.close() }
    let plan =
      #"{"artefact":"bot","canaryVersion":"v2","routingKey":"session","steps":[{"setWeight":{"percent":5}}]}"#
    let state =
      #"{"plan":\#(plan),"phase":"progressing","stepIndex":0,"stepStartedAt":0,"startedAt":0,"canaryWeight":0,"awaitingMeasurement":false,"message":""}"#
    func start(_ who: String) -> String {
      """
      INSERT INTO rollout (artefact, version, plan, state, phase, started_at, started_by, updated_at, finished)
      VALUES ('bot', 'v2', '\(plan)', '\(state)', 'progressing', 0, '\(who)', 0, 0)
      """
    }
    let forged = refusal(ap, start("carol"))
    #expect(
      forged?.message
        == "the database refused: role \(login.user) may not INSERT on rollout: a rollout names the role that starts it (\(login.user)), not carol"
    )
    let unaudited = refusal(ap, start(login.user))
    #expect(
      unaudited?.message.contains("has no rollout.start audit entry by that role written with it") == true,
      "\(unaudited?.message ?? "")")
    // A rollout FlightDeck started may not be handed to someone else afterwards.
    try Grants.artefact(store, "low", tier: .low, versions: ["v1", "v2"])
    _ = try Grants.promote(store, "low", "v1")
    _ = try store.perform(.startRollout(try Grants.plan("low")), as: OperatorIdentity(name: "carol"))
    let handed = refusal(ap, "UPDATE rollout SET started_by = '\(login.user)'")
    #expect(handed?.message.contains("was started as it stands") == true, "\(handed?.message ?? "")")
    // An entry whose hash is not the recipe's.
    let broken = #expect(throws: RegistryError.self) {
      try ap.write { session in
        let head = try #require(try session.queryOne("SELECT sequence, hash FROM audit_head WHERE id = 1"))
        let sequence: Int64 = try head.decode(Int64.self, forColumn: "sequence") + 1
        let previous: String = try head.decode(forColumn: "hash")
        try session.execute(
          """
          INSERT INTO audit_log (sequence, at, actor, action, subject, before, after, reason, previous_hash, hash, identity)
          VALUES (\(sequence), 0, '\(login.user)', 'incident.note', 'INC-1', NULL, NULL, '', '\(previous)',
            '\(String(repeating: "0", count: 64))', 'database-role')
          """)
        try session.execute(
          "UPDATE audit_head SET sequence = \(sequence), hash = '\(String(repeating: "0", count: 64))' WHERE id = 1"
        )
      }
    }
    #expect(
      broken?.message.contains("is not the SHA-256 of its previous hash and its fields") == true,
      "\(broken?.message ?? "")")
    // A notification for `serve` to deliver, with no change behind it.
    let spoofed = refusal(
      ap,
      """
      INSERT INTO notification_outbox (event_key, audit_sequence, kind, subject, created_at, event, state, attempts,
        next_attempt_at, delivered_to) VALUES ('k', 1, 'promotion.decided', 'REQ-1', 0, '{}', 'pending', 0, 0, '[]')
      """)
    #expect(
      spoofed?.message.contains("notification k is not the event of an audit entry written with it") == true,
      "\(spoofed?.message ?? "")")
    #expect(try store.verifyAudit().isIntact)
  }

  /// Canary weights and silences written by SQL without their entries are
  /// refused (they were only reported by `audit verify`); the same changes
  /// through FlightDeck, as the same operator, go through.
  @Test func canaryWeightsAndSilencesNeedTheirAuditEntries() throws {
    guard let (db, owner, store) = try setUp() else { return }
    defer { owner.close() }
    _ = try Grants.promote(store, "bot", "v1", .canary)
    let login = try db.role("fd_4e_w", grants: ["GRANT flightdeck_operator TO ROLE"])
    let op = try PostgresTransactionRunner(location: login)
    defer { op.close() }
    let weight = refusal(op, "UPDATE artefact SET canary_weight = 50 WHERE name = 'bot'")
    #expect(
      weight?.message
        == "the database refused: role \(login.user) may not UPDATE on artefact: bot canary weight 0 → 50 has no audit entry written with it: a weight changes together with its canary.weight entry, in one transaction"
    )
    let matchers = #"[{"name":"severity","op":"=","value":"page"}]"#
    let silence = refusal(
      op,
      """
      INSERT INTO silence (matchers, starts_at, ends_at, created_by, created_at, comment)
      VALUES ('\(matchers)', 0, flightdeck_now_ms() + 3600000, '\(login.user)', 0, 'quiet')
      """)
    #expect(
      silence?.message.contains(
        "by \(login.user) has no audit entry written with it (silence.create by that actor): a silence is created or expired together with its audit entry"
      ) == true, "\(silence?.message ?? "")")
    let member = try open(login)
    _ = try member.perform(
      .setCanaryWeight(artefact: "bot", percent: 20, reason: "more traffic"), as: OperatorIdentity(name: "x"))
    let created = try member.perform(
      .createSilence(
        matchers: [AlertLabelMatcher(name: "severity", op: .equal, value: "page")],
        startsAt: Timestamp(millisecondsSinceEpoch: FixedClock.start),
        endsAt: Timestamp(millisecondsSinceEpoch: FixedClock.start + 3_600_000), comment: "maintenance"),
      as: OperatorIdentity(name: "x"))
    // The refused insert above used up an id: FlightDeck's silence is the newest.
    let id = try #require(
      try owner.read {
        try $0.queryOne("SELECT max(id) AS id FROM silence")?.decode(Int64.self, forColumn: "id")
      })
    #expect(created.message.hasPrefix("SIL-\(id) silences"))
    // A silence made longer by SQL: refused before any entry is looked for.
    let longer = refusal(
      op, "UPDATE silence SET ends_at = ends_at + 1, expired_by = '\(login.user)' WHERE id = \(id)")
    #expect(
      longer?.message.contains("SIL-\(id) was created as it stands: it may only be expired early") == true,
      "\(longer?.message ?? "")")
    _ = try member.perform(.expireSilence(id: id), as: OperatorIdentity(name: "x"))
    #expect(try member.verifyAudit().isIntact)
    #expect(try store.snapshot().artefact("bot")?.canaryWeightPercent == 20)
  }

  /// The risk policy is guarded: a release manager changes the configuration
  /// only with its `config.apply` entry, and no one changes an artefact's
  /// risk tier (which sets how many approvals production needs) by SQL.
  @Test func thePolicyAndTheRiskTierAreNotChangedBehindTheAudit() throws {
    guard let (db, owner, store) = try setUp() else { return }
    defer { owner.close() }
    let rmAt = try db.role("fd_4e_rm", grants: ["GRANT flightdeck_release_manager TO ROLE"])
    _ = try open(rmAt).perform(
      .applyConfiguration(policy: .standard, roles: [:]), as: OperatorIdentity(name: "x"))
    let rm = try PostgresTransactionRunner(location: rmAt)
    defer { rm.close() }
    let policy = refusal(
      rm,
      "UPDATE meta SET value = replace(value, '\"approvals\":2', '\"approvals\":0') WHERE key = 'config_policy'"
    )
    #expect(
      policy?.message
        == "the database refused: role \(rmAt.user) may not UPDATE on meta: the configuration in force (config_policy) changes together with its config.apply audit entry, in one transaction"
    )
    let tier = refusal(rm, "UPDATE artefact SET risk_tier = 'low' WHERE name = 'bot'")
    #expect(
      tier?.message
        == "the database refused: role \(rmAt.user) may not UPDATE on artefact: artefact bot stays as registered (its risk tier sets the approvals production needs): only its canary weight changes"
    )
    // Nor registers an artefact by SQL with a tier of their own making (which needed no approval).
    let made = refusal(
      rm,
      "INSERT INTO artefact (name, kind, owner, risk_tier, description, created_at, created_by) VALUES ('sneaky', 'model', 'o', 'trivial', '', 0, '\(rmAt.user)')"
    )
    #expect(made?.message.contains("artefact_tier_check") == true, "\(made?.message ?? "")")
    // A policy FlightDeck could not read is refused to everyone, the owner included.
    let junk = refusal(owner, "UPDATE meta SET value = '{\"rules\": 1}' WHERE key = 'config_policy'")
    #expect(junk?.message.contains("meta_policy_check") == true, "\(junk?.message ?? "")")
    #expect(try store.verifyAudit().isIntact)
  }

  /// Incidents, alert instances and silences FlightDeck could not read are
  /// refused by CHECK constraints, to an operator and to the owner alike.
  @Test func incidentAlertAndSilenceRowsFlightDeckCannotReadAreRefused() throws {
    guard let (db, owner, store) = try setUp() else { return }
    defer { owner.close() }
    let opened = try store.perform(
      .openIncident(
        title: "bot down", severity: .sev2, commander: nil, links: IncidentLinks(), source: .manual),
      as: Grants.setupActor)
    let incident = try #require(opened.incident?.id)
    let login = try db.role("fd_4e_chk", grants: ["GRANT flightdeck_operator TO ROLE"])
    let op = try PostgresTransactionRunner(location: login)
    defer { op.close() }
    let fingerprint = AlertInstance.fingerprint(group: "g", labels: [:])
    /// The instance JSON of a row keyed `key` in `state`, which meets `alert_instance_instance_check`.
    func instance(_ key: String = fingerprint, _ state: String = "firing") -> String {
      #"{"fingerprint":"\#(key)","group":"g","labels":{},"ruleName":"R","state":"\#(state)"}"#
    }
    let cases: [(String, String)] = [
      ("UPDATE incident SET severity = 'SEV5' WHERE id = \(incident)", "incident_severity_check"),
      ("UPDATE incident SET severity = 'sev1' WHERE id = \(incident)", "incident_severity_check"),
      ("UPDATE incident SET state = 'closed' WHERE id = \(incident)", "incident_state_check"),
      ("UPDATE incident SET resolved_at = opened_at - 1 WHERE id = \(incident)", "incident_times_check"),
      ("UPDATE incident SET acknowledged_at = opened_at - 1 WHERE id = \(incident)", "incident_times_check"),
      (
        "INSERT INTO alert_instance (fingerprint, rule, state, instance, updated_at) VALUES ('\(fingerprint)', 'R', 'on', '\(instance(fingerprint, "on"))', 0)",
        "alert_instance_state_check"
      ),
      (
        "INSERT INTO alert_instance (fingerprint, rule, state, instance, updated_at) VALUES ('\(fingerprint.uppercased())', 'R', 'firing', '\(instance(fingerprint.uppercased()))', 0)",
        "alert_instance_fingerprint_check"
      ),
      (
        "INSERT INTO alert_instance (fingerprint, rule, state, instance, updated_at) VALUES ('\(fingerprint)', 'R', 'pending', '\(instance())', 0)",
        "alert_instance_instance_check"
      ),
      (
        "INSERT INTO alert_instance (fingerprint, rule, state, instance, updated_at) VALUES ('\(fingerprint)', 'R', 'firing', 'not json', 0)",
        "alert_instance_instance_check"
      ),
    ]
    var silences: [(String, String)] = []
    for matchers in [
      "[]", "{}", #"[{"name":"9x","op":"=","value":"a"}]"#, #"[{"name":"a","op":"==","value":"a"}]"#,
      #"[{"name":"a","op":"=","value":1}]"#, #"["a"]"#,
    ] {
      silences.append(
        (
          "INSERT INTO silence (matchers, starts_at, ends_at, created_by, created_at, comment) VALUES ('\(matchers)', 0, 10, 'x', 0, '')",
          "silence_matchers_check"
        ))
    }
    silences.append(
      (
        #"INSERT INTO silence (matchers, starts_at, ends_at, created_by, created_at, comment) VALUES ('[{"name":"a","op":"=","value":"b"}]', 10, 10, 'x', 0, '')"#,
        "silence_times_check"
      ))
    for (runner, who) in [(op, "operator"), (owner, "owner")] {
      for (sql, constraint) in cases + silences {
        let refused = refusal(runner, sql)
        #expect(refused?.message.contains(constraint) == true, "\(who): \(sql): \(refused?.message ?? "")")
      }
    }
    // An instance that meets the constraints goes in (as the owner: no audit entry is asked of alert rows).
    try owner.write {
      try $0.execute(
        "INSERT INTO alert_instance (fingerprint, rule, state, instance, updated_at) VALUES ('\(fingerprint)', 'R', 'firing', '\(instance())', 0)"
      )
    }
  }
}
