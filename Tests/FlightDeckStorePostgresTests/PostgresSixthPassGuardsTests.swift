import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// Migration 13 (``PostgresSchema/auditGuardsSixthPass``), tried with the
/// fourth breaker pass's SQL as real login roles: each attack went through
/// against migration 12 and is refused now; FlightDeck's own flows as the same
/// roles go on.
@Suite struct PostgresSixthPassGuardsTests {
  typealias FixedClock = PostgresRegistryStoreTests.FixedClock
  typealias Grants = PostgresTeamGrantsTests
  typealias FourEyes = PostgresFourEyesGuardsTests
  let fourEyes = PostgresFourEyesGuardsTests()
  let fifthPass = PostgresFifthPassGuardsTests()
  let anyone = OperatorIdentity(name: "ignored")

  /// The SQL a member runs in one transaction, with a hand-written, hash-valid
  /// entry in their own name (what a member can write by hand).
  func byHand(
    _ runner: PostgresTransactionRunner, _ sql: String, actor: String, action: AuditAction, subject: String,
    after: String? = nil
  ) -> RegistryError? {
    #expect(throws: RegistryError.self, "\(sql)") {
      try runner.write { session in
        try session.execute(sql)
        try FourEyes.appendByHand(
          session, actor: actor, action: action, subject: subject, after: after, at: FixedClock.start + 5000)
      }
    }
  }

  /// An operator set a high-tier canary to 100 % alone (a `canary.weight`
  /// entry by hand): production in all but name. Refused by FlightDeck and by
  /// the database; 99 % and a low tier's 100 % go on.
  @Test func aCanaryGetsAllTheTrafficOnlyWhereProductionNeedsNoApproval() throws {
    guard let (db, owner, store) = try fifthPass.setUp() else { return }
    defer { owner.close() }
    try Grants.artefact(store, "low", tier: .low, versions: ["v1", "v2"])
    _ = try Grants.promote(store, "low", "v1")
    let (at, runner, alice) = try fifthPass.member(db, "fd_6p_canary", "flightdeck_operator")
    defer { runner.close() }
    for artefact in ["bot", "low"] {
      _ = try Grants.promote(alice, artefact, "v2", .canary, as: anyone)
    }
    let client = #expect(throws: RegistryError.self) {
      try alice.perform(.setCanaryWeight(artefact: "bot", percent: 100, reason: "all in"), as: anyone)
    }
    #expect(client?.code == .notApplicable)
    #expect(
      client?.message
        == "bot canary weight may not be 100 %: a canary with all the traffic is production in all but name, and high risk needs 2 approval(s) to move production — request the promotion (`flightdeck promote bot v2`), or keep the canary at 99 % or less"
    )
    let sql = byHand(
      runner, "UPDATE artefact SET canary_weight = 100 WHERE name = 'bot'", actor: at.user,
      action: .canaryWeight,
      subject: "bot", after: #"{"weight":100}"#)
    #expect(sql?.code == .missingRole("UPDATE on artefact"))
    #expect(
      sql?.message
        == "the database refused: role \(at.user) may not UPDATE on artefact: bot canary weight may not be 100 %: a canary with all the traffic is production in all but name, and high risk needs 2 approval(s) to move production — request the promotion, or keep the canary at 99 % or less"
    )
    _ = try alice.perform(.setCanaryWeight(artefact: "bot", percent: 99, reason: "most"), as: anyone)
    _ = try alice.perform(.setCanaryWeight(artefact: "low", percent: 100, reason: "all"), as: anyone)
    let weights = try owner.read { session in
      try session.query("SELECT name, canary_weight FROM artefact ORDER BY name").map {
        "\(try $0.decode(String.self, forColumn: "name"))=\(try $0.decode(Int64.self, forColumn: "canary_weight"))"
      }
    }
    #expect(weights == ["bot=99", "crit=0", "low=100"])
    #expect(try alice.verifyAudit().isIntact)
  }

  /// Migration 12 checked a new notification against its entry; an `UPDATE`
  /// then rewrote it (an incident's row turned into a `promotion.decided` one
  /// for `flightdeck serve` to deliver). Its content is now fixed; its
  /// delivery state still changes.
  @Test func aNotificationSaysWhatItSaidWhenItWasEnqueued() throws {
    guard let (db, owner, _) = try fifthPass.setUp() else { return }
    defer { owner.close() }
    let (at, runner, alice) = try fifthPass.member(db, "fd_6p_notify", "flightdeck_operator")
    defer { runner.close() }
    _ = try alice.perform(
      .openIncident(
        title: "bot down", severity: .sev2, commander: nil, links: IncidentLinks(), source: .manual),
      as: anyone)
    let row = try #require(
      try owner.read {
        try $0.queryOne("SELECT id, audit_sequence FROM notification_outbox WHERE kind = 'incident.opened'")
      }
    )
    let id: Int64 = try row.decode(forColumn: "id")
    let sequence: Int64 = try row.decode(forColumn: "audit_sequence")
    let spoofed = fourEyes.refusal(
      runner,
      """
      UPDATE notification_outbox SET kind = 'promotion.decided',
        event = replace(event, 'incident.opened', 'promotion.decided') WHERE id = \(id)
      """)
    #expect(
      spoofed?.message
        == "the database refused: role \(at.user) may not UPDATE on notification_outbox: notification #\(id) (incident.opened) says what its audit entry #\(sequence) reported when it was enqueued: only its delivery state changes afterwards"
    )
    #expect(
      fourEyes.refusal(runner, "UPDATE notification_outbox SET event = 'x' WHERE id = \(id)")?.code
        == .missingRole("UPDATE on notification_outbox"))
    // A sender's claim (delivery state) goes on.
    try runner.write { try $0.execute("UPDATE notification_outbox SET claims = claims + 1 WHERE id = \(id)") }
    #expect(try alice.verifyAudit().isIntact)
  }

  /// An operator marked a routing change published (or lowered its
  /// generation to the published one): the routers never got it. Only the
  /// publisher's record, with its `routing.publish` entry, raises it now.
  @Test func aRoutingChangeIsPublishedNotMarkedPublished() throws {
    guard let (db, owner, _) = try fifthPass.setUp() else { return }
    defer { owner.close() }
    let (at, runner, alice) = try fifthPass.member(db, "fd_6p_route", "flightdeck_operator")
    defer { runner.close() }
    _ = try Grants.promote(alice, "bot", "v2", .canary, as: anyone)
    let generation = try #require(
      try owner.read {
        try $0.queryOne("SELECT generation FROM routing_outbox WHERE artefact = 'bot'")?.decode(
          Int64.self, forColumn: "generation")
      })
    #expect(generation == 2)
    let marked = fourEyes.refusal(
      runner,
      "UPDATE routing_outbox SET published_generation = generation, state = 'published' WHERE artefact = 'bot'"
    )
    #expect(
      marked?.message
        == "the database refused: role \(at.user) may not UPDATE on routing_outbox: routing of bot marked published at generation 2 has no routing.publish audit entry (for that generation) written with it: a generation is published to the routers, then recorded with its entry"
    )
    let lowered = fourEyes.refusal(runner, "UPDATE routing_outbox SET generation = 1 WHERE artefact = 'bot'")
    #expect(
      lowered?.message
        == "the database refused: role \(at.user) may not UPDATE on routing_outbox: routing of bot: its generation (2) and published generation (0) only rise"
    )
    let above = fourEyes.refusal(
      runner, "UPDATE routing_outbox SET generation = 3, published_generation = 4 WHERE artefact = 'bot'")
    #expect(above?.message.contains("may not be published at generation 4, above its generation 3") == true)
    // The publisher's own record, as the same operator (serve runs as whoever holds the lease).
    let publisher = try #require(alice as? any RoutingOutboxStore)
    try publisher.recordRoutingPublished(
      artefact: "bot", generation: generation, publications: [],
      at: Timestamp(millisecondsSinceEpoch: FixedClock.start + 6000))
    let published = try owner.read {
      try $0.queryOne("SELECT published_generation FROM routing_outbox WHERE artefact = 'bot'")?.decode(
        Int64.self, forColumn: "published_generation")
    }
    #expect(published == 2)
    #expect(try alice.verifyAudit().isIntact)
  }

  /// Gate results, incidents, their notes and links, and the rolled-back mark
  /// were writable by an operator without an entry: a pass no `gate.check`
  /// recorded, an incident resolved behind the incident pane, a colleague's
  /// note rewritten, a rolled-back version made to look clean. Each now needs
  /// its entry; FlightDeck's own writes as the same operator go on.
  @Test func gateResultsIncidentsAndRolledBackMarksAreWrittenWithTheirEntries() throws {
    guard let (db, owner, _) = try fifthPass.setUp() else { return }
    defer { owner.close() }
    let (at, runner, alice) = try fifthPass.member(db, "fd_6p_rec", "flightdeck_operator")
    defer { runner.close() }
    let report = GateCheck.evaluate(
      policy: .standard, tier: .high,
      results: [
        GateInput(
          file: "eval.json", format: .flightdeck, sha256: String(repeating: "a", count: 64),
          metrics: ["error_rate": 0.001])
      ])
    _ = try alice.perform(.recordGateResults(artefact: "bot", version: "v2", report: report), as: anyone)
    let gate = fourEyes.refusal(
      runner,
      """
      INSERT INTO gate_result (artefact, version, evaluated_at, evaluated_by, passed, record)
      SELECT artefact, version, evaluated_at + 1, '\(at.user)', 1, record FROM gate_result LIMIT 1
      """)
    #expect(
      gate?.message.hasPrefix(
        "the database refused: role \(at.user) may not INSERT on gate_result: gate result #")
        == true)
    #expect(
      gate?.message.hasSuffix(
        " of bot@v2 has no gate.check entry by \(at.user) with its verdict and the SHA-256 of its record written with it: it is recorded together with its audit entry, in one transaction"
      ) == true, "\(gate?.message ?? "")")
    let opened = try alice.perform(
      .openIncident(
        title: "bot down", severity: .sev2, commander: nil, links: IncidentLinks(), source: .manual),
      as: anyone)
    let incident = try #require(opened.incident?.id)
    _ = try alice.perform(.addIncidentNote(id: incident, text: "looking"), as: anyone)
    let resolved = fourEyes.refusal(
      runner, "UPDATE incident SET state = 'resolved', resolved_at = opened_at + 1 WHERE id = \(incident)")
    #expect(
      resolved?.message
        == "the database refused: role \(at.user) may not UPDATE on incident: INC-\(incident) changed has no incident.* entry on INC-\(incident) written with it: it is recorded together with its audit entry, in one transaction"
    )
    // An entry for another incident does not cover it.
    #expect(
      byHand(
        runner, "UPDATE incident SET severity = 'SEV4' WHERE id = \(incident)", actor: at.user,
        action: .incidentSeverity, subject: "INC-\(incident + 1)")?.code == .missingRole("UPDATE on incident")
    )
    let note = fourEyes.refusal(
      runner,
      "INSERT INTO incident_note (incident_id, at, actor, text) VALUES (\(incident), 1, '\(at.user)', 'all fine')"
    )
    #expect(
      note?.message.contains(
        "on INC-\(incident) has no incident.note entry by \(at.user) with the note as its reason written with it"
      )
        == true, "\(note?.message ?? "")")
    let rewritten = fourEyes.refusal(runner, "UPDATE incident_note SET text = 'nothing to see'")
    #expect(
      rewritten?.message.hasSuffix("stays as written: an incident's notes and links are append-only") == true,
      "\(rewritten?.message ?? "")")
    let mark = fourEyes.refusal(
      runner, "UPDATE version SET rolled_back_at = 1 WHERE artefact = 'bot' AND label = 'v2'")
    #expect(
      mark?.message
        == "the database refused: role \(at.user) may not UPDATE on version: bot@v2's rolled-back mark has no rollback or rollout.* entry on bot written with it: it is recorded together with its audit entry, in one transaction"
    )
    // FlightDeck's own: the incident resolved, a rollout aborted (v2 marked
    // rolled back) and retried (the mark cleared).
    _ = try alice.perform(.resolveIncident(id: incident, note: "fixed"), as: anyone)
    _ = try alice.perform(.startRollout(try Grants.plan("bot")), as: anyone)
    for event in [RolloutEvent.abort(reason: "errors"), .retry] {
      _ = try alice.perform(.rolloutEvent(artefact: "bot", event: event), as: anyone)
    }
    #expect(try alice.verifyAudit().isIntact)
  }

  /// The command line printed the database's wording for a refusal ("the
  /// database refused: role vic lacks the INSERT right on table
  /// request_decision (permission denied for table request_decision)"), the
  /// dashboard which role was needed. Both now say the same
  /// (``TeamRoleRefusal``): a viewer's approval, through the release desk both use.
  @Test func aRefusalForWantOfARoleNamesTheRoleAndWhatToDo() throws {
    guard let (db, owner, store) = try fifthPass.setUp() else { return }
    defer { owner.close() }
    let request = try Grants.promote(store, "bot", "v2")
    let (at, runner, vic) = try fifthPass.member(db, "fd_6p_vic", "flightdeck_viewer")
    defer { runner.close() }
    let identity = try #require(try vic.authenticatedActor())
    #expect(identity.roles == ["viewer"])
    let desk = ReleaseDesk(store: vic, identity: identity, clock: FixedClock(), identityIsAuthenticated: true)
    let result = desk.perform(.approve(requestID: request, comment: "ok"))
    guard case .failure(let refused) = result else {
      Issue.record("a viewer's approval went through: \(result)")
      return
    }
    #expect(refused.code == .missingRole("INSERT on request_decision"))
    #expect(
      refused.message
        == "\(at.user) cannot do this: approval needs the approver role (flightdeck_approver membership); \(at.user) holds viewer — ask someone who holds it, or an administrator to `GRANT flightdeck_approver TO \(at.user)`"
    )
  }

  /// An operator inserted a controller lease expiring in 285 000 years:
  /// every `flightdeck serve` stayed on standby (no alert evaluated, no
  /// notification sent). A lease now expires within 15 minutes of the
  /// database's clock; a lease of the longest TTL (10 minutes) goes on.
  @Test func aControllerLeaseExpiresWithinFifteenMinutes() throws {
    guard let (db, owner, _) = try fifthPass.setUp() else { return }
    defer { owner.close() }
    let (at, runner, _) = try fifthPass.member(db, "fd_6p_lease", "flightdeck_operator")
    defer { runner.close() }
    func lease(expires: String) -> String {
      """
      INSERT INTO controller_lease (id, host, pid, instance, epoch, acquired_at, heartbeat_at, expires_at, released_at)
      VALUES (1, 'evil', 1, 'x', 1, 0, 0, \(expires), NULL)
      ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at
      """
    }
    let forever = fourEyes.refusal(runner, lease(expires: "9000000000000000"))
    #expect(
      forever?.message
        == "the database refused: role \(at.user) may not INSERT on controller_lease: the controller lease of evil (pid 1) may not expire more than 15 minutes from now (the longest lease_ttl, 10m, and 5 minutes of clock skew) by the database's clock"
    )
    try runner.write { try $0.execute(lease(expires: "flightdeck_now_ms() + 600000")) }
    #expect(
      fourEyes.refusal(runner, lease(expires: "flightdeck_now_ms() + 16 * 60000"))?.code
        == .missingRole("INSERT on controller_lease"))
  }
}
