/// How one message to one receiver ended, as a sender's step reports it
/// (``NotificationSender/StepReport/messages``): what a `/metrics` exposition
/// counts per receiver.
public struct NotificationMessageOutcome: Sendable, Hashable {
  /// How a message ended.
  public enum Result: String, Sendable, Hashable, CaseIterable {
    /// The receiver took it (every request of it answered 2xx).
    case delivered
    /// It failed and will be tried again (``NotificationRetryPolicy``).
    case failedAttempt = "failed_attempt"
    /// It failed for the last allowed time: its events became dead letters.
    case deadLetter = "dead_letter"
  }

  /// The receiver's name (from the configuration).
  public var receiver: String
  /// How it ended.
  public var result: Result

  /// Creates an outcome.
  public init(receiver: String, result: Result) {
    self.receiver = receiver
    self.result = result
  }
}
