/// One row of the notification outbox: an event and its delivery state,
/// kept per receiver (``deliveries``) and summed up for the row (``state``).
public struct NotificationOutboxEntry: Sendable, Hashable, Codable {
  /// The row's id (`flightdeck notifications retry ID`).
  public var id: Int64
  /// The event.
  public var event: NotificationEvent
  /// Its delivery state, summed up over ``deliveries`` (``summarise(_:at:)``).
  public var state: NotificationOutboxState
  /// The most requests sent to any one receiver (``NotificationDelivery/attempts``).
  public var attempts: Int
  /// How many times a sender claimed it: the fencing token a sender's
  /// record must match (a claim is not an attempt).
  public var claims: Int
  /// When it is next due to a sender (pending: now or a claim's end; failed:
  /// the earliest retry of its receivers; meaningless once delivered or dead).
  public var nextAttemptAt: Timestamp
  /// The newest error among its receivers (`nil` before any failure).
  public var lastError: String?
  /// The receivers that already took it (a retry skips them).
  public var deliveredTo: [String]
  /// When it was delivered (`nil` until then).
  public var deliveredAt: Timestamp?
  /// The delivery to each receiver a sender routed it to, by receiver name
  /// (empty until a sender recorded one).
  public var deliveries: [NotificationDelivery]

  /// Creates an entry.
  public init(
    id: Int64, event: NotificationEvent, state: NotificationOutboxState, attempts: Int, claims: Int = 0,
    nextAttemptAt: Timestamp, lastError: String? = nil, deliveredTo: [String] = [],
    deliveredAt: Timestamp? = nil, deliveries: [NotificationDelivery] = []
  ) {
    self.id = id
    self.event = event
    self.state = state
    self.attempts = attempts
    self.claims = claims
    self.nextAttemptAt = nextAttemptAt
    self.lastError = lastError
    self.deliveredTo = deliveredTo
    self.deliveredAt = deliveredAt
    self.deliveries = deliveries
  }

  /// `N-12`: the id as `notifications list` prints it and `retry` takes it.
  public var displayID: String { "N-\(id)" }

  /// The id in `N-12` or `12`, or `nil`.
  public static func parseID(_ text: String) -> Int64? { OptionBounds.parseIdentifier(text, prefix: "N") }

  /// The delivery to `receiver`, `nil` when none was recorded.
  public func delivery(to receiver: String) -> NotificationDelivery? {
    deliveries.first { $0.receiver == receiver }
  }

  /// The row's summary of its deliveries, recorded at `now`:
  /// - any delivery still open (pending or failed): `failed` when one of
  ///   them failed, else `pending`; due at the earliest open delivery's
  ///   ``NotificationDelivery/nextAttemptAt`` (`now` for one due at once);
  /// - else `dead` when any receiver gave it up (the others took it);
  /// - else `delivered`, at the latest receiver's delivery (`now` when none was routed).
  ///
  /// ``attempts`` is the most any receiver had, ``lastError`` the error of
  /// the receiver that failed last, ``deliveredTo`` the receivers that took it.
  public mutating func summarise(_ deliveries: [NotificationDelivery], at now: Timestamp) {
    self.deliveries = deliveries.sorted { $0.receiver < $1.receiver }
    let open = self.deliveries.filter(\.isOpen)
    attempts = self.deliveries.map(\.attempts).max() ?? 0
    deliveredTo = self.deliveries.filter { $0.state == .delivered }.map(\.receiver)
    let failing = self.deliveries.filter { $0.lastError != nil && $0.state != .delivered }
    lastError =
      failing.max { ($0.lastAttemptAt ?? now, $0.receiver) < ($1.lastAttemptAt ?? now, $1.receiver) }?
      .lastError
    if !open.isEmpty {
      state = open.contains { $0.state == .failed } ? .failed : .pending
      nextAttemptAt = open.map { $0.nextAttemptAt ?? now }.min() ?? now
      deliveredAt = nil
    } else if self.deliveries.contains(where: { $0.state == .dead }) {
      state = .dead
      deliveredAt = nil
    } else {
      state = .delivered
      deliveredAt = self.deliveries.compactMap(\.deliveredAt).max() ?? now
      lastError = nil
    }
  }
}
