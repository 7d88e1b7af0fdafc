/// A listen address that does not parse (``ReceiverListenAddress/init(parsing:)``).
public struct ReceiverListenAddressError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The text as given.
  public var text: String
  /// What is wrong with it.
  public var reason: String

  /// Creates an error.
  public init(text: String, reason: String) {
    self.text = text
    self.reason = reason
  }

  /// `"TEXT": REASON`.
  public var description: String { "\"\(text)\": \(reason)" }
}
