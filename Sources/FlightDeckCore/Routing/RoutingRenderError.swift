/// A target's file could not be rendered or read back.
public struct RoutingRenderError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The target's name.
  public var target: String
  /// What went wrong.
  public var reason: String

  /// An error for `target`.
  public init(target: String, reason: String) {
    self.target = target
    self.reason = reason
  }

  /// `routing target NAME: REASON`.
  public var description: String { "routing target \(target): \(reason)" }
}
