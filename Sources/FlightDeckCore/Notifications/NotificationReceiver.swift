/// One place notifications go (`[[notifications.receivers]]`).
public struct NotificationReceiver: Sendable, Hashable {
  /// The receiver's name, which routes name (`[A-Za-z0-9_.-]`, 1 to 64 characters).
  public var name: String
  /// The payload format.
  public var kind: NotificationReceiverKind
  /// Where to POST (`http` or `https`); PagerDuty's Events API by default for `pagerduty`.
  public var url: String
  /// A file holding the webhook's HMAC secret (owner-only permissions), or `nil`: unsigned.
  public var secretFile: String?
  /// A file holding PagerDuty's integration (routing) key (owner-only permissions).
  public var routingKeyFile: String?
  /// Whether resolved alerts are sent (Alertmanager's `send_resolved`, default `true`).
  public var sendResolved: Bool

  /// PagerDuty's Events API v2 endpoint.
  public static let pagerDutyEventsURL = "https://events.pagerduty.com/v2/enqueue"

  /// Creates a receiver.
  public init(
    name: String, kind: NotificationReceiverKind, url: String, secretFile: String? = nil,
    routingKeyFile: String? = nil, sendResolved: Bool = true
  ) {
    self.name = name
    self.kind = kind
    self.url = url
    self.secretFile = secretFile
    self.routingKeyFile = routingKeyFile
    self.sendResolved = sendResolved
  }
}
