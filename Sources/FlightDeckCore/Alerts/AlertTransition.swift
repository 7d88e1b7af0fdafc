/// A change of one instance's state, emitted by ``AlertEvaluator`` for the
/// caller to persist (``RegistryCommand/recordAlertTransitions(_:)``) and audit.
public struct AlertTransition: Sendable, Hashable, Codable {
  /// The state before (`nil` for an instance the store has never seen).
  public var from: AlertState?
  /// The instance after the change (its `state` is the new state).
  public var instance: AlertInstance
  /// When the evaluation ran.
  public var at: Timestamp

  /// Creates a transition.
  public init(from: AlertState?, instance: AlertInstance, at: Timestamp) {
    self.from = from
    self.instance = instance
    self.at = at
  }

  /// The new state.
  public var to: AlertState { instance.state }
  /// Whether it starts firing (audited `alert.firing`).
  public var startsFiring: Bool { to == .firing && from != .firing }
  /// Whether it stops firing (audited `alert.resolved`).
  public var stopsFiring: Bool { from == .firing && to != .firing }
}
