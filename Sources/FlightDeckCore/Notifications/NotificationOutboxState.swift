/// Where an outbox entry is in its delivery (``NotificationOutboxEntry``).
public enum NotificationOutboxState: String, Sendable, Hashable, Codable, CaseIterable {
  /// Not yet attempted, or claimed by a sender that is delivering it.
  case pending
  /// An attempt failed; another is due at ``NotificationOutboxEntry/nextAttemptAt``.
  case failed
  /// Every receiver its routes name took it (or no route named one).
  case delivered
  /// Given up after the configured number of attempts (the dead letters:
  /// `flightdeck notifications retry ID` sends it again).
  case dead
}
