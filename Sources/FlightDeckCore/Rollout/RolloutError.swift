/// Why a rollout plan or command was refused.
public struct RolloutError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A complete, user-facing sentence.
  public var message: String

  /// Creates an error.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}
