/// One entry of the notification log as a store keeps it
/// (``NotificationOutboxStore/notificationLog(at:)``): what a receiver was
/// last told about a group, and when the entry expires — Alertmanager's
/// `nflog` entry (`notify/notify.go`'s `DedupStage` reads it, the
/// `SetNotifiesStage` writes it after a notification succeeded), which its
/// replicas share and which is kept for a retention period (`--data.retention`,
/// 120 h by default) after it was written.
public struct NotificationLogRecord: Sendable, Hashable {
  /// The group and the receiver.
  public var key: NotificationDispatcher.LogKey
  /// What the receiver was told, and when (``NotificationDispatcher/LogEntry/at``).
  public var entry: NotificationDispatcher.LogEntry
  /// When the entry expires: a store no longer returns it from then on, and
  /// deletes it at a later write.
  public var expiresAt: Timestamp

  /// Creates a record.
  public init(
    key: NotificationDispatcher.LogKey, entry: NotificationDispatcher.LogEntry, expiresAt: Timestamp
  ) {
    self.key = key
    self.entry = entry
    self.expiresAt = expiresAt
  }

  /// Alertmanager's default retention (`--data.retention=120h`), ms.
  public static let defaultRetentionMs: Int64 = 120 * 3_600_000
}
