/// How a label matcher compares: `=`, `!=`, `=~` (fully anchored regular
/// expression, as in PromQL) and `!~`.
public enum AlertMatchOperator: String, Sendable, Hashable, Codable, CaseIterable {
  /// Equal.
  case equal = "="
  /// Not equal.
  case notEqual = "!="
  /// Matches the whole value as a regular expression.
  case regex = "=~"
  /// Does not match the whole value as a regular expression.
  case notRegex = "!~"
}
