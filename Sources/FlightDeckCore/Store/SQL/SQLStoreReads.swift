/// The store-level reads every SQL backend shares (snapshot, requests, audit
/// entries, rollouts, alert instances, silences, incidents, timelines, the
/// audit verification, gate results, the gate policy in force), each over
/// the ``SQLSession`` of one read transaction the backend opened.
///
/// Each function validates its names before it reads, and throws
/// ``RegistryError``: `.notFound` for an unknown artefact, version or
/// incident, `.corrupt` for a damaged row, the session's failure otherwise.
package enum SQLStoreReads {
  /// The whole registry at `now` (open requests past their expiry read as
  /// expired, see ``asRead(_:at:)``).
  package static func snapshot(_ session: any SQLSession, now: Timestamp) throws -> RegistrySnapshot {
    var artefacts: [RegisteredArtefact] = []
    for (record, weight) in try SQLStoreRows.artefacts(session) {
      let pointers = try SQLStoreRows.pointers(session, record.name)
      let gates = try SQLStoreRows.latestGateRecords(session, record.name)
      var versions = try SQLStoreRows.versions(session, record.name)
      for i in versions.indices { versions[i].gates = gates[versions[i].label].map(GateStatus.init) }
      // At most one rollout is unfinished and none starts while it
      // runs, so the newest is the unfinished one when there is one.
      let latest = try SQLStoreRows.latestRollout(session, record.name)
      artefacts.append(
        RegisteredArtefact(
          artefact: record, versions: versions,
          pointers: pointers.mapValues(\.0), lastMoves: pointers.mapValues(\.1),
          canaryWeightPercent: weight, rollout: latest?.isFinished == false ? latest : nil,
          latestRollout: latest))
    }
    let open = try SQLStoreRows.requests(
      session, sql: "SELECT * FROM promotion_request WHERE state IN ('pending', 'approved') ORDER BY id DESC")
    let closed = try SQLStoreRows.requests(
      session,
      sql:
        "SELECT * FROM promotion_request WHERE state NOT IN ('pending', 'approved') ORDER BY id DESC LIMIT 50"
    )
    let requests = (open + closed).map { asRead($0, at: now) }.sorted { $0.id > $1.id }
    let count = try session.queryOne("SELECT COUNT(*) AS n FROM audit_log")?.decode(
      Int64.self, forColumn: "n")
    return RegistrySnapshot(
      artefacts: artefacts, requests: requests, changeToken: try headSequence(session),
      auditCount: count ?? 0)
  }

  /// `request` as a reader at `now` must see it: an open request past its
  /// expiry is expired, even before the next write's sweep records that
  /// (and audits it as `system:registry`).
  package static func asRead(_ request: PromotionRequest, at now: Timestamp) -> PromotionRequest {
    guard request.state.isOpen, request.expiresAt <= now else { return request }
    var r = request
    r.state = .expired
    r.stateChangedAt = r.expiresAt
    return r
  }

  /// The audit head's sequence (0 when the head row is missing): one primary-key read.
  package static func headSequence(_ session: any SQLSession) throws -> Int64 {
    try session.queryOne("SELECT sequence FROM audit_head WHERE id = 1")?
      .decode(Int64.self, forColumn: "sequence") ?? 0
  }

  /// Moves of `artefact`'s pointers (one pointer when `pointer` is set), oldest first.
  package static func pointerHistory(_ session: any SQLSession, artefact: String, pointer: PointerName?)
    throws
    -> [PointerMove]
  {
    try RegistryNames.validateArtefact(artefact)
    guard try SQLStoreRows.artefact(session, artefact) != nil else {
      throw RegistryError(.notFound, "no artefact named \(artefact) is registered")
    }
    return try SQLStoreRows.moves(session, artefact, pointer)
  }

  /// Requests matching the filters as read at `now`, newest first, at most `limit` (≥ 0).
  package static func requests(
    _ session: any SQLSession, artefact: String?, states: Set<RequestState>?, limit: Int, now: Timestamp
  ) throws -> [PromotionRequest] {
    var clauses: [String] = []
    var arguments: [any SQLValueConvertible] = []
    if let artefact {
      clauses.append("artefact = ?")
      arguments.append(artefact)
    }
    if let states {
      guard !states.isEmpty else { return [] }
      // Open requests past their expiry read as expired (``asRead(_:at:)``),
      // so asking for expired ones must fetch those too.
      let stored = states.contains(.expired) ? states.union([.pending, .approved]) : states
      let sorted = stored.map(\.rawValue).sorted()
      clauses.append("state IN (\(sorted.map { _ in "?" }.joined(separator: ", ")))")
      arguments.append(contentsOf: sorted)
    }
    let filter = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
    let rows = try SQLStoreRows.requests(
      session, sql: "SELECT * FROM promotion_request\(filter) ORDER BY id DESC", binding: arguments)
    let read = rows.map { asRead($0, at: now) }.filter { states?.contains($0.state) ?? true }
    return Array(read.prefix(max(0, limit)))
  }

  /// Audit entries from the first one with `at >= since` on, by sequence
  /// (all when `nil`).
  package static func auditEntries(_ session: any SQLSession, since: Timestamp?) throws -> [AuditEntry] {
    if let since {
      return try SQLStoreRows.auditEntries(
        session,
        sql: """
          SELECT * FROM audit_log
          WHERE sequence >= (SELECT MIN(sequence) FROM audit_log WHERE at >= ?) ORDER BY sequence
          """,
        binding: [since.millisecondsSinceEpoch])
    }
    return try SQLStoreRows.auditEntries(session, sql: "SELECT * FROM audit_log ORDER BY sequence")
  }

  /// The gate records of `version` of `artefact`, newest first.
  package static func gateResults(_ session: any SQLSession, artefact: String, version: String) throws
    -> [GateRecord]
  {
    try RegistryNames.validateArtefact(artefact)
    try RegistryNames.validateVersion(version)
    guard try SQLStoreRows.version(session, artefact, version) != nil else {
      throw RegistryError(.notFound, "\(artefact) has no version \(version)")
    }
    return try SQLStoreRows.gateRecords(session, artefact, version)
  }

  /// The prompt template stored with `version` of `artefact`, or `nil`
  /// when it was registered without one.
  package static func versionTemplate(_ session: any SQLSession, artefact: String, version: String) throws
    -> String?
  {
    try RegistryNames.validateArtefact(artefact)
    try RegistryNames.validateVersion(version)
    guard try SQLStoreRows.version(session, artefact, version) != nil else {
      throw RegistryError(.notFound, "\(artefact) has no version \(version)")
    }
    let row = try session.queryOne(
      "SELECT body FROM version_template WHERE artefact = ? AND label = ?", binding: [artefact, version])
    return try row?.decode(String.self, forColumn: "body")
  }

  /// The workspace's gate policy in force, or `nil` when none was applied.
  package static func gatePolicyInForce(_ session: any SQLSession) throws -> GatePolicy? {
    try SQLStoreRows.configuration(session)?.gates
  }

  /// Reads every entry in storage order (`id`), the recorded head and the
  /// high-water mark (``AuditChain/highWaterKey``), then
  /// ``AuditChain/verify(storedOrder:storedHead:highWater:)``, and
  /// cross-checks the domain tables against the log
  /// (``AuditCrossCheck/mismatches(rows:entries:)``, ``crossCheckRows(_:)``).
  ///
  /// An entry FlightDeck cannot read (an action it does not know, written by
  /// hand) is reported as an **inserted** entry at its sequence, after the
  /// entries before it are verified, instead of failing the whole verify; the
  /// entries after it are not checked, nor the tables against the log.
  package static func verifyAudit(_ session: any SQLSession) throws -> AuditVerification {
    var entries: [AuditEntry] = []
    for row in try session.query("SELECT * FROM audit_log ORDER BY id") {
      do {
        entries.append(try SQLStoreRows.auditEntry(row))
      } catch {
        let sequence = (try? row.decode(Int64.self, forColumn: "sequence")) ?? Int64(entries.count + 1)
        let why = (error as? RegistryError)?.message ?? "\(error)"
        var result = AuditChain.verify(storedOrder: entries, recordedHead: nil)
        if result.problem == nil {
          result.problem = .init(
            sequence: sequence, tampering: .inserted,
            detail:
              "entry \(sequence) cannot be read (\(why)): FlightDeck never wrote it; the entries after it are not checked"
          )
        }
        return result
      }
    }
    let head = try SQLStoreRows.auditHead(session)
    let highWater = try session.queryOne(
      "SELECT value FROM meta WHERE key = ?", binding: [AuditChain.highWaterKey]
    )?.decode(String.self, forColumn: "value")
    var result = AuditChain.verify(
      storedOrder: entries, storedHead: head, highWater: highWater.flatMap { Int64($0) })
    result.mismatches = AuditCrossCheck.mismatches(rows: try crossCheckRows(session), entries: entries)
    return result
  }

  /// The rows ``AuditCrossCheck`` compares with the log: pointer moves,
  /// requests, decisions, rollouts and incidents with their notes, each
  /// table in `id` order.
  package static func crossCheckRows(_ session: any SQLSession) throws -> AuditCrossCheck.Rows {
    var rows = AuditCrossCheck.Rows()
    for r in try session.query("SELECT * FROM pointer_move ORDER BY id") {
      let artefact: String = try r.decode(forColumn: "artefact")
      let pointer: String = try r.decode(forColumn: "pointer")
      let from = try r.decode(String?.self, forColumn: "from_version")
      let to = try r.decode(String?.self, forColumn: "to_version")
      let id: Int64 = try r.decode(forColumn: "id")
      rows.moveSteps.append(
        (
          "\(artefact):\(pointer)", from, to,
          "pointer_move #\(id) \(artefact) \(pointer) \(from ?? "none") → \(to ?? "none")"
        ))
      rows.moves.append(
        AuditCrossCheck.move(
          id: try r.decode(forColumn: "id"), artefact: try r.decode(forColumn: "artefact"),
          pointer: try r.decode(forColumn: "pointer"),
          from: try r.decode(String?.self, forColumn: "from_version"),
          to: try r.decode(String?.self, forColumn: "to_version"), actor: try r.decode(forColumn: "actor"),
          at: try r.decode(forColumn: "at"), request: try r.decode(Int64?.self, forColumn: "request_id")))
    }
    for r in try session.query("SELECT * FROM promotion_request ORDER BY id") {
      rows.requests.append(
        AuditCrossCheck.request(
          id: try r.decode(forColumn: "id"), artefact: try r.decode(forColumn: "artefact"),
          version: try r.decode(forColumn: "version"), target: try r.decode(forColumn: "target"),
          requester: try r.decode(forColumn: "requester"), at: try r.decode(forColumn: "created_at"),
          approvals: try r.decode(forColumn: "rule_approvals"),
          role: try r.decode(String?.self, forColumn: "rule_role"),
          selfApproval: try r.decode(Int64.self, forColumn: "rule_self_approval") != 0))
      let id: Int64 = try r.decode(forColumn: "id")
      rows.requestStates["REQ-\(id)"] = (try r.decode(forColumn: "state"), "promotion_request REQ-\(id)")
    }
    for r in try session.query("SELECT artefact, name, version FROM pointer") {
      let artefact: String = try r.decode(forColumn: "artefact")
      let name: String = try r.decode(forColumn: "name")
      rows.pointers["\(artefact):\(name)"] = try r.decode(forColumn: "version")
    }
    for r in try session.query("SELECT * FROM request_decision ORDER BY id") {
      rows.decisions.append(
        AuditCrossCheck.decision(
          id: try r.decode(forColumn: "id"), request: try r.decode(forColumn: "request_id"),
          actor: try r.decode(forColumn: "actor"), verdict: try r.decode(forColumn: "verdict"),
          at: try r.decode(forColumn: "at")))
    }
    // A workspace opened read-only is not migrated: the later domains' tables may not exist yet.
    let rollouts =
      try session.tableExists("rollout")
      ? try session.query(
        "SELECT id, artefact, version, phase, started_at, started_by, updated_at FROM rollout ORDER BY id")
      : []
    for r in rollouts {
      let id: Int64 = try r.decode(forColumn: "id")
      let artefact: String = try r.decode(forColumn: "artefact")
      let start = AuditCrossCheck.rolloutStart(
        id: id, artefact: artefact, version: try r.decode(forColumn: "version"),
        actor: try r.decode(forColumn: "started_by"), at: try r.decode(forColumn: "started_at"))
      rows.rollouts.append(start)
      rows.rolloutStates["\(artefact):RO-\(id)"] = (
        try r.decode(forColumn: "phase"), try r.decode(forColumn: "updated_at"),
        "rollout RO-\(id) \(artefact)"
      )
    }
    let incidents =
      try session.tableExists("incident")
      ? try session.query("SELECT id, state, opened_at, opened_by FROM incident ORDER BY id") : []
    for r in incidents {
      let id: Int64 = try r.decode(forColumn: "id")
      rows.incidents.append(
        AuditCrossCheck.incidentOpen(
          id: id, actor: try r.decode(forColumn: "opened_by"), at: try r.decode(forColumn: "opened_at")))
      rows.incidentStates["INC-\(id)"] = (try r.decode(forColumn: "state"), "incident INC-\(id)")
    }
    for r in try session.query("SELECT name, canary_weight FROM artefact") {
      let name: String = try r.decode(forColumn: "name")
      rows.canaryWeights[name] = (try r.decode(forColumn: "canary_weight"), "artefact \(name) canary weight")
    }
    let silences =
      try session.tableExists("silence") ? try session.query("SELECT * FROM silence ORDER BY id") : []
    for r in silences {
      let id: Int64 = try r.decode(forColumn: "id")
      let text: String = try r.decode(forColumn: "matchers")
      let matchers = (try? SQLStoreTransaction.silence(r))?.matchers.map(\.description) ?? [text]
      rows.silences.append(
        AuditCrossCheck.silenceCreate(
          id: id, actor: try r.decode(forColumn: "created_by"), at: try r.decode(forColumn: "created_at"),
          startsAt: try r.decode(forColumn: "starts_at"), matchers: matchers))
      rows.silenceEnds["SIL-\(id)"] = (try r.decode(forColumn: "ends_at"), "silence SIL-\(id)")
    }
    let notes =
      try session.tableExists("incident_note")
      ? try session.query("SELECT * FROM incident_note ORDER BY id") : []
    for r in notes {
      rows.notes.append(
        AuditCrossCheck.note(
          id: try r.decode(forColumn: "id"), incident: try r.decode(forColumn: "incident_id"),
          actor: try r.decode(forColumn: "actor"), at: try r.decode(forColumn: "at"),
          text: try r.decode(forColumn: "text")))
    }
    return rows
  }

  /// The rollouts of `artefact` (all when `nil`), newest first.
  package static func rollouts(_ session: any SQLSession, artefact: String?) throws -> [RolloutRecord] {
    if let artefact { try RegistryNames.validateArtefact(artefact) }
    return try SQLStoreRows.rollouts(session, artefact: artefact)
  }

  /// Every stored alert instance with its acknowledgement, firing first.
  package static func alertInstances(_ session: any SQLSession) throws -> [AlertInstance] {
    let rows = try session.query("SELECT * FROM alert_instance").map(SQLStoreTransaction.alertInstance)
    return rows.sorted {
      ($0.state.rank, $0.ruleName, $0.fingerprint) < ($1.state.rank, $1.ruleName, $1.fingerprint)
    }
  }

  /// Silences, newest first: those ending after `now`, or all.
  package static func silences(_ session: any SQLSession, includeExpired: Bool, now: Timestamp) throws
    -> [AlertSilence]
  {
    let rows =
      includeExpired
      ? try session.query("SELECT * FROM silence ORDER BY id DESC")
      : try session.query(
        "SELECT * FROM silence WHERE ends_at > ? ORDER BY id DESC", binding: [now.millisecondsSinceEpoch])
    return try rows.map(SQLStoreTransaction.silence)
  }

  /// Incidents in `states` (all when `nil`), newest first, at most `limit` (≥ 0).
  package static func incidents(_ session: any SQLSession, states: Set<IncidentState>?, limit: Int) throws
    -> [Incident]
  {
    var filter = ""
    var arguments: [any SQLValueConvertible] = []
    if let states {
      guard !states.isEmpty else { return [] }
      let sorted = states.map(\.rawValue).sorted()
      filter = " WHERE state IN (\(sorted.map { _ in "?" }.joined(separator: ", ")))"
      arguments.append(contentsOf: sorted)
    }
    arguments.append(max(0, limit))
    return try SQLStoreRows.incidents(
      session, sql: "SELECT * FROM incident\(filter) ORDER BY id DESC LIMIT ?", binding: arguments)
  }

  /// The incident `id`.
  package static func incident(_ session: any SQLSession, id: Int64) throws -> Incident {
    guard let found = try SQLStoreRows.incident(session, id) else {
      throw RegistryError(.notFound, "INC-\(id) does not exist")
    }
    return found
  }

  /// What the timeline of an incident needs: the audit entries from
  /// `start` on or about `subject` (the incident's display id), by
  /// sequence, the artefact of every promotion request (id → artefact), and
  /// the matchers (`name="value"`) of every silence expired from `start` on
  /// (id → matchers), for expiries whose creation lies before `start`.
  package static func timelineInputs(_ session: any SQLSession, start: Timestamp, subject: String) throws -> (
    entries: [AuditEntry], requestArtefacts: [Int64: String], silenceMatchers: [Int64: [String]]
  ) {
    let entries = try SQLStoreRows.auditEntries(
      session,
      sql: "SELECT * FROM audit_log WHERE at >= ? OR subject = ? ORDER BY sequence",
      binding: [start.millisecondsSinceEpoch, subject])
    var requests: [Int64: String] = [:]
    for row in try session.query("SELECT id, artefact FROM promotion_request") {
      requests[try row.decode(forColumn: "id")] = try row.decode(String.self, forColumn: "artefact")
    }
    var silences: [Int64: [String]] = [:]
    for row in try session.query(
      "SELECT * FROM silence WHERE expired_at >= ?", binding: [start.millisecondsSinceEpoch])
    {
      let silence = try SQLStoreTransaction.silence(row)
      silences[silence.id] = silence.matchers.map(\.description)
    }
    return (entries, requests, silences)
  }
}
