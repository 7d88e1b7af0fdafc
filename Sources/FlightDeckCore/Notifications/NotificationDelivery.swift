/// The delivery of one outbox event to one receiver: its own state, attempts,
/// retry time and error, so a receiver that refuses an event (a 4xx) is dead
/// for that event only while the others keep retrying on their own schedule.
/// The outbox row's state (``NotificationOutboxEntry/state``) sums its
/// deliveries up (``NotificationOutboxEntry/summarise(_:at:)``).
public struct NotificationDelivery: Sendable, Hashable, Codable {
  /// The receiver's name (from the configuration).
  public var receiver: String
  /// `pending` (not tried yet, or put off behind an earlier event to the
  /// same receiver), `failed` (retried at ``nextAttemptAt``), `delivered`,
  /// or `dead` (given up for this receiver).
  public var state: NotificationOutboxState
  /// Requests actually sent to this receiver for this event (a claim that
  /// sent nothing is no attempt).
  public var attempts: Int
  /// When it is next due (failed, or pending put off), `nil` when due at once or finished.
  public var nextAttemptAt: Timestamp?
  /// The last attempt's error (`hook: HTTP 500`), `nil` before any failure and once delivered.
  public var lastError: String?
  /// When the last request to this receiver ended, `nil` before any.
  public var lastAttemptAt: Timestamp?
  /// When it was delivered, `nil` until then.
  public var deliveredAt: Timestamp?

  /// Creates a delivery record.
  public init(
    receiver: String, state: NotificationOutboxState, attempts: Int = 0, nextAttemptAt: Timestamp? = nil,
    lastError: String? = nil, lastAttemptAt: Timestamp? = nil, deliveredAt: Timestamp? = nil
  ) {
    self.receiver = receiver
    self.state = state
    self.attempts = attempts
    self.nextAttemptAt = nextAttemptAt
    self.lastError = lastError
    self.lastAttemptAt = lastAttemptAt
    self.deliveredAt = deliveredAt
  }

  /// Whether it still needs sending (pending or failed).
  public var isOpen: Bool { state == .pending || state == .failed }
}
