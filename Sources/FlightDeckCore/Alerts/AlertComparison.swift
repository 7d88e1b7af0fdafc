/// The comparison of a condition: `metric OP threshold`.
public enum AlertComparison: String, Sendable, Hashable, Codable, CaseIterable {
  /// Greater than.
  case greater = ">"
  /// Greater than or equal.
  case greaterOrEqual = ">="
  /// Less than.
  case less = "<"
  /// Less than or equal.
  case lessOrEqual = "<="
  /// Equal.
  case equal = "=="
  /// Not equal.
  case notEqual = "!="

  /// Whether `value OP threshold` holds.
  public func holds(_ value: Double, _ threshold: Double) -> Bool {
    switch self {
    case .greater: value > threshold
    case .greaterOrEqual: value >= threshold
    case .less: value < threshold
    case .lessOrEqual: value <= threshold
    case .equal: value == threshold
    case .notEqual: value != threshold
    }
  }
}
