import Foundation

/// The notification outbox in the portable SQL both backends run (see
/// ``NotificationOutboxStore``): reads, claims and delivery records over an
/// open transaction's session. The table (`notification_outbox`): `id`,
/// `event_key` (unique: the idempotency key), `audit_sequence`, `kind`,
/// `subject`, `created_at` ms, `event` (the ``NotificationEvent`` as JSON
/// with sorted keys), `state`, `attempts`, `next_attempt_at` ms,
/// `last_error`, `delivered_to` (a JSON array of receiver names),
/// `delivered_at` ms, and (SQLite v10, PostgreSQL 10) `claims` (the claim
/// count senders fence their records with) and `deliveries` (the
/// ``NotificationDelivery`` per receiver as a JSON array sorted by receiver;
/// the row's `state`, `attempts`, `next_attempt_at`, `last_error`,
/// `delivered_to` and `delivered_at` sum them up, see
/// ``NotificationOutboxEntry/summarise(_:at:)``).
package enum SQLStoreOutbox {
  /// The longest error text kept per entry, in bytes (a receiver's body can be large).
  static let maximumErrorBytes = 1000

  /// Inserts `event` as a pending entry due at `dueAt`.
  static func insert(_ session: any SQLSession, _ event: NotificationEvent, dueAt: Timestamp) throws {
    try session.execute(
      """
      INSERT INTO notification_outbox (event_key, audit_sequence, kind, subject, created_at, event, state,
        attempts, next_attempt_at, last_error, delivered_to, delivered_at, claims, deliveries)
      VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, NULL, '[]', NULL, 0, '[]')
      """,
      binding: [
        event.key, event.auditSequence, event.kind.rawValue, event.subject, event.at.millisecondsSinceEpoch,
        try SQLStoreRows.sortedJSON(event), dueAt.millisecondsSinceEpoch,
      ])
  }

  /// Entries newest first, filtered by state.
  package static func entries(_ session: any SQLSession, states: Set<NotificationOutboxState>?, limit: Int)
    throws
    -> [NotificationOutboxEntry]
  {
    guard try session.tableExists("notification_outbox") else { return [] }
    let limit = max(0, min(limit, 100_000))
    if let states {
      guard !states.isEmpty else { return [] }
      let marks = Array(repeating: "?", count: states.count).joined(separator: ", ")
      let values: [any SQLValueConvertible] =
        states.map(\.rawValue).sorted().map { $0 as any SQLValueConvertible } + [limit]
      return try session.query(
        "SELECT * FROM notification_outbox WHERE state IN (\(marks)) ORDER BY id DESC LIMIT ?",
        binding: values
      ).map(entry)
    }
    return try session.query("SELECT * FROM notification_outbox ORDER BY id DESC LIMIT ?", binding: [limit])
      .map(entry)
  }

  /// Entries per state (see ``NotificationOutboxStore/notificationOutboxCounts()``).
  /// - Throws: `.corrupt` for a state the outbox does not know.
  package static func counts(_ session: any SQLSession) throws -> [NotificationOutboxState: Int] {
    guard try session.tableExists("notification_outbox") else { return [:] }
    var out: [NotificationOutboxState: Int] = [:]
    for row in try session.query("SELECT state, COUNT(*) AS n FROM notification_outbox GROUP BY state") {
      let text = try row.decode(String.self, forColumn: "state")
      guard let state = NotificationOutboxState(rawValue: text) else {
        throw RegistryError(.corrupt, "an outbox row has the unknown state \(text); it is damaged")
      }
      out[state] = try row.decode(Int.self, forColumn: "n")
    }
    return out
  }

  /// Claims due entries (see ``NotificationOutboxStore/claimDueNotifications(at:claimForMs:limit:)``).
  package static func claim(_ session: any SQLSession, now: Timestamp, claimForMs: Int64, limit: Int) throws
    -> [NotificationOutboxEntry]
  {
    let due = try session.query(
      """
      SELECT * FROM notification_outbox WHERE state IN ('pending', 'failed') AND next_attempt_at <= ?
      ORDER BY id LIMIT ?
      """, binding: [now.millisecondsSinceEpoch, max(0, min(limit, 10_000))]
    ).map(entry)
    let until = now.adding(milliseconds: max(0, claimForMs))
    var out: [NotificationOutboxEntry] = []
    for var e in due {
      try session.execute(
        "UPDATE notification_outbox SET claims = claims + 1, next_attempt_at = ? WHERE id = ?",
        binding: [until.millisecondsSinceEpoch, e.id])
      e.claims += 1
      e.nextAttemptAt = until
      out.append(e)
    }
    return out
  }

  /// Records deliveries (see ``NotificationOutboxStore/recordNotificationDeliveries(id:claim:deliveries:at:)``):
  /// each given receiver's record replaces the stored one (a delivered one
  /// stays delivered), the others are kept, and the row is summed up again.
  package static func record(
    _ session: any SQLSession, id: Int64, claim: Int, deliveries: [NotificationDelivery], now: Timestamp
  )
    throws -> NotificationOutboxEntry?
  {
    guard let row = try session.queryOne("SELECT * FROM notification_outbox WHERE id = ?", binding: [id])
    else { throw RegistryError(.notFound, "N-\(id) does not exist") }
    var e = try entry(row)
    guard e.claims == claim, e.state != .delivered else { return nil }
    var byReceiver = Dictionary(e.deliveries.map { ($0.receiver, $0) }, uniquingKeysWith: { a, _ in a })
    for var d in deliveries {
      if byReceiver[d.receiver]?.state == .delivered { continue }
      d.lastError = d.lastError.map(clip)
      byReceiver[d.receiver] = d
    }
    e.summarise(Array(byReceiver.values), at: now)
    try write(session, e)
    return e
  }

  /// Makes a failed or dead entry — or one receiver's failed or dead
  /// delivery of it — due again (see ``NotificationOutboxStore/retryNotification(id:receiver:at:)``).
  package static func retry(_ session: any SQLSession, id: Int64, receiver: String?, now: Timestamp) throws
    -> NotificationOutboxEntry
  {
    guard let row = try session.queryOne("SELECT * FROM notification_outbox WHERE id = ?", binding: [id])
    else {
      throw RegistryError(.notFound, "N-\(id) does not exist")
    }
    var e = try entry(row)
    guard e.state == .failed || e.state == .dead else {
      throw RegistryError(
        .notApplicable, "\(e.displayID) is \(e.state.rawValue): only failed or dead notifications are retried"
      )
    }
    var deliveries = e.deliveries
    if let receiver {
      let shown = TerminalText.sanitize(receiver)
      if let i = deliveries.firstIndex(where: { $0.receiver == receiver }) {
        guard deliveries[i].state == .failed || deliveries[i].state == .dead else {
          throw RegistryError(
            .notApplicable,
            "\(e.displayID) to \(shown) is \(deliveries[i].state.rawValue): only a failed or dead delivery is retried"
          )
        }
      } else if !deliveries.isEmpty {
        let known = deliveries.map { "\($0.receiver) \($0.state.rawValue)" }.joined(separator: ", ")
        throw RegistryError(
          .notFound,
          "\(e.displayID) has no delivery to \(shown) (its receivers: \(TerminalText.sanitize(known)))")
      } else {
        deliveries.append(NotificationDelivery(receiver: receiver, state: .dead))
      }
    }
    deliveries = deliveries.map { d in
      guard d.state == .failed || d.state == .dead, receiver == nil || d.receiver == receiver else {
        return d
      }
      var d = d
      d.state = .pending
      d.attempts = 0
      d.nextAttemptAt = nil
      return d
    }
    e.summarise(deliveries, at: now)
    // A row whose receivers were never recorded (written before v10) is due again as a whole.
    if !deliveries.contains(where: \.isOpen) { e.state = .pending }
    e.nextAttemptAt = now
    try write(session, e)
    return e
  }

  /// Gives back claims a sender holds (see ``NotificationOutboxStore/releaseNotificationClaims(_:at:)``).
  package static func release(_ session: any SQLSession, claims: [Int64: Int], now: Timestamp) throws -> Int {
    var released = 0
    for (id, claim) in claims.sorted(by: { $0.key < $1.key }) {
      guard let row = try session.queryOne("SELECT * FROM notification_outbox WHERE id = ?", binding: [id])
      else { continue }
      let e = try entry(row)
      guard e.claims == claim, e.state == .pending || e.state == .failed else { continue }
      let open = e.deliveries.filter(\.isOpen)
      let due = open.isEmpty ? now : open.map { $0.nextAttemptAt ?? now }.min() ?? now
      try session.execute(
        "UPDATE notification_outbox SET next_attempt_at = ? WHERE id = ?",
        binding: [min(due, e.nextAttemptAt).millisecondsSinceEpoch, id])
      released += 1
    }
    return released
  }

  /// Writes `e`'s delivery columns.
  static func write(_ session: any SQLSession, _ e: NotificationOutboxEntry) throws {
    try session.execute(
      """
      UPDATE notification_outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?,
        delivered_to = ?, delivered_at = ?, deliveries = ?
      WHERE id = ?
      """,
      binding: [
        e.state.rawValue, e.attempts, e.nextAttemptAt.millisecondsSinceEpoch, e.lastError.map(clip),
        try receiversJSON(e.deliveredTo), e.deliveredAt?.millisecondsSinceEpoch,
        try SQLStoreRows.sortedJSON(e.deliveries.sorted { $0.receiver < $1.receiver }), e.id,
      ])
  }

  /// `text` cut to ``maximumErrorBytes`` on a character boundary.
  static func clip(_ text: String) -> String {
    guard text.utf8.count > maximumErrorBytes else { return text }
    var out = ""
    for c in text {
      if out.utf8.count + String(c).utf8.count > maximumErrorBytes - 3 { break }
      out.append(c)
    }
    return out + "…"
  }

  static func receiversJSON(_ names: [String]) throws -> String {
    try SQLStoreRows.sortedJSON(Array(Set(names)).sorted())
  }

  /// Decodes one row.
  /// - Throws: `.corrupt` for a damaged row.
  static func entry(_ row: SQLRow) throws -> NotificationOutboxEntry {
    let stateText = try row.decode(String.self, forColumn: "state")
    guard let state = NotificationOutboxState(rawValue: stateText) else {
      throw RegistryError(.corrupt, "an outbox row has the unknown state \(stateText); it is damaged")
    }
    return NotificationOutboxEntry(
      id: try row.decode(Int64.self, forColumn: "id"),
      event: try SQLStoreRows.json(
        NotificationEvent.self, try row.decode(String.self, forColumn: "event"), "an outbox event"),
      state: state, attempts: try row.decode(Int.self, forColumn: "attempts"),
      claims: try row.decode(Int.self, forColumn: "claims"),
      nextAttemptAt: Timestamp(
        millisecondsSinceEpoch: try row.decode(Int64.self, forColumn: "next_attempt_at")),
      lastError: try row.decode(String?.self, forColumn: "last_error"),
      deliveredTo: try SQLStoreRows.json(
        [String].self, try row.decode(String.self, forColumn: "delivered_to"), "an outbox receiver list"),
      deliveredAt: try row.decode(Int64?.self, forColumn: "delivered_at").map(
        Timestamp.init(millisecondsSinceEpoch:)),
      deliveries: try SQLStoreRows.json(
        [NotificationDelivery].self, try row.decode(String.self, forColumn: "deliveries"),
        "an outbox delivery list"
      ).sorted { $0.receiver < $1.receiver })
  }
}
