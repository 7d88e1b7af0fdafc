/// A syntax or meaning error in one `expr`, located within the expression.
public struct AlertExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Character offset from the expression's start (0-based).
  public var offset: Int
  /// 1-based line within the expression.
  public var line: Int
  /// 1-based column (characters) within that line.
  public var column: Int
  /// What was wrong: "expected X, found Y" or a rule of the language.
  public var message: String

  /// Creates an error at `offset` of `source`, computing line and column.
  public init(offset: Int, in source: String, message: String) {
    self.offset = offset
    self.message = message
    var line = 1
    var column = 1
    for (i, c) in source.enumerated() {
      if i >= offset { break }
      if c == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    self.line = line
    self.column = column
  }

  /// `line:column: message` within the expression.
  public var description: String { "\(line):\(column): \(message)" }
}
