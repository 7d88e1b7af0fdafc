/// A TOML document that cannot be read: the position and the parser's message.
///
/// Thrown by ``TOMLScreen/parse(_:)`` both for the inputs the screen refuses
/// before toml++ sees them and for toml++'s own parse errors, so that every
/// reader of a TOML file (configuration, theme, scenario, prices, gates)
/// reports "file:line: message" the same way.
public struct TOMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The 1-based line of the fault.
  public var line: Int
  /// The 1-based column (in Unicode scalars) of the fault.
  public var column: Int
  /// What is wrong, in words.
  public var message: String

  /// Creates an error at `line`:`column` with `message`.
  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// The message (the file and line are added by the reader that names the file).
  public var description: String { message }
}
