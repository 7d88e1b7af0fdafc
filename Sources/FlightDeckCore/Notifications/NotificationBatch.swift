/// One notification the dispatcher decided to send: a group's alerts for
/// one receiver at one flush (Alertmanager's notification of an
/// aggregation group).
public struct NotificationBatch: Sendable, Hashable {
  /// The receiver's name.
  public var receiver: String
  /// The group the alerts belong to.
  public var groupKey: NotificationGroupKey
  /// When the flush happened.
  public var at: Timestamp
  /// The firing alerts, by start time then fingerprint.
  public var firing: [NotifiedAlert]
  /// The alerts resolved since the last notification, by start time then fingerprint.
  public var resolved: [NotifiedAlert]

  /// Creates a batch.
  public init(
    receiver: String, groupKey: NotificationGroupKey, at: Timestamp, firing: [NotifiedAlert],
    resolved: [NotifiedAlert]
  ) {
    self.receiver = receiver
    self.groupKey = groupKey
    self.at = at
    self.firing = firing
    self.resolved = resolved
  }

  /// `firing` while any alert of the group fires, else `resolved` (the
  /// status of Alertmanager's webhook payload).
  public var status: String { firing.isEmpty ? "resolved" : "firing" }
}
