/// How a metric's value is compared with a gate's threshold.
///
/// The comparison is exact on IEEE 754 doubles: `pass_rate >= 0.95` passes at
/// 19/20 (the division rounds to the same double as the literal `0.95`).
public enum GateComparison: String, Sendable, Hashable, Codable, CaseIterable {
  /// Value ≥ threshold (for metrics where higher is better: pass rate, accuracy).
  case atLeast = ">="
  /// Value ≤ threshold (for metrics where lower is better: drift, fairness gap).
  case atMost = "<="
  /// Value > threshold.
  case above = ">"
  /// Value < threshold.
  case below = "<"

  /// Whether `value` satisfies the comparison against `threshold`. A NaN
  /// value never does.
  public func holds(_ value: Double, _ threshold: Double) -> Bool {
    guard value.isFinite else { return false }
    switch self {
    case .atLeast: return value >= threshold
    case .atMost: return value <= threshold
    case .above: return value > threshold
    case .below: return value < threshold
    }
  }

  /// Whether `a` is a worse value than `b` under this comparison (lower for
  /// `>=`/`>`, higher for `<=`/`<`); used to report the worst of several inputs.
  public func isWorse(_ a: Double, than b: Double) -> Bool {
    switch self {
    case .atLeast, .above: return a < b
    case .atMost, .below: return a > b
    }
  }

  /// Words for failure messages: `below` for `>=`, `above` for `<=`, …
  public var failureWord: String {
    switch self {
    case .atLeast: return "below"
    case .atMost: return "above"
    case .above: return "not above"
    case .below: return "not below"
    }
  }
}
