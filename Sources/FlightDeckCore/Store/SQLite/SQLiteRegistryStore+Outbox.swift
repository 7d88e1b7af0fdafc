import GRDB

extension SQLiteRegistryStore: NotificationOutboxStore {
  /// Outbox entries, newest first (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func notificationOutbox(states: Set<NotificationOutboxState>?, limit: Int) throws
    -> [NotificationOutboxEntry]
  {
    try guarded {
      try writer.read { db in
        try SQLStoreOutbox.entries(SQLiteSession(db, path: path), states: states, limit: limit)
      }
    }
  }

  /// Entries per state (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError``: `.corrupt` for an unknown state, or a storage failure.
  public func notificationOutboxCounts() throws -> [NotificationOutboxState: Int] {
    try guarded { try writer.read { db in try SQLStoreOutbox.counts(SQLiteSession(db, path: path)) } }
  }

  /// Claims due entries in one `BEGIN IMMEDIATE` transaction (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` on a storage failure.
  public func claimDueNotifications(at now: Timestamp, claimForMs: Int64, limit: Int) throws
    -> [NotificationOutboxEntry]
  {
    try immediate { session in
      try SQLStoreOutbox.claim(session, now: now, claimForMs: claimForMs, limit: limit)
    }
  }

  /// Records an attempt's outcome (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` `.notFound`, or a storage failure.
  @discardableResult
  public func recordNotificationAttempt(id: Int64, attempt: Int, outcome: NotificationAttemptOutcome) throws
    -> Bool
  {
    try immediate { session in try SQLStoreOutbox.record(session, id: id, attempt: attempt, outcome: outcome)
    }
  }

  /// Makes a failed or dead entry due again (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` `.notFound`, `.notApplicable`, or a storage failure.
  public func retryNotification(id: Int64, at now: Timestamp) throws -> NotificationOutboxEntry {
    try immediate { session in try SQLStoreOutbox.retry(session, id: id, now: now) }
  }

  /// Runs `body` in one `BEGIN IMMEDIATE` transaction.
  private func immediate<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try guarded {
      try writer.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(SQLiteSession(db, path: path))
          return .commit
        }
        guard let result else { throw RegistryError(.storage, "the outbox transaction produced nothing") }
        return result
      }
    }
  }
}
