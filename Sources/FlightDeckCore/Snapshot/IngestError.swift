/// One located ingestion error: which file, which line, what was wrong.
public struct IngestError: Sendable, Hashable, CustomStringConvertible {
  /// Source file path.
  public var path: String
  /// 1-based line number in that file (counted since the file was opened or
  /// last truncated).
  public var line: Int
  /// The JSON field at fault, when one is known (e.g. `latency_ms`).
  public var field: String?
  /// What was wrong, e.g. "invalid UTF-8", "missing required field".
  public var reason: String

  /// Creates an ingestion error.
  public init(path: String, line: Int, field: String? = nil, reason: String) {
    self.path = path
    self.line = line
    self.field = field
    self.reason = reason
  }

  /// `path:line: field: reason`.
  public var description: String {
    if let field { return "\(path):\(line): \(field): \(reason)" }
    return "\(path):\(line): \(reason)"
  }
}
