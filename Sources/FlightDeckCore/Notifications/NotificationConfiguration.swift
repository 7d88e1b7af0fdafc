/// Where notifications go and how they are retried (`[notifications]` in
/// the configuration file): the receivers, the routing tree (Alertmanager's
/// `route`, see ``NotificationRoute``) and the retry policy.
public struct NotificationConfiguration: Sendable, Hashable {
  /// The receivers, in file order.
  public var receivers: [NotificationReceiver]
  /// The routing tree; `nil` when the file configures no notifications.
  public var route: NotificationRoute?
  /// Retries, backoff, timeouts and the dead letter.
  public var retry: NotificationRetryPolicy

  /// No receivers, no route, the default retry policy.
  public init(
    receivers: [NotificationReceiver] = [], route: NotificationRoute? = nil,
    retry: NotificationRetryPolicy = NotificationRetryPolicy()
  ) {
    self.receivers = receivers
    self.route = route
    self.retry = retry
  }

  /// The receiver named `name`.
  public func receiver(named name: String) -> NotificationReceiver? {
    receivers.first { $0.name == name }
  }
}
