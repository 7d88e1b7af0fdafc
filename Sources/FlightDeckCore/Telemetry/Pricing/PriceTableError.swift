/// A price table that could not be loaded.
public struct PriceTableError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file (path) or source name the table came from.
  public var file: String
  /// 1-based line, when TOMLKit reports one (parse errors); `nil` otherwise.
  public var line: Int?
  /// The offending key, e.g. `prices."gpt-4o".input_per_million`; `nil` for
  /// syntax errors.
  public var key: String?
  /// What is wrong.
  public var reason: String

  /// Creates an error.
  public init(file: String, line: Int?, key: String?, reason: String) {
    self.file = file
    self.line = line
    self.key = key
    self.reason = reason
  }

  /// `file:line: key: reason`, leaving out the parts that are unknown.
  public var description: String {
    var s = file
    if let line { s += ":\(line)" }
    if let key { s += ": \(key)" }
    return s + ": " + reason
  }
}
