/// The outcome of one gate.
public enum GateOutcome: String, Sendable, Hashable, Codable, CaseIterable {
  /// Every input that gave the metric satisfies the requirement.
  case pass
  /// Some input gave a value that does not satisfy it.
  case fail
  /// No input gave the metric; a required metric that is missing fails the check.
  case missing
}
