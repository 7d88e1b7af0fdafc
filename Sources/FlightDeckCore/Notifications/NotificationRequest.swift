/// One HTTP POST a message turns into (``NotificationPayloads/requests(for:secrets:at:)``):
/// the URL, the headers (content type, `Idempotency-Key`, a signature) and the JSON body.
public struct NotificationRequest: Sendable, Hashable {
  /// Where to POST.
  public var url: String
  /// Headers in order, names as sent.
  public var headers: [(name: String, value: String)]
  /// The JSON body, UTF-8.
  public var body: [UInt8]

  /// Creates a request.
  public init(url: String, headers: [(name: String, value: String)], body: [UInt8]) {
    self.url = url
    self.headers = headers
    self.body = body
  }

  /// The value of header `name` (case-insensitive), or `nil`.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// Equal when URL, headers (in order) and body are.
  public static func == (lhs: NotificationRequest, rhs: NotificationRequest) -> Bool {
    lhs.url == rhs.url && lhs.body == rhs.body && lhs.headers.count == rhs.headers.count
      && zip(lhs.headers, rhs.headers).allSatisfy { $0.name == $1.name && $0.value == $1.value }
  }

  /// Hashes URL and body.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(url)
    hasher.combine(body)
  }
}
