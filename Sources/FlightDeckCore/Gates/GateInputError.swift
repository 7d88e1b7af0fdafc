/// A gate input file that cannot be used: unreadable, empty, not JSON, not a
/// known format, or a field of the wrong type or range.
///
/// This is its own error class so that `flightdeck gate check` can tell "the
/// evidence is unusable" (exit 2, see ``GateExitCode/inputUnusable``) from "a
/// gate failed" (exit 1). The description names the file and the JSON path:
/// `results.json: results.stats.successes: expected a non-negative integer, found a string`.
public struct GateInputError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file name as given on the command line.
  public var file: String
  /// The JSON path at fault (`results.stats.successes`, `metrics.accuracy`),
  /// `$` for the whole document, or `nil` when the file itself is at fault
  /// (cannot be read, empty, not JSON).
  public var path: String?
  /// What is wrong.
  public var reason: String

  /// Creates an error.
  public init(file: String, path: String? = nil, reason: String) {
    self.file = file
    self.path = path
    self.reason = reason
  }

  /// `file: path: reason` (or `file: reason` without a path).
  public var description: String {
    if let path { return "\(file): \(path): \(reason)" }
    return "\(file): \(reason)"
  }
}
