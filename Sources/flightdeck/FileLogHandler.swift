import Foundation
import Logging

/// A swift-log handler that appends one line per message to a file.
///
/// The dashboard owns the screen, so nothing may be printed while it runs
/// (swift-log's default handler writes to stderr). Lines are
/// `<RFC 3339 time> <level> <label>: <message> <metadata>`, written with one
/// `write(2)` each in append mode, so several processes can share the file.
/// Write failures are ignored: logging must never take the dashboard down.
struct FileLogHandler: LogHandler {
  /// The log file.
  let path: String
  private let label: String
  var logLevel: Logger.Level = .info
  var metadata: Logger.Metadata = [:]

  /// Creates a handler for `label` writing to `path`.
  init(label: String, path: String) {
    self.label = label
    self.path = path
  }

  /// `$FLIGHTDECK_LOG`, else `$TMPDIR/flightdeck-<uid>.log`.
  static func defaultPath() -> String {
    let env = ProcessInfo.processInfo.environment
    if let p = env["FLIGHTDECK_LOG"], !p.isEmpty { return p }
    let dir = env["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    return "\(dir)/flightdeck-\(getuid()).log"
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var all = metadata
    if let explicit = event.metadata { all.merge(explicit) { $1 } }
    let extra =
      all.isEmpty
      ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    let error = event.error.map { " error=\($0)" } ?? ""
    let text =
      "\(ISO8601DateFormatter().string(from: Date())) \(event.level) \(label): \(event.message)\(extra)\(error)\n"
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    _ = text.withCString { write(fd, $0, strlen($0)) }
    close(fd)
  }
}
