/// One notification for one receiver, as the sender delivers it: a single
/// event, or a group of alerts the dispatcher flushed (``NotificationBatch``).
public struct NotificationMessage: Sendable, Hashable {
  /// What the message carries.
  public enum Content: Sendable, Hashable {
    /// One event (anything but alerts, which are grouped).
    case event(NotificationEvent)
    /// A group's alerts at one flush.
    case alerts(NotificationBatch)
  }

  /// The receiver.
  public var receiver: NotificationReceiver
  /// The idempotency key: the event's key, or for alerts
  /// ``NotificationSender/batchKey(_:eventKeys:)``. The same message sent
  /// again (a retry, a restart) has the same key.
  public var key: String
  /// What it carries.
  public var content: Content

  /// Creates a message.
  public init(receiver: NotificationReceiver, key: String, content: Content) {
    self.receiver = receiver
    self.key = key
    self.content = content
  }
}
