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

  /// Records deliveries under a claim (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` `.notFound`, or a storage failure.
  @discardableResult
  public func recordNotificationDeliveries(
    id: Int64, claim: Int, deliveries: [NotificationDelivery], at now: Timestamp
  ) throws -> NotificationOutboxEntry? {
    try immediate { session in
      try SQLStoreOutbox.record(session, id: id, claim: claim, deliveries: deliveries, now: now)
    }
  }

  /// Makes a failed or dead entry, or one receiver's delivery, due again (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` `.notFound`, `.notApplicable`, or a storage failure.
  public func retryNotification(id: Int64, receiver: String?, at now: Timestamp) throws
    -> NotificationOutboxEntry
  {
    try immediate { session in try SQLStoreOutbox.retry(session, id: id, receiver: receiver, now: now) }
  }

  /// Gives back a sender's claims (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` on a storage failure.
  @discardableResult
  public func releaseNotificationClaims(_ claims: [Int64: Int], at now: Timestamp) throws -> Int {
    try immediate { session in try SQLStoreOutbox.release(session, claims: claims, now: now) }
  }

  /// The notification log entries not expired at `now` (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func notificationLog(at now: Timestamp) throws -> [NotificationLogRecord] {
    try guarded {
      try writer.read { db in try SQLStoreNotificationLog.entries(SQLiteSession(db, path: path), now: now) }
    }
  }

  /// Writes notification log entries and deletes the expired ones (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` on a storage failure.
  @discardableResult
  public func recordNotificationLog(_ records: [NotificationLogRecord], at now: Timestamp) throws -> Int {
    try immediate { session in try SQLStoreNotificationLog.record(session, records, now: now) }
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
