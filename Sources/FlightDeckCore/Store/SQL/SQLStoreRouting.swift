/// The routing outbox in the portable SQL both backends run (see
/// ``RoutingOutboxStore``). Tables: `routing_outbox` (one row per artefact:
/// `artefact` key, `generation`, `published_generation`, `audit_sequence`,
/// `changed_at` ms, `state`, `attempts`, `next_attempt_at` ms, `last_error`)
/// and `routing_target` (one row per target: `name` key, `path`,
/// `condition`, `digest`, `published_at` / `checked_at` ms, `detail`).
package enum SQLStoreRouting {
  /// Raises `artefact`'s generation and makes it due at `now`, inside the
  /// transaction of the change audited as `auditSequence`.
  static func enqueue(_ session: any SQLSession, artefact: String, auditSequence: Int64, now: Timestamp)
    throws
  {
    try session.execute(
      """
      INSERT INTO routing_outbox (artefact, generation, published_generation, audit_sequence, changed_at, state,
        attempts, next_attempt_at, last_error)
      VALUES (?, 1, 0, ?, ?, 'pending', 0, ?, NULL)
      ON CONFLICT (artefact) DO UPDATE SET generation = routing_outbox.generation + 1,
        audit_sequence = excluded.audit_sequence, changed_at = excluded.changed_at, state = 'pending',
        attempts = 0, next_attempt_at = excluded.next_attempt_at
      """,
      binding: [artefact, auditSequence, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
  }

  /// Every outbox row, by artefact.
  package static func entries(_ session: any SQLSession) throws -> [RoutingOutboxEntry] {
    guard try session.tableExists("routing_outbox") else { return [] }
    return try session.query("SELECT * FROM routing_outbox ORDER BY artefact").map(entry)
  }

  /// Every target record, by name.
  package static func targets(_ session: any SQLSession) throws -> [RoutingTargetRecord] {
    guard try session.tableExists("routing_target") else { return [] }
    return try session.query("SELECT * FROM routing_target ORDER BY name").map(target)
  }

  /// Claims due rows (see ``RoutingOutboxStore/claimDueRouting(at:claimForMs:limit:)``).
  package static func claim(_ session: any SQLSession, now: Timestamp, claimForMs: Int64, limit: Int) throws
    -> [RoutingOutboxEntry]
  {
    let due = try session.query(
      """
      SELECT * FROM routing_outbox WHERE published_generation < generation AND next_attempt_at <= ?
      ORDER BY changed_at, artefact LIMIT ?
      """, binding: [now.millisecondsSinceEpoch, max(0, min(limit, 10_000))]
    ).map(entry)
    let until = now.adding(milliseconds: max(0, claimForMs))
    var out: [RoutingOutboxEntry] = []
    for var e in due {
      try session.execute(
        "UPDATE routing_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE artefact = ?",
        binding: [until.millisecondsSinceEpoch, e.artefact])
      e.attempts += 1
      e.nextAttemptAt = until
      out.append(e)
    }
    return out
  }

  /// Records a publish (see ``RoutingOutboxStore/recordRoutingPublished(artefact:generation:publications:at:)``).
  package static func published(
    _ session: any SQLSession, artefact: String, generation: Int64, publications: [RoutingPublication],
    now: Timestamp
  ) throws {
    guard
      let row = try session.queryOne("SELECT * FROM routing_outbox WHERE artefact = ?", binding: [artefact])
    else { throw RegistryError(.notFound, "\(artefact) has no routing outbox row") }
    let current = try entry(row)
    let reached = max(current.publishedGeneration, min(generation, current.generation))
    if reached >= current.generation {
      try session.execute(
        """
        UPDATE routing_outbox SET published_generation = ?, state = 'published', attempts = 0, last_error = NULL
        WHERE artefact = ?
        """, binding: [reached, artefact])
    } else {
      try session.execute(
        """
        UPDATE routing_outbox SET published_generation = ?, state = 'pending', attempts = 0, next_attempt_at = ?,
          last_error = NULL
        WHERE artefact = ?
        """, binding: [reached, now.millisecondsSinceEpoch, artefact])
    }
    try saveTargets(session, publications, now: now)
    var digests: [String: CanonicalJSON.Value] = [:]
    var hooks: [String: CanonicalJSON.Value] = [:]
    for p in publications {
      digests[p.target] = .optional(p.digest)
      if p.exitCode != nil || p.output != nil {
        hooks[p.target] = .object([
          "exit": p.exitCode.map { .integer(Int64($0)) } ?? .null, "output": .optional(p.output),
        ])
      }
    }
    var after: [String: CanonicalJSON.Value] = [
      "generation": .integer(generation), "digests": .object(digests),
    ]
    if !hooks.isEmpty { after["hooks"] = .object(hooks) }
    // Hand edits of other artefacts the rewrite replaced: on record, by target.
    let overwrote = publications.filter { $0.overwrote != nil }.sorted { $0.target < $1.target }
    if !overwrote.isEmpty {
      after["overwrote"] = .object(
        Dictionary(uniqueKeysWithValues: overwrote.map { ($0.target, .string($0.overwrote ?? "")) }))
    }
    let changed = publications.filter(\.changed).map(\.target).sorted()
    try auditAsPublisher(
      session, now: now, action: .routingPublish, subject: artefact,
      after: CanonicalJSON.object(after),
      reason: publications.isEmpty
        ? "no target carries \(artefact)"
        : "generation \(generation) published to \(publications.count) target(s)"
          + (changed.isEmpty
            ? "; every file already held it" : "; rewrote \(changed.joined(separator: ", "))")
          + overwrote.map { "; replaced a hand edit in \($0.target): \($0.overwrote ?? "")" }.joined())
  }

  /// Records a failed attempt (see ``RoutingOutboxStore/recordRoutingFailed(artefact:error:retryAt:publications:at:)``).
  package static func failed(
    _ session: any SQLSession, artefact: String, error: String, retryAt: Timestamp,
    publications: [RoutingPublication], now: Timestamp
  ) throws {
    guard
      try session.queryOne("SELECT artefact FROM routing_outbox WHERE artefact = ?", binding: [artefact])
        != nil
    else { throw RegistryError(.notFound, "\(artefact) has no routing outbox row") }
    try session.execute(
      "UPDATE routing_outbox SET state = 'failed', next_attempt_at = ?, last_error = ? WHERE artefact = ?",
      binding: [retryAt.millisecondsSinceEpoch, SQLStoreOutbox.clip(error), artefact])
    try saveTargets(session, publications, now: now)
  }

  /// Records a read-back (see ``RoutingOutboxStore/recordRoutingCheck(target:path:condition:detail:at:)``).
  package static func checked(
    _ session: any SQLSession, target name: String, path: String, condition: RoutingTargetCondition,
    detail: String?, now: Timestamp
  ) throws {
    let before = try session.queryOne("SELECT * FROM routing_target WHERE name = ?", binding: [name]).map(
      target)
    try session.execute(
      """
      INSERT INTO routing_target (name, path, condition, digest, published_at, checked_at, detail)
      VALUES (?, ?, ?, NULL, NULL, ?, ?)
      ON CONFLICT (name) DO UPDATE SET path = excluded.path, condition = excluded.condition,
        checked_at = excluded.checked_at, detail = excluded.detail
      """,
      binding: [
        name, path, condition.rawValue, now.millisecondsSinceEpoch, detail.map(SQLStoreOutbox.clip),
      ])
    if condition == .drifted, before?.condition != .drifted {
      try auditAsPublisher(
        session, now: now, action: .routingDrift, subject: "routing:\(name)",
        after: CanonicalJSON.object([
          "path": .string(path), "expected_digest": .optional(before?.digest),
        ]), reason: detail ?? "changed outside FlightDeck")
    }
  }

  /// Makes `artefact` due now (see ``RoutingOutboxStore/requestRoutingPublish(artefact:at:)``).
  package static func request(_ session: any SQLSession, artefact: String, now: Timestamp) throws {
    guard try SQLStoreRows.artefact(session, artefact) != nil else {
      throw RegistryError(.notFound, "no artefact named \(artefact) is registered")
    }
    let head = try SQLStoreRows.auditHead(session)?.sequence ?? 0
    try enqueue(session, artefact: artefact, auditSequence: head, now: now)
  }

  /// Upserts the target records of `publications`.
  static func saveTargets(_ session: any SQLSession, _ publications: [RoutingPublication], now: Timestamp)
    throws
  {
    for p in publications {
      if let digest = p.digest {
        try session.execute(
          """
          INSERT INTO routing_target (name, path, condition, digest, published_at, checked_at, detail)
          VALUES (?, ?, 'in sync', ?, ?, ?, NULL)
          ON CONFLICT (name) DO UPDATE SET path = excluded.path, condition = 'in sync', digest = excluded.digest,
            published_at = excluded.published_at, checked_at = excluded.checked_at, detail = NULL
          """,
          binding: [
            p.target, p.path, digest, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch,
          ])
      } else {
        try session.execute(
          """
          INSERT INTO routing_target (name, path, condition, digest, published_at, checked_at, detail)
          VALUES (?, ?, 'failing', NULL, NULL, ?, ?)
          ON CONFLICT (name) DO UPDATE SET path = excluded.path, condition = 'failing',
            checked_at = excluded.checked_at, detail = excluded.detail
          """,
          binding: [
            p.target, p.path, now.millisecondsSinceEpoch, SQLStoreOutbox.clip(p.error ?? "failed"),
          ])
      }
    }
  }

  /// Appends one audit entry by `system:publisher`.
  static func auditAsPublisher(
    _ session: any SQLSession, now: Timestamp, action: AuditAction, subject: String, after: String,
    reason: String
  ) throws {
    let tx = SQLStoreTransaction(
      session: session, now: now, actor: .system(.publisher), policy: .standard, gatePolicy: .standard)
    try tx.audit(action, subject: subject, before: nil, after: after, reason: reason)
  }

  /// Decodes an outbox row.
  /// - Throws: `.corrupt` for a damaged row.
  static func entry(_ row: SQLRow) throws -> RoutingOutboxEntry {
    let stateText = try row.decode(String.self, forColumn: "state")
    guard let state = RoutingOutboxState(rawValue: stateText) else {
      throw RegistryError(.corrupt, "a routing outbox row has the unknown state \(stateText); it is damaged")
    }
    return RoutingOutboxEntry(
      artefact: try row.decode(String.self, forColumn: "artefact"),
      generation: try row.decode(Int64.self, forColumn: "generation"),
      publishedGeneration: try row.decode(Int64.self, forColumn: "published_generation"),
      auditSequence: try row.decode(Int64.self, forColumn: "audit_sequence"),
      changedAt: Timestamp(millisecondsSinceEpoch: try row.decode(Int64.self, forColumn: "changed_at")),
      state: state, attempts: try row.decode(Int.self, forColumn: "attempts"),
      nextAttemptAt: Timestamp(
        millisecondsSinceEpoch: try row.decode(Int64.self, forColumn: "next_attempt_at")),
      lastError: try row.decode(String?.self, forColumn: "last_error"))
  }

  /// Decodes a target row.
  /// - Throws: `.corrupt` for a damaged row.
  static func target(_ row: SQLRow) throws -> RoutingTargetRecord {
    let text = try row.decode(String.self, forColumn: "condition")
    guard let condition = RoutingTargetCondition(rawValue: text) else {
      throw RegistryError(.corrupt, "a routing target row has the unknown condition \(text); it is damaged")
    }
    return RoutingTargetRecord(
      name: try row.decode(String.self, forColumn: "name"),
      path: try row.decode(String.self, forColumn: "path"),
      condition: condition, digest: try row.decode(String?.self, forColumn: "digest"),
      publishedAt: try row.decode(Int64?.self, forColumn: "published_at").map(
        Timestamp.init(millisecondsSinceEpoch:)),
      checkedAt: try row.decode(Int64?.self, forColumn: "checked_at").map(
        Timestamp.init(millisecondsSinceEpoch:)),
      detail: try row.decode(String?.self, forColumn: "detail"))
  }
}
