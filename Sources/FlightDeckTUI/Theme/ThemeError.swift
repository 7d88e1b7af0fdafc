/// A theme file that cannot be used: names the file, the line (when known)
/// and the key (GRDB's `DatabaseError` / NIO's `IOError` shape).
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: String, Sendable, Hashable {
    /// The file could not be read (missing, permissions, not UTF-8).
    case unreadable
    /// The file is not valid TOML.
    case syntax
    /// A known key has a value of the wrong TOML type (e.g. a table, or a
    /// string where `true`/`false` is expected).
    case wrongType
    /// A known key has a value that is not a colour (see
    /// ``TerminalColor/parse(_:)``), or `series` has the wrong length.
    case invalidValue
    /// No theme of that name is shipped (see ``ThemeCatalog``).
    case unknownTheme
  }

  /// The kind of failure.
  public var code: Code
  /// Path of the theme file.
  public var file: String
  /// 1-based line in the file, when known.
  public var line: Int?
  /// The TOML key concerned, when there is one.
  public var key: String?
  /// Human-readable detail (contains no secrets; values are sanitised).
  public var message: String

  /// Creates an error.
  public init(code: Code, file: String, line: Int?, key: String?, message: String) {
    self.code = code
    self.file = file
    self.line = line
    self.key = key
    self.message = message
  }

  /// `file:line: key 'k': message`.
  public var description: String {
    var s = file
    if let line { s += ":\(line)" }
    s += ": "
    if let key { s += "key '\(key)': " }
    return s + message
  }
}
