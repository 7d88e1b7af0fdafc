/// One problem in a rules file, located: `file:line:col: field: message`.
public struct AlertRulesError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file (as given).
  public var file: String
  /// 1-based line.
  public var line: Int
  /// 1-based column.
  public var column: Int
  /// The field at fault, as a path: `groups[0].rules[2].expr`.
  public var field: String
  /// What was wrong and what was expected.
  public var message: String

  /// Creates an error.
  public init(file: String, line: Int, column: Int, field: String, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
    self.message = message
  }

  /// `file:line:col: field: message`.
  public var description: String { "\(file):\(line):\(column): \(field): \(message)" }
}
