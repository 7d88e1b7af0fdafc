/// Sends one notification request over HTTP (the network layer's job:
/// `FlightDeckNetwork`'s `HTTPNotificationTransport`; tests use a recording one).
public protocol NotificationTransport: Sendable {
  /// POSTs `request`, giving up after `timeoutMs`.
  /// - Returns: the receiver's answer, or a failure without a status (no
  ///   connection, a timeout); never throws.
  func send(_ request: NotificationRequest, timeoutMs: Int64) async -> NotificationResponse
}
