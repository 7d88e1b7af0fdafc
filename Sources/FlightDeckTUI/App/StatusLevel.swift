/// How the status line's message is styled: an outcome reads as success,
/// refusal or failure without colour too (the text says which).
public enum StatusLevel: Sendable, Hashable {
  /// Neutral information (theme changed, hints).
  case info
  /// A registry action succeeded (``StyleRole/ok``).
  case ok
  /// A refusal the operator can act on: four-eyes, not enough approvals,
  /// changed since you looked, read-only (``StyleRole/warn``).
  case warn
  /// A failure: storage errors, a tampered audit chain (``StyleRole/critical``).
  case critical

  /// The style role of the level.
  public var role: StyleRole {
    switch self {
    case .info: return .text
    case .ok: return .ok
    case .warn: return .warn
    case .critical: return .critical
    }
  }
}
