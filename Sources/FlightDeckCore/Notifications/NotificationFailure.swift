/// How one delivery attempt failed: what the retry policy
/// (``NotificationRetryPolicy``) needs to decide, and a line for the outbox.
public struct NotificationFailure: Sendable, Hashable, Error {
  /// The HTTP status, when the receiver answered.
  public var status: Int?
  /// The receiver's `Retry-After`, already turned into a wait in ms
  /// (``RetryAfter/milliseconds(_:now:)``), when it sent one.
  public var retryAfterMs: Int64?
  /// What went wrong, for `notifications list` (sanitised by the caller).
  public var message: String

  /// Creates a failure.
  public init(status: Int? = nil, retryAfterMs: Int64? = nil, message: String) {
    self.status = status
    self.retryAfterMs = retryAfterMs
    self.message = message
  }

  /// A 4xx other than 408 (timeout) and 429 (too many requests): the
  /// receiver refuses this request, and sending it again will not help.
  /// Anything else (5xx, 408, 429, no answer, a timeout) is retried.
  public var isPermanent: Bool {
    guard let status else { return false }
    return (400..<500).contains(status) && status != 408 && status != 429
  }
}
