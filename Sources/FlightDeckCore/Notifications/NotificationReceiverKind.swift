/// The payload format a receiver takes (`type` in `[[notifications.receivers]]`).
public enum NotificationReceiverKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// FlightDeck's own JSON (``NotificationPayloads/webhook(_:at:)``), signed
  /// with HMAC-SHA256 when the receiver has a secret file.
  case webhook
  /// A Slack incoming webhook (`text` and `blocks`).
  case slack
  /// The PagerDuty Events API v2 (`routing_key`, `event_action`, `dedup_key`, `payload`).
  case pagerduty
}
