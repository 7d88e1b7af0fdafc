/// The messages view (`M`): how far it is scrolled. The messages are
/// ``AppState/statusLog``, newest first.
public struct MessagesOverlayState: Sendable, Hashable {
  /// The first line shown (0: the newest message's first line).
  public var offset: Int = 0

  /// Creates the state scrolled to the newest message.
  public init(offset: Int = 0) { self.offset = offset }
}
