/// The notification outbox of a store: the events that committed changes
/// wrote (``NotificationEvent``, one row each, in the change's own
/// transaction), and their delivery state, which senders claim and record.
///
/// Claiming is how several senders (a controller and its standby, or a
/// sender restarted after a crash) share the outbox without sending an entry
/// twice at once: ``claimDueNotifications(at:claimForMs:limit:)`` moves each
/// due entry's next attempt to the end of the claim in the same transaction
/// that reads it, so another sender sees it only when the claim ran out —
/// after a crash mid-delivery, the entry is sent again, with the same
/// idempotency key (``NotificationEvent/key``).
public protocol NotificationOutboxStore: Sendable {
  /// Outbox entries, newest first: those in `states` (all when `nil`), at most `limit`.
  /// - Throws: ``RegistryError`` (`.corrupt` for a damaged row, or a storage failure).
  func notificationOutbox(states: Set<NotificationOutboxState>?, limit: Int) throws
    -> [NotificationOutboxEntry]

  /// How many outbox entries are in each state (states with none are
  /// absent): the outbox depth a `/metrics` gauge and the dashboard show.
  /// - Throws: ``RegistryError`` on a storage failure.
  func notificationOutboxCounts() throws -> [NotificationOutboxState: Int]

  /// Claims up to `limit` entries due at `now` (pending or failed, next
  /// attempt at or before `now`), oldest first: each one's claims go up by
  /// one and its next attempt becomes `now + claimForMs`, in one
  /// transaction. A claim is not an attempt: only a request sent to a
  /// receiver counts (``NotificationDelivery/attempts``).
  /// - Returns: the claimed entries as they are after the claim.
  /// - Throws: ``RegistryError`` on a storage failure (nothing claimed).
  func claimDueNotifications(at now: Timestamp, claimForMs: Int64, limit: Int) throws
    -> [NotificationOutboxEntry]

  /// Records how deliveries under a claim ended: each given receiver's
  /// record replaces the stored one (one already delivered stays so), the
  /// others are kept, and the entry is summed up again at `now`
  /// (``NotificationOutboxEntry/summarise(_:at:)``). Ignored (returns
  /// `nil`) when the entry's claims are no longer `claim` (another sender
  /// claimed it since, or a human retried it) or it is already delivered.
  /// - Returns: the entry after the record, `nil` when ignored.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown id; a storage failure.
  @discardableResult
  func recordNotificationDeliveries(
    id: Int64, claim: Int, deliveries: [NotificationDelivery], at now: Timestamp
  )
    throws -> NotificationOutboxEntry?

  /// Makes a failed or dead entry due again at `now` (`flightdeck
  /// notifications retry ID [--receiver NAME]`): its failed and dead
  /// deliveries — or only the one to `receiver` — go back to pending with
  /// their attempts at zero; the receivers that took it already are kept,
  /// so they are not sent it again.
  /// - Returns: the entry after the change.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown id or a receiver
  ///   the entry has no delivery to; `.notApplicable` for a delivered or
  ///   pending entry, or a receiver's delivery that is neither failed nor
  ///   dead; a storage failure.
  func retryNotification(id: Int64, receiver: String?, at now: Timestamp) throws -> NotificationOutboxEntry

  /// Gives back claims a sender holds (a graceful stop): each entry whose
  /// claims still equal the given count and that is pending or failed is
  /// due again at once — or at its earliest receiver retry when that is
  /// earlier than its claim's end — so the next sender takes it at once,
  /// in id order. Its claim count stays (a record from the stopping
  /// sender still applies).
  /// - Parameter claims: the claim count held per entry id.
  /// - Returns: how many entries were released.
  /// - Throws: ``RegistryError`` on a storage failure.
  @discardableResult
  func releaseNotificationClaims(_ claims: [Int64: Int], at now: Timestamp) throws -> Int

  /// The notification log entries that have not expired at `now`
  /// (``NotificationLogRecord``), ordered by receiver then group key: what
  /// each receiver was last told about each group, kept so that a
  /// controller taking over neither repeats a notification before its
  /// `repeat_interval` nor forgets the group (<doc:Notifications>).
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  func notificationLog(at now: Timestamp) throws -> [NotificationLogRecord]

  /// Writes notification log entries: each replaces the stored entry of
  /// its group and receiver unless that one is newer (a later
  /// ``NotificationDispatcher/LogEntry/at``), and every entry expired at
  /// `now` is deleted, in one transaction.
  /// - Returns: how many expired entries were deleted.
  /// - Throws: ``RegistryError`` on a storage failure (nothing is written).
  @discardableResult
  func recordNotificationLog(_ records: [NotificationLogRecord], at now: Timestamp) throws -> Int
}
