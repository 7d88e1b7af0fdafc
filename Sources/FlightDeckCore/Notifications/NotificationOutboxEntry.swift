/// One row of the notification outbox: an event and its delivery state.
public struct NotificationOutboxEntry: Sendable, Hashable, Codable {
  /// The row's id (`flightdeck notifications retry ID`).
  public var id: Int64
  /// The event.
  public var event: NotificationEvent
  /// Its delivery state.
  public var state: NotificationOutboxState
  /// How many delivery attempts were started (claims).
  public var attempts: Int
  /// When it is next due to a sender (pending: now or a claim's end; failed:
  /// the retry's time; meaningless once delivered or dead).
  public var nextAttemptAt: Timestamp
  /// The last attempt's error (`nil` before any failure).
  public var lastError: String?
  /// The receivers that already took it (a retry skips them).
  public var deliveredTo: [String]
  /// When it was delivered (`nil` until then).
  public var deliveredAt: Timestamp?

  /// Creates an entry.
  public init(
    id: Int64, event: NotificationEvent, state: NotificationOutboxState, attempts: Int,
    nextAttemptAt: Timestamp, lastError: String? = nil, deliveredTo: [String] = [],
    deliveredAt: Timestamp? = nil
  ) {
    self.id = id
    self.event = event
    self.state = state
    self.attempts = attempts
    self.nextAttemptAt = nextAttemptAt
    self.lastError = lastError
    self.deliveredTo = deliveredTo
    self.deliveredAt = deliveredAt
  }

  /// `N-12`: the id as `notifications list` prints it and `retry` takes it.
  public var displayID: String { "N-\(id)" }

  /// The id in `N-12` or `12`, or `nil`.
  public static func parseID(_ text: String) -> Int64? { OptionBounds.parseIdentifier(text, prefix: "N") }
}
