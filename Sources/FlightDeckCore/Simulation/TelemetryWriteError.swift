/// A failure writing simulated telemetry to disk.
public struct TelemetryWriteError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file or directory involved.
  public var path: String
  /// What was being done (`open`, `write`, `rename`, `create directory`).
  public var operation: String
  /// The system's explanation (`strerror(errno)` or Foundation's message).
  public var reason: String

  /// Creates an error.
  public init(path: String, operation: String, reason: String) {
    self.path = path
    self.operation = operation
    self.reason = reason
  }

  /// `cannot OPERATION PATH: REASON`.
  public var description: String { "cannot \(operation) \(path): \(reason)" }
}
