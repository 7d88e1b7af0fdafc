/// The notification log in the portable SQL both backends run (see
/// ``NotificationOutboxStore/notificationLog(at:)``), over an open
/// transaction's session. The table (`notification_log`, SQLite v12,
/// PostgreSQL 14): `receiver` and `group_key` (the group key's text,
/// ``NotificationGroupKey/description``) as the primary key, `log_key` (the
/// ``NotificationDispatcher/LogKey`` as JSON with sorted keys), `entry` (the
/// ``NotificationDispatcher/LogEntry`` as JSON with sorted keys), `sent_at`
/// (the entry's time) and `expires_at`, in ms.
package enum SQLStoreNotificationLog {
  /// The entries not expired at `now`, by receiver then group key.
  /// - Throws: `.corrupt` for a row whose JSON does not decode, or whose
  ///   key columns disagree with it.
  package static func entries(_ session: any SQLSession, now: Timestamp) throws -> [NotificationLogRecord] {
    guard try session.tableExists("notification_log") else { return [] }
    let rows = try session.query(
      "SELECT * FROM notification_log WHERE expires_at > ?", binding: [now.millisecondsSinceEpoch])
    return try rows.map(record).sorted {
      ($0.key.receiver, $0.key.group.description) < ($1.key.receiver, $1.key.group.description)
    }
  }

  /// Upserts `records` (a newer stored entry wins) and deletes the entries
  /// expired at `now`.
  /// - Returns: how many expired entries were deleted.
  package static func record(_ session: any SQLSession, _ records: [NotificationLogRecord], now: Timestamp)
    throws -> Int
  {
    for r in records {
      try session.execute(
        """
        INSERT INTO notification_log (receiver, group_key, log_key, entry, sent_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (receiver, group_key) DO UPDATE SET log_key = excluded.log_key, entry = excluded.entry,
          sent_at = excluded.sent_at, expires_at = excluded.expires_at
        WHERE notification_log.sent_at <= excluded.sent_at
        """,
        binding: [
          r.key.receiver, r.key.group.description, try SQLStoreRows.sortedJSON(r.key),
          try SQLStoreRows.sortedJSON(r.entry), r.entry.at.millisecondsSinceEpoch,
          r.expiresAt.millisecondsSinceEpoch,
        ])
    }
    // One statement: the rows it deleted are the count (no COUNT first, which another
    // transaction's expiry between the two could make disagree with the DELETE).
    return try session.query(
      "DELETE FROM notification_log WHERE expires_at <= ? RETURNING receiver",
      binding: [now.millisecondsSinceEpoch]
    ).count
  }

  /// Decodes one row.
  /// - Throws: `.corrupt` for a damaged row.
  static func record(_ row: SQLRow) throws -> NotificationLogRecord {
    let key = try SQLStoreRows.json(
      NotificationDispatcher.LogKey.self, try row.decode(String.self, forColumn: "log_key"),
      "a notification log key")
    let entry = try SQLStoreRows.json(
      NotificationDispatcher.LogEntry.self, try row.decode(String.self, forColumn: "entry"),
      "a notification log entry")
    let receiver = try row.decode(String.self, forColumn: "receiver")
    let groupKey = try row.decode(String.self, forColumn: "group_key")
    guard key.receiver == receiver, key.group.description == groupKey,
      entry.firing == Set(entry.firingAlerts.map(\.fingerprint))
    else {
      throw RegistryError(
        .corrupt,
        "the notification log row of \(RegistryNames.quoted(receiver)) \(RegistryNames.quoted(groupKey)) disagrees with its JSON; it is damaged"
      )
    }
    return NotificationLogRecord(
      key: key, entry: entry,
      expiresAt: Timestamp(millisecondsSinceEpoch: try row.decode(Int64.self, forColumn: "expires_at")))
  }
}
