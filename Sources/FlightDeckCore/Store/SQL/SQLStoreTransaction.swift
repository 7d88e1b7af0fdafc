/// One write transaction of a SQL store backend: the state every command
/// shares (the session, "now", the actor, the policy) and the building
/// blocks they use: lookups that refuse with clear errors, pointer moves and
/// audit appends. Backend-neutral: every statement goes through an
/// ``SQLSession`` in the portable SQL of the store's DocC article ("Portable
/// SQL"); the backend opens, serialises and commits the transaction (an
/// immediate transaction, or a serialised one) and this type lives only inside it.
package final class SQLStoreTransaction {
  /// The open transaction's session.
  let session: any SQLSession
  /// "Now" for every time this command writes.
  let now: Timestamp
  /// Who runs the command (with their roles in force).
  let actor: OperatorIdentity
  /// How ``actor`` was identified, as its audit entries record it
  /// (``recordedIdentification(of:vouched:)``).
  let identification: ActorIdentification
  /// The approvals promotions need.
  let policy: RiskPolicy
  /// The gate policy in force (promotions to `production` are judged by it).
  let gatePolicy: GatePolicy
  /// Sequences of the audit entries this command appended.
  private(set) var auditSequences: [Int64] = []
  /// Pointer moves this command made.
  private(set) var moves: [PointerMove] = []
  /// The last audit entry this command appended (the outbox keys its events by it).
  private(set) var lastAuditEntry: AuditEntry?
  /// Artefacts whose routing (a pointer or the canary weight) this command
  /// changed: each gets a routing outbox generation at the end of ``run(_:)``.
  var routingTouched: Set<String> = []

  /// A transaction over `session` at `now` by `actor` under `policy` and
  /// `gatePolicy`; `vouched`: the backend authenticated `actor` (the
  /// database's logged-in role).
  init(
    session: any SQLSession, now: Timestamp, actor: OperatorIdentity, policy: RiskPolicy,
    gatePolicy: GatePolicy, vouched: Bool = false
  ) {
    self.session = session
    self.now = now
    self.actor = actor
    self.identification = Self.recordedIdentification(of: actor, vouched: vouched)
    self.policy = policy
    self.gatePolicy = gatePolicy
  }

  // MARK: Audit

  /// How the audit records `actor`: ``ActorIdentification/system`` for
  /// FlightDeck's own actors (made by ``OperatorIdentity/system(_:)``),
  /// ``ActorIdentification/databaseRole`` when `vouched` (the backend put the
  /// role the database authenticated there), else the unauthenticated source
  /// the identity claims (``ActorIdentification/claimed``: a claim of a
  /// database role or of FlightDeck itself is recorded as
  /// ``ActorIdentification/asserted``).
  static func recordedIdentification(of actor: OperatorIdentity, vouched: Bool) -> ActorIdentification {
    if actor.systemActor != nil { return .system }
    return vouched ? .databaseRole : actor.identification.claimed
  }

  /// Appends one sealed entry to the chain and moves the head; returns its
  /// sequence. The entry's actor is `name` (one of FlightDeck's own actors
  /// acting within the command, e.g. `system:alerting`) or the command's
  /// actor, and records how it was identified (``identification``, or
  /// ``ActorIdentification/system`` for a system actor named here).
  @discardableResult
  func audit(
    _ action: AuditAction, subject: String, before: String?, after: String?, reason: String,
    actor name: String? = nil
  ) throws -> Int64 {
    guard let head = try SQLStoreRows.auditHead(session) else {
      throw RegistryError(.corrupt, "the audit log's head row is missing; the database was edited by hand")
    }
    let who = name ?? actor.name
    let identity: ActorIdentification =
      who != actor.name && SystemActor(rawValue: who) != nil ? .system : identification
    let entry = AuditChain.seal(
      AuditEntry(
        sequence: head.sequence + 1, at: now, actor: who, action: action, subject: subject,
        before: before, after: after, reason: reason, previousHash: head.hash, hash: "", identity: identity))
    try session.execute(
      """
      INSERT INTO audit_log (sequence, at, actor, action, subject, before, after, reason, previous_hash, hash,
        identity)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      binding: [
        entry.sequence, entry.at.millisecondsSinceEpoch, entry.actor, entry.action.rawValue, entry.subject,
        entry.before, entry.after, entry.reason, entry.previousHash, entry.hash, entry.identity?.rawValue,
      ])
    try session.execute(
      "UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1", binding: [entry.sequence, entry.hash])
    // The high-water mark survives a wipe of audit_log and audit_head (AuditChain.highWaterKey).
    try session.execute(
      """
      INSERT INTO meta (key, value) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value
        WHERE CAST(meta.value AS BIGINT) < CAST(excluded.value AS BIGINT)
      """, binding: [AuditChain.highWaterKey, String(entry.sequence)])
    auditSequences.append(entry.sequence)
    lastAuditEntry = entry
    return entry.sequence
  }

  // MARK: Lookups

  /// The artefact `name` and its canary weight.
  /// - Throws: `.invalidInput` for a bad name, `.notFound` when not registered.
  func requireArtefact(_ name: String) throws -> (record: ArtefactRecord, canaryWeight: Int) {
    try RegistryNames.validateArtefact(name)
    guard let found = try SQLStoreRows.artefact(session, name) else {
      throw RegistryError(.notFound, "no artefact named \(name) is registered")
    }
    return found
  }

  /// The version `label` of `artefact`.
  /// - Throws: `.invalidInput` for a bad label, `.notFound` when not registered.
  func requireVersion(_ artefact: String, _ label: String) throws -> VersionRecord {
    try RegistryNames.validateVersion(label)
    guard let found = try SQLStoreRows.version(session, artefact, label) else {
      throw RegistryError(.notFound, "\(artefact) has no version \(label)")
    }
    return found
  }

  /// The request `id` with its decisions.
  /// - Throws: `.notFound`.
  func requireRequest(_ id: Int64) throws -> PromotionRequest {
    guard let found = try SQLStoreRows.request(session, id) else {
      throw RegistryError(.notFound, "REQ-\(id) does not exist")
    }
    return found
  }

  /// The pointer's version and last move, if set.
  func pointer(_ artefact: String, _ name: PointerName) throws -> (version: String, move: PointerMove)? {
    try SQLStoreRows.pointer(session, artefact, name)
  }

  /// Refuses with `.changedSinceYouLooked` unless `pointer` of `artefact` is
  /// at `expected` (`.some(nil)`: unset); `nil` checks nothing.
  func check(
    expected: String??, artefact: String, pointer name: PointerName,
    current: (version: String, move: PointerMove)?
  ) throws {
    guard case .some(let seen) = expected, seen != current?.version else { return }
    let saw = seen.map { "not \($0) as you saw" } ?? "not unset as you saw"
    throw RegistryError(
      .changedSinceYouLooked,
      "\(artefact) \(name) is now \(describe(current)), \(saw) — changed since you looked")
  }

  /// `v11 (moved by carol at 13:02:11Z)` or `unset`.
  func describe(_ current: (version: String, move: PointerMove)?) -> String {
    guard let current else { return "unset" }
    return "\(current.version) (moved by \(current.move.actor) at \(Self.clockTime(current.move.at)))"
  }

  /// `13:02:11Z`: the UTC time of day of `t`.
  static func clockTime(_ t: Timestamp) -> String {
    let text = t.rfc3339
    guard text.count >= 19 else { return text }
    return String(text.dropFirst(11).prefix(8)) + "Z"
  }

  // MARK: Pointer moves

  /// Points `pointer` of `artefact` at `version` and records the move; the
  /// audit entry is `auditAction` (`pointer.move`, or `rollback`) with
  /// before `{"version":…}` and after `{"request":…,"version":…}`.
  @discardableResult
  func movePointer(
    _ artefact: String, _ pointer: PointerName, to version: String, reason: String, requestID: Int64?,
    cause: PointerMove.Cause, actor name: String? = nil, auditAction: AuditAction = .pointerMove,
    extraAfter: [String: CanonicalJSON.Value] = [:]
  ) throws -> PointerMove {
    let who = name ?? actor.name
    let current = try self.pointer(artefact, pointer)
    let id = try session.insertReturningID(
      """
      INSERT INTO pointer_move (artefact, pointer, from_version, to_version, actor, at, reason, request_id, cause)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      binding: [
        artefact, pointer.rawValue, current?.version, version, who, now.millisecondsSinceEpoch, reason,
        requestID, cause.rawValue,
      ])
    try session.execute(
      """
      INSERT INTO pointer (artefact, name, version, last_move) VALUES (?, ?, ?, ?)
      ON CONFLICT (artefact, name) DO UPDATE SET version = excluded.version, last_move = excluded.last_move
      """, binding: [artefact, pointer.rawValue, version, id])
    let move = PointerMove(
      id: id, artefact: artefact, pointer: pointer, fromVersion: current?.version, toVersion: version,
      actor: who,
      at: now, reason: reason, requestID: requestID, cause: cause)
    var after: [String: CanonicalJSON.Value] = ["version": .string(version)]
    if let requestID { after["request"] = .integer(requestID) }
    after.merge(extraAfter) { $1 }
    try audit(
      auditAction, subject: "\(artefact):\(pointer)",
      before: current.map { CanonicalJSON.object(["version": .string($0.version)]) },
      after: CanonicalJSON.object(after), reason: reason, actor: who)
    moves.append(move)
    routingTouched.insert(artefact)
    return move
  }

  /// `support-bot production v12 → v13` (`none` for an unset pointer).
  static func moveText(_ m: PointerMove) -> String {
    "\(m.artefact) \(m.pointer) \(m.fromVersion ?? "none") → \(m.toVersion ?? "none")"
  }

  // MARK: Expiry

  /// Marks open requests (pending, or approved but not applied) whose
  /// `expiresAt` ≤ now as expired, each audited
  /// as `request.expire` by `system:registry`; returns how many.
  func expireDueRequests() throws -> Int {
    let due = try session.query(
      "SELECT id FROM promotion_request WHERE state IN ('pending', 'approved') AND expires_at <= ? ORDER BY id",
      binding: [now.millisecondsSinceEpoch]
    ).map { try $0.decode(Int64.self, forColumn: "id") }
    for id in due {
      let request = try requireRequest(id)
      try session.execute(
        "UPDATE promotion_request SET state = 'expired', state_changed_at = ? WHERE id = ?",
        binding: [request.expiresAt.millisecondsSinceEpoch, id])
      try audit(
        .requestExpire, subject: request.displayID,
        before: CanonicalJSON.object([
          "state": .string(request.state.rawValue), "approvals": .integer(Int64(request.approvers.count)),
        ]),
        after: CanonicalJSON.object(["state": "expired"]),
        reason: "undecided at \(request.expiresAt.rfc3339)", actor: SystemActor.registry.rawValue)
    }
    return due.count
  }

  // MARK: Dispatch

  /// Refuses a human identity named like FlightDeck's own actors
  /// (`system:…`), and a system actor issuing a command outside its job:
  /// the controller ticks and measures rollouts, alerting records
  /// transitions and opens incidents from alerts; neither approves,
  /// promotes or aborts.
  /// - Throws: `.invalidInput(field: "operator")` or `.notApplicable`.
  func checkSystemActor(_ command: RegistryCommand) throws {
    guard let system = actor.systemActor else {
      if SystemActor.isReserved(actor.name) {
        throw RegistryError(
          .invalidInput(field: "operator"),
          "the name \(actor.name) is reserved for FlightDeck's own actors (names starting with \(SystemActor.reservedPrefix)); set FLIGHTDECK_USER to your own name"
        )
      }
      return
    }
    let allowed: Bool
    switch (system, command) {
    case (.rolloutController, .rollout(.rolloutEvent(_, .tick, _))),
      (.rolloutController, .rollout(.rolloutEvent(_, .measurement, _))):
      allowed = true
    case (.alerting, .alert(.recordAlertTransitions)),
      (.alerting, .incident(.openIncident(_, _, _, _, .alert))):
      allowed = true
    default:
      allowed = false
    }
    guard allowed else {
      throw RegistryError(.notApplicable, "\(system.rawValue) does not issue this command; an operator does")
    }
  }

  /// Runs `command`: its checks, its writes and its audit entries.
  func run(_ command: RegistryCommand) throws -> RegistryOutcome {
    try RegistryNames.validateText(actor.name, field: "operator", max: 128, required: true)
    try checkSystemActor(command)
    var outcome: RegistryOutcome
    switch command {
    case .artefact(.registerArtefact(let name, let kind, let owner, let tier, let description)):
      outcome = try registerArtefact(
        name: name, kind: kind, owner: owner, tier: tier, description: description)
    case .artefact(
      .registerVersion(let artefact, let label, let source, let tags, let description, let template)):
      outcome = try registerVersion(
        artefact: artefact, label: label, source: source, tags: tags, description: description,
        template: template)
    case .approval(
      .requestPromotion(let artefact, let version, let target, let reason, let expectedFrom, let override)):
      outcome = try requestPromotion(
        artefact: artefact, version: version, target: target, reason: reason, expectedFrom: expectedFrom,
        override: override)
    case .approval(.approve(let id, let comment)):
      outcome = try approve(id, comment: comment)
    case .approval(.reject(let id, let comment)):
      outcome = try reject(id, comment: comment)
    case .approval(.cancel(let id, let comment)):
      outcome = try cancel(id, comment: comment)
    case .artefact(.rollback(let artefact, let to, let reason, let expectedProduction)):
      outcome = try rollback(artefact: artefact, to: to, reason: reason, expected: expectedProduction)
    case .rollout(.setCanaryWeight(let artefact, let percent, let reason)):
      outcome = try setCanaryWeight(artefact: artefact, percent: percent, reason: reason)
    case .artefact(.applyConfiguration(let newPolicy, let newRoles, let newGates)):
      outcome = try applyConfiguration(policy: newPolicy, roles: newRoles, gates: newGates)
    case .artefact(.recordGateResults(let artefact, let version, let report)):
      outcome = try recordGateResults(artefact: artefact, version: version, report: report)
    case .artefact(.importArtefact(let plan)):
      outcome = try importArtefact(plan)
    case .rollout(.startRollout(let plan)):
      outcome = try startRollout(plan)
    case .rollout(.rolloutEvent(let artefact, let event, let reason)):
      outcome = try rolloutEvent(artefact: artefact, event: event, reason: reason)
    case .alert(.recordAlertTransitions(let transitions)):
      outcome = try recordAlertTransitions(transitions)
    case .alert(.acknowledgeAlert(let fingerprint, let comment)):
      outcome = try acknowledgeAlert(fingerprint: fingerprint, comment: comment)
    case .alert(.createSilence(let matchers, let startsAt, let endsAt, let comment)):
      outcome = try createSilence(matchers: matchers, startsAt: startsAt, endsAt: endsAt, comment: comment)
    case .alert(.expireSilence(let id)):
      outcome = try expireSilence(id: id)
    case .incident(let change):
      outcome = try incidentCommand(change)
    }
    if let last = lastAuditEntry {
      for artefact in routingTouched.sorted() {
        try SQLStoreRouting.enqueue(session, artefact: artefact, auditSequence: last.sequence, now: now)
      }
    }
    outcome.auditSequences = auditSequences
    outcome.moves = moves
    return outcome
  }
}
