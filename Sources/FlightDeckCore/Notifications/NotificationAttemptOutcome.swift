/// How a delivery attempt of an outbox entry ended, as a sender records it
/// (``NotificationOutboxStore/recordNotificationAttempt(id:attempt:outcome:)``).
public enum NotificationAttemptOutcome: Sendable, Hashable {
  /// Every receiver took it (`to`: all receivers that did, over every attempt).
  case delivered(to: [String], at: Timestamp)
  /// It failed; retry at `nextAttemptAt` (`deliveredTo`: receivers that took it so far).
  case failed(deliveredTo: [String], error: String, nextAttemptAt: Timestamp)
  /// It failed for the last allowed time: a dead letter.
  case dead(deliveredTo: [String], error: String)
}
