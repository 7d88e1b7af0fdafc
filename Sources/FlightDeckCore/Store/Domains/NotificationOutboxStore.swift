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
  /// attempt at or before `now`), oldest first: each one's attempts go up by
  /// one and its next attempt becomes `now + claimForMs`, in one transaction.
  /// - Returns: the claimed entries as they are after the claim.
  /// - Throws: ``RegistryError`` on a storage failure (nothing claimed).
  func claimDueNotifications(at now: Timestamp, claimForMs: Int64, limit: Int) throws
    -> [NotificationOutboxEntry]

  /// Records how the attempt a claim started ended. Ignored (returns
  /// `false`) when the entry's attempts are no longer `attempt` (another
  /// sender claimed it since, or a human retried it) or it is already
  /// delivered.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown id; a storage failure.
  @discardableResult
  func recordNotificationAttempt(id: Int64, attempt: Int, outcome: NotificationAttemptOutcome) throws -> Bool

  /// Makes a failed or dead entry due again at `now` with its attempts
  /// back at zero (`flightdeck notifications retry ID`); the receivers that
  /// took it already are kept, so they are not sent it again.
  /// - Returns: the entry after the change.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown id,
  ///   `.notApplicable` for a delivered or pending one; a storage failure.
  func retryNotification(id: Int64, at now: Timestamp) throws -> NotificationOutboxEntry
}
