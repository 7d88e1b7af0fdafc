import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// Migration 12 (``PostgresSchema/auditGuardsFifthPass``), tried with the
/// breaker's SQL as real login roles: each attack went through before the
/// migration and is refused now; FlightDeck's own flows as the same roles go on.
@Suite struct PostgresFifthPassGuardsTests {
  typealias FixedClock = PostgresRegistryStoreTests.FixedClock
  typealias Grants = PostgresTeamGrantsTests
  typealias FourEyes = PostgresFourEyesGuardsTests
  let fourEyes = PostgresFourEyesGuardsTests()

  /// `bot` (high risk: 2 approvals, none by the requester) with production at
  /// v1 (approved by the owner, an administrator), as ``PostgresFourEyesGuardsTests/setUp()``.
  func setUp() throws -> (TestDatabase, PostgresTransactionRunner, any RegistryStore)? {
    guard let (db, owner, store) = try fourEyes.setUp() else { return nil }
    let first = try Grants.promote(store, "bot", "v1")
    for who in ["x", "y"] {
      _ = try store.perform(.approve(requestID: first, comment: "ok"), as: OperatorIdentity(name: who))
    }
    return (db, owner, store)
  }

  /// A login role holding `group`, its runner and FlightDeck's store as it.
  func member(_ db: TestDatabase, _ prefix: String, _ group: String) throws -> (
    PostgresLocation, PostgresTransactionRunner, any RegistryStore
  ) {
    let at = try db.role(prefix, grants: ["GRANT \(group) TO ROLE"])
    return (at, try PostgresTransactionRunner(location: at), try fourEyes.open(at))
  }

