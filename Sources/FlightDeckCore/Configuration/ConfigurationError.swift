/// A configuration file (the config, or a price table) that cannot be used:
/// which file, which line, which key, and why. The configuration is refused
/// whole; nothing changes.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file path.
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// The TOML key path at fault (e.g. `otlp.artefact_attributes`), when known.
  public var key: String?
  /// What is wrong.
  public var reason: String

  /// Creates an error.
  public init(file: String, line: Int? = nil, key: String? = nil, reason: String) {
    self.file = file
    self.line = line
    self.key = key
    self.reason = reason
  }

  /// `file:line: key: reason`.
  public var description: String {
    var s = file
    if let line { s += ":\(line)" }
    if let key { s += ": \(key)" }
    return s + ": " + reason
  }
}
