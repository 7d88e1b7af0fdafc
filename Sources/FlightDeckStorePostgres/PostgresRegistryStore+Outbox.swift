import FlightDeckCore

extension PostgresRegistryStore: NotificationOutboxStore {
  /// Outbox entries, newest first, in one read transaction (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func notificationOutbox(states: Set<NotificationOutboxState>?, limit: Int) throws
    -> [NotificationOutboxEntry]
  {
    try runner.read { try SQLStoreOutbox.entries($0, states: states, limit: limit) }
  }

  /// Entries per state, in one read transaction (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError``: `.corrupt` for an unknown state, or a storage failure.
  public func notificationOutboxCounts() throws -> [NotificationOutboxState: Int] {
    try runner.read { try SQLStoreOutbox.counts($0) }
  }

  /// Claims due entries in one write transaction under the write lock (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` on a storage failure.
  public func claimDueNotifications(at now: Timestamp, claimForMs: Int64, limit: Int) throws
    -> [NotificationOutboxEntry]
  {
    try runner.write { try SQLStoreOutbox.claim($0, now: now, claimForMs: claimForMs, limit: limit) }
  }

  /// Records deliveries under a claim (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` `.notFound`, or a storage failure.
  @discardableResult
  public func recordNotificationDeliveries(
    id: Int64, claim: Int, deliveries: [NotificationDelivery], at now: Timestamp
  ) throws -> NotificationOutboxEntry? {
    try runner.write {
      try SQLStoreOutbox.record($0, id: id, claim: claim, deliveries: deliveries, now: now)
    }
  }

  /// Makes a failed or dead entry, or one receiver's delivery, due again (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` `.notFound`, `.notApplicable`, or a storage failure.
  public func retryNotification(id: Int64, receiver: String?, at now: Timestamp) throws
    -> NotificationOutboxEntry
  {
    try runner.write { try SQLStoreOutbox.retry($0, id: id, receiver: receiver, now: now) }
  }

  /// Gives back a sender's claims (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` on a storage failure.
  @discardableResult
  public func releaseNotificationClaims(_ claims: [Int64: Int], at now: Timestamp) throws -> Int {
    try runner.write { try SQLStoreOutbox.release($0, claims: claims, now: now) }
  }

  /// The notification log entries not expired at `now`, in one read transaction (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func notificationLog(at now: Timestamp) throws -> [NotificationLogRecord] {
    try runner.read { try SQLStoreNotificationLog.entries($0, now: now) }
  }

  /// Writes notification log entries and deletes the expired ones, in one
  /// write transaction (see ``NotificationOutboxStore``).
  /// - Throws: ``RegistryError`` on a storage failure.
  @discardableResult
  public func recordNotificationLog(_ records: [NotificationLogRecord], at now: Timestamp) throws -> Int {
    try runner.write { try SQLStoreNotificationLog.record($0, records, now: now) }
  }
}
