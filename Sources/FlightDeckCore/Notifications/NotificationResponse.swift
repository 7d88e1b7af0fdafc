/// What came back for one request (``NotificationTransport/send(_:timeoutMs:)``).
public struct NotificationResponse: Sendable, Hashable {
  /// The HTTP status, or `nil` when no answer came (connection refused, timeout).
  public var status: Int?
  /// The `Retry-After` header as sent, if any.
  public var retryAfter: String?
  /// Why no answer came, when `status` is `nil`.
  public var error: String?

  /// Creates a response.
  public init(status: Int?, retryAfter: String? = nil, error: String? = nil) {
    self.status = status
    self.retryAfter = retryAfter
    self.error = error
  }

  /// A 2xx status.
  public var isSuccess: Bool { status.map { (200..<300).contains($0) } ?? false }
}
