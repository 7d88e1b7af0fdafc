import Foundation

/// The notification outbox in the portable SQL both backends run (see
/// ``NotificationOutboxStore``): reads, claims and delivery records over an
/// open transaction's session. The table (`notification_outbox`): `id`,
/// `event_key` (unique: the idempotency key), `audit_sequence`, `kind`,
/// `subject`, `created_at` ms, `event` (the ``NotificationEvent`` as JSON
/// with sorted keys), `state`, `attempts`, `next_attempt_at` ms,
/// `last_error`, `delivered_to` (a JSON array of receiver names) and
/// `delivered_at` ms.
package enum SQLStoreOutbox {
  /// The longest error text kept per entry, in bytes (a receiver's body can be large).
  static let maximumErrorBytes = 1000

  /// Inserts `event` as a pending entry due at `dueAt`.
  static func insert(_ session: any SQLSession, _ event: NotificationEvent, dueAt: Timestamp) throws {
    try session.execute(
      """
      INSERT INTO notification_outbox (event_key, audit_sequence, kind, subject, created_at, event, state,
        attempts, next_attempt_at, last_error, delivered_to, delivered_at)
      VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, NULL, '[]', NULL)
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
        "UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?",
        binding: [until.millisecondsSinceEpoch, e.id])
      e.attempts += 1
      e.nextAttemptAt = until
      out.append(e)
    }
    return out
  }

  /// Records an attempt's outcome (see ``NotificationOutboxStore/recordNotificationAttempt(id:attempt:outcome:)``).
  package static func record(
    _ session: any SQLSession, id: Int64, attempt: Int, outcome: NotificationAttemptOutcome
  )
    throws -> Bool
  {
    guard
      let row = try session.queryOne(
        "SELECT state, attempts FROM notification_outbox WHERE id = ?", binding: [id])
    else { throw RegistryError(.notFound, "N-\(id) does not exist") }
    let state = try row.decode(String.self, forColumn: "state")
    guard try row.decode(Int.self, forColumn: "attempts") == attempt, state != "delivered" else {
      return false
    }
    switch outcome {
    case .delivered(let to, let at):
      try session.execute(
        """
        UPDATE notification_outbox SET state = 'delivered', delivered_to = ?, delivered_at = ?, last_error = NULL
        WHERE id = ?
        """, binding: [try receiversJSON(to), at.millisecondsSinceEpoch, id])
    case .failed(let to, let error, let next):
      try session.execute(
        """
        UPDATE notification_outbox SET state = 'failed', delivered_to = ?, last_error = ?, next_attempt_at = ?
        WHERE id = ?
        """, binding: [try receiversJSON(to), clip(error), next.millisecondsSinceEpoch, id])
    case .dead(let to, let error):
      try session.execute(
        "UPDATE notification_outbox SET state = 'dead', delivered_to = ?, last_error = ? WHERE id = ?",
        binding: [try receiversJSON(to), clip(error), id])
    }
    return true
  }

  /// Makes a failed or dead entry due again (see ``NotificationOutboxStore/retryNotification(id:at:)``).
  package static func retry(_ session: any SQLSession, id: Int64, now: Timestamp) throws
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
    try session.execute(
      "UPDATE notification_outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?",
      binding: [now.millisecondsSinceEpoch, id])
    e.state = .pending
    e.attempts = 0
    e.nextAttemptAt = now
    return e
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
      nextAttemptAt: Timestamp(
        millisecondsSinceEpoch: try row.decode(Int64.self, forColumn: "next_attempt_at")),
      lastError: try row.decode(String?.self, forColumn: "last_error"),
      deliveredTo: try SQLStoreRows.json(
        [String].self, try row.decode(String.self, forColumn: "delivered_to"), "an outbox receiver list"),
      deliveredAt: try row.decode(Int64?.self, forColumn: "delivered_at").map(
        Timestamp.init(millisecondsSinceEpoch:)))
  }
}
