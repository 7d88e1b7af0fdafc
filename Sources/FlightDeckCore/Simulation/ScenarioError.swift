/// A scenario file that cannot be used: a TOML syntax error, an unknown key,
/// a missing or mistyped value, or a value out of range.
///
/// Its description reads `FILE:LINE: KEY.PATH: message`, e.g.
/// `demo.toml:14: artefact[1].canary.weight: 150 is out of range 0…100`.
/// Array-of-tables elements are numbered from 0 in key paths.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
  /// File name (or path) the scenario came from.
  public var file: String
  /// Dotted key path, e.g. `artefact[1].canary.weight`; empty for syntax errors.
  public var keyPath: String
  /// 1-based line of the offending key (or of its table), when known.
  public var line: Int?
  /// What is wrong, in plain words.
  public var message: String

  /// Creates an error.
  public init(file: String, keyPath: String, line: Int?, message: String) {
    self.file = file
    self.keyPath = keyPath
    self.line = line
    self.message = message
  }

  /// `FILE:LINE: KEY.PATH: message` (line and key path omitted when unknown).
  public var description: String {
    var out = file
    if let line { out += ":\(line)" }
    out += ": "
    if !keyPath.isEmpty { out += keyPath + ": " }
    return out + message
  }
}