  /// C1, as the breaker did it (`critical.sql`): an approver reopened a
  /// colleague's aborted rollout, filed its production request in the
  /// colleague's name as the controller would, closed the rollout again and
  /// could then approve alone. The reopening is refused, bare or dressed as a
  /// retry with hand-written entries; the starter's own retry goes on.
  @Test func aFinishedRolloutIsNotReopenedToFileARequestInItsStartersName() throws {
    guard let (db, owner, _) = try setUp() else { return }
    defer { owner.close() }
    let (aliceAt, aliceRunner, alice) = try member(db, "fd_5p_alice", "flightdeck_operator")
    defer { aliceRunner.close() }
    let (bobAt, bob, _) = try member(db, "fd_5p_bob", "flightdeck_approver")
    defer { bob.close() }
    _ = try alice.perform(.startRollout(try Grants.plan("bot")), as: OperatorIdentity(name: "ignored"))
    _ = try alice.perform(
      .rolloutEvent(artefact: "bot", event: .abort(reason: "errors")), as: OperatorIdentity(name: "ignored"))
    let row = try #require(
      try owner.read { try $0.queryOne("SELECT id, state FROM rollout WHERE artefact = 'bot'") })
    let id: Int64 = try row.decode(forColumn: "id")
    let aborted: String = try row.decode(forColumn: "state")
    // Bare, as critical.sql: reopened as paused, no entry.
    let bare = fourEyes.refusal(
      bob,
      """
      UPDATE rollout SET phase = 'paused', finished = 0,
        state = CAST(jsonb_set(CAST(state AS jsonb), '{phase}', '"paused"') AS TEXT) WHERE id = \(id)
      """)
    #expect(
      bare?.message
        == "the database refused: role \(bobAt.user) may not UPDATE on rollout: RO-\(id) was reopened without a rollout.retry audit entry by a person written with it: an aborted rollout reopens only by a retry, together with its audit entry, in one transaction"
    )
    // Dressed as a retry, with hash-valid entries in bob's own name for each step; closed
    // again afterwards (as critical.sql) or left running.
    let at = FixedClock.start + 5000
    func dressed(closing: Bool) -> RegistryError? {
      #expect(throws: RegistryError.self) {
        try bob.write { session in
          try session.execute(
            """
            UPDATE rollout SET phase = 'progressing', finished = 0, state = CAST(CAST(state AS jsonb)
              || '{"phase": "progressing", "stepIndex": 0, "canaryWeight": 0}' AS TEXT) WHERE id = \(id)
            """)
          try FourEyes.appendByHand(
            session, actor: bobAt.user, action: .rolloutRetry, subject: "bot:RO-\(id)",
            after: #"{"phase":"progressing"}"#, at: at)
          let filed = try #require(
            try session.queryOne(
              """
              INSERT INTO promotion_request (artefact, version, target, from_version, requester, reason, created_at,
                expires_at, state, state_changed_at, rule_approvals, rule_role, rule_self_approval)
              VALUES ('bot', 'v2', 'production', 'v1', '\(aliceAt.user)', 'RO-\(id): promoted', \(at),
                flightdeck_now_ms() + 60000, 'pending', \(at), 2, NULL, 0) RETURNING id
              """))
          let request: Int64 = try filed.decode(forColumn: "id")
          try FourEyes.appendByHand(
            session, actor: bobAt.user, action: .requestCreate, subject: "REQ-\(request)",
            after: #"{"approvalsNeeded":2}"#, at: at)
          guard closing else { return }
          try session.execute(
            "UPDATE rollout SET phase = 'aborted', finished = 1, state = ? WHERE id = \(id)", [.text(aborted)]
          )
          try FourEyes.appendByHand(
            session, actor: bobAt.user, action: .rolloutAbort, subject: "bot:RO-\(id)",
            after: #"{"phase":"aborted"}"#, at: at)
        }
      }
    }
    let closed = dressed(closing: true)
    #expect(closed?.code == .missingRole("INSERT on promotion_request"))
    #expect(
      closed?.message.contains(
        "is filed in \(aliceAt.user)'s name for RO-\(id), which is aborted: the controller files a request only for a running rollout"
      ) == true, "\(closed?.message ?? "")")
    let open = dressed(closing: false)
    #expect(
      open?.message.contains(
        "is filed in \(aliceAt.user)'s name for RO-\(id), last started or retried by \(bobAt.user): the controller files a request in the name of whoever (re)started the rollout"
      ) == true, "\(open?.message ?? "")")
    #expect(try alice.requests(artefact: nil, states: nil, limit: 100).count == 1)
    // A phase changed by SQL without its entry.
    _ = try alice.perform(
      .rolloutEvent(artefact: "bot", event: .retry), as: OperatorIdentity(name: "ignored"))
    let unaudited = fourEyes.refusal(
      bob,
      """
      UPDATE rollout SET phase = 'paused',
        state = CAST(jsonb_set(CAST(state AS jsonb), '{phase}', '"paused"') AS TEXT) WHERE id = \(id)
      """)
    #expect(
      unaudited?.message.contains("has no rollout audit entry (with phase paused) written with it") == true,
      "\(unaudited?.message ?? "")")
    // FlightDeck's own flow as alice: retried above, then paused, resumed.
    for event in [RolloutEvent.pause, .resume] {
      _ = try alice.perform(
        .rolloutEvent(artefact: "bot", event: event), as: OperatorIdentity(name: "ignored"))
    }
    #expect(try alice.verifyAudit().isIntact)
  }

  /// A promoted rollout is final: not reopened, nor its state rewritten, even
  /// with a `rollout.retry` entry (only an aborted rollout is retried).
  @Test func aPromotedRolloutIsFinal() throws {
    guard let (db, owner, store) = try setUp() else { return }
    defer { owner.close() }
    try Grants.artefact(store, "low", tier: .low, versions: ["v1", "v2"])
    _ = try Grants.promote(store, "low", "v1")
    let (_, aliceRunner, alice) = try member(db, "fd_5p_fin", "flightdeck_operator")
    defer { aliceRunner.close() }
    let (bobAt, bob, _) = try member(db, "fd_5p_fin_ap", "flightdeck_approver")
    defer { bob.close() }
    _ = try alice.perform(.startRollout(try Grants.plan("low")), as: OperatorIdentity(name: "ignored"))
    let promoted = try alice.perform(
      .rolloutEvent(artefact: "low", event: .promote(full: true, gateOverride: "test")),
      as: OperatorIdentity(name: "ignored"))
    #expect(promoted.rollout?.state.phase == .promoted)
    let id = try #require(promoted.rollout?.id)
    let reopened = #expect(throws: RegistryError.self) {
      try bob.write { session in
        try session.execute(
          """
          UPDATE rollout SET phase = 'progressing', finished = 0,
            state = CAST(jsonb_set(CAST(state AS jsonb), '{phase}', '"progressing"') AS TEXT) WHERE id = \(id)
          """)
        try FourEyes.appendByHand(
          session, actor: bobAt.user, action: .rolloutRetry, subject: "low:RO-\(id)",
          after: #"{"phase":"progressing"}"#, at: FixedClock.start + 5000)
      }
    }
    #expect(
      reopened?.message
        == "the database refused: role \(bobAt.user) may not UPDATE on rollout: RO-\(id) was promoted: a promoted rollout is final"
    )
  }

  /// M3, as `skip.sql`: two state changes in one transaction (pending →
  /// approved → applied) were checked only against the stored state at
  /// `COMMIT`, so neither was checked. Each change is checked now; and a
  /// rejection is an approver's, recorded as a decision.
  @Test func eachStateChangeOfARequestIsCheckedAgainstItsApprovals() throws {
    guard let (db, owner, _) = try setUp() else { return }
    defer { owner.close() }
    let (_, aliceRunner, alice) = try member(db, "fd_5p_req", "flightdeck_operator")
    defer { aliceRunner.close() }
    let (bobAt, bob, bobStore) = try member(db, "fd_5p_apr", "flightdeck_approver")
    defer { bob.close() }
    let (carolAt, carol, _) = try member(db, "fd_5p_opr", "flightdeck_operator")
    defer { carol.close() }
    let request = try Grants.promote(alice, "bot", "v2", as: OperatorIdentity(name: "ignored"))
    let at = FixedClock.start + 5000
    let skipped = #expect(throws: RegistryError.self) {
      try bob.write { session in
        for state in ["approved", "applied"] {
          try session.execute(
            "UPDATE promotion_request SET state = '\(state)', state_changed_at = \(at) WHERE id = \(request)")
        }
        try FourEyes.appendByHand(
          session, actor: bobAt.user, action: .requestApprove, subject: "REQ-\(request)",
          before: #"{"approvals":0,"state":"pending"}"#, after: #"{"approvals":0,"state":"applied"}"#, at: at)
      }
    }
    #expect(
      skipped?.message
        == "the database refused: role \(bobAt.user) may not UPDATE on promotion_request: REQ-\(request) may not be approved: its approvals do not meet its rule (2 approval(s) by distinct people, none by its requester)"
    )
    // A rejection by an operator, with a hash-valid request.reject entry in their own name.
    let rejected = #expect(throws: RegistryError.self) {
      try carol.write { session in
        try session.execute(
          "UPDATE promotion_request SET state = 'rejected', state_changed_at = \(at) WHERE id = \(request)")
        try FourEyes.appendByHand(
          session, actor: carolAt.user, action: .requestReject, subject: "REQ-\(request)",
          before: #"{"state":"pending"}"#, after: #"{"state":"rejected"}"#, at: at)
      }
    }
    #expect(
      rejected?.message
        == "the database refused: role \(carolAt.user) may not UPDATE on promotion_request: REQ-\(request) is rejected only together with a rejection by \(carolAt.user) (a request_decision, which only a member of flightdeck_approver records)"
    )
    #expect(try fourEyes.request(alice, request)?.state == .pending)
    // FlightDeck's own rejection by the approver.
    _ = try bobStore.perform(.reject(requestID: request, comment: "not now"), as: OperatorIdentity(name: "x"))
    #expect(try fourEyes.request(alice, request)?.state == .rejected)
    #expect(try alice.verifyAudit().isIntact)
  }

  /// M1, as `rmimport.sql`: a release manager "imported" production back to
  /// another version by SQL. An import sets a pointer only while it has none,
  /// or where the policy needs no approval to move it (as FlightDeck's import does).
  @Test func anImportDoesNotReplaceProduction() throws {
    guard let (db, owner, _) = try setUp() else { return }
    defer { owner.close() }
    let (rmAt, rm, _) = try member(db, "fd_5p_rm", "flightdeck_release_manager")
    defer { rm.close() }
    let at = FixedClock.start + 5000
    let replaced = #expect(throws: RegistryError.self) {
      try rm.write { session in
        let row = try #require(
          try session.queryOne(
            """
            INSERT INTO pointer_move (artefact, pointer, from_version, to_version, actor, at, reason, request_id, cause)
            VALUES ('bot', 'production', 'v1', 'v2', '\(rmAt.user)', \(at), 'mlflow import', NULL, 'import') RETURNING id
            """))
        let move: Int64 = try row.decode(forColumn: "id")
        try FourEyes.appendByHand(
          session, actor: rmAt.user, action: .pointerMove, subject: "bot:production",
          before: #"{"version":"v1"}"#,
          after: #"{"request":null,"version":"v2"}"#, at: at)
        try session.execute(
          "UPDATE pointer SET version = 'v2', last_move = \(move) WHERE artefact = 'bot' AND name = 'production'"
        )
      }
    }
    #expect(
      replaced?.message
        == "the database refused: role \(rmAt.user) may not INSERT on pointer_move: an import sets bot production only while it has no version yet: it is at v1 and high risk needs 2 approval(s) to move it (a promotion request)"
    )
    let production = try owner.read {
      try $0.queryOne("SELECT version FROM pointer WHERE artefact = 'bot' AND name = 'production'")
    }
    #expect(try production?.decode(String.self, forColumn: "version") == "v1")
  }

  /// M4, as `spoof2.sql`: a hash-valid `gate.check` entry in one's own name
  /// with a `promotion.decided` notification claiming production moved. The
  /// kind follows the entry's action now; FlightDeck's own notifications go on.
  @Test func aNotificationSaysWhatItsEntryRecords() throws {
    guard let (db, owner, _) = try setUp() else { return }
    defer { owner.close() }
    let (aliceAt, aliceRunner, alice) = try member(db, "fd_5p_ntf", "flightdeck_operator")
    defer { aliceRunner.close() }
    let at = FixedClock.start + 5000
    let spoofed = #expect(throws: RegistryError.self) {
      try aliceRunner.write { session in
        let sequence = try FourEyes.appendByHand(
          session, actor: aliceAt.user, action: .gateCheck, subject: "REQ-1", at: at)
        let row = try #require(
          try session.queryOne("SELECT hash FROM audit_log WHERE sequence = \(sequence)"))
        let hash: String = try row.decode(forColumn: "hash")
        let event =
          #"{"actor":"\#(aliceAt.user)","at":\#(at),"auditSequence":\#(sequence),"key":"\#(hash)","kind":"promotion.decided","labels":{"request":"REQ-1","state":"applied"},"subject":"REQ-1","summary":"REQ-1: bot v2 to production applied by carol: roll back everything now"}"#
        try session.execute(
          """
          INSERT INTO notification_outbox (event_key, audit_sequence, kind, subject, created_at, event, state, attempts,
            next_attempt_at, delivered_to) VALUES (?, \(sequence), 'promotion.decided', 'REQ-1', \(at), ?, 'pending', 0, \(at), '[]')
          """, [.text(hash), .text(event)])
      }
    }
    #expect(
      spoofed?.message.contains(
        "(gate.check): its kind follows the entry's action") == true,
      "\(spoofed?.message ?? "")")
    // FlightDeck's own: a request filed (promotion.requested), then rejected (promotion.decided).
    let (_, bob, bobStore) = try member(db, "fd_5p_ntf_ap", "flightdeck_approver")
    defer { bob.close() }
    let request = try Grants.promote(alice, "bot", "v2", as: OperatorIdentity(name: "ignored"))
    _ = try bobStore.perform(.reject(requestID: request, comment: "not now"), as: OperatorIdentity(name: "x"))
    let kinds = try owner.read { session in
      try session.query("SELECT kind FROM notification_outbox ORDER BY id", []).map {
        try $0.decode(String.self, forColumn: "kind")
      }
    }
    #expect(kinds.suffix(2) == ["promotion.requested", "promotion.decided"])
  }

  /// M2: a hash-valid entry with an action FlightDeck does not know made
  /// every later `audit verify`, export and audit pane fail. Every
  /// ``AuditAction`` is accepted (the list is generated from it); another is refused.
  @Test func anAuditEntryNamesAnActionFlightDeckKnows() throws {
    guard let (db, owner, _) = try setUp() else { return }
    defer { owner.close() }
    try owner.write { session in
      for action in AuditAction.allCases {
        try FourEyes.appendByHand(session, actor: "owner", action: action, subject: "s", at: FixedClock.start)
      }
    }
    let count = try owner.read { try $0.queryOne("SELECT count(DISTINCT action) AS n FROM audit_log") }
    #expect(try count?.decode(Int64.self, forColumn: "n") == Int64(AuditAction.allCases.count))
    let (aliceAt, alice, _) = try member(db, "fd_5p_act", "flightdeck_operator")
    defer { alice.close() }
    let note = #expect(throws: RegistryError.self) {
      try alice.write { session in
        let head = try #require(try session.queryOne("SELECT sequence, hash FROM audit_head WHERE id = 1"))
        let sequence: Int64 = try head.decode(Int64.self, forColumn: "sequence") + 1
        let previous: String = try head.decode(forColumn: "hash")
        try session.execute(
          """
          INSERT INTO audit_log (sequence, at, actor, action, subject, before, after, reason, previous_hash, hash, identity)
          VALUES (\(sequence), 0, '\(aliceAt.user)', 'note', 'x', NULL, NULL, '', '\(previous)', '', 'database-role')
          """)
      }
    }
    #expect(note?.message.contains("audit_log_action_check") == true, "\(note?.message ?? "")")
  }
}
