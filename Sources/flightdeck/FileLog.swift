import Foundation

/// A minimal append-only log file: the dashboard owns the screen, so
/// nothing may be printed while it runs.
struct FileLog: Sendable {
  /// Where the log is written.
  let path: String

  /// Opens `$FLIGHTDECK_LOG`, else `$TMPDIR/flightdeck-<uid>.log`.
  static func open() -> FileLog {
    let env = ProcessInfo.processInfo.environment
    if let p = env["FLIGHTDECK_LOG"], !p.isEmpty { return FileLog(path: p) }
    let dir = env["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    return FileLog(path: "\(dir)/flightdeck-\(getuid()).log")
  }

  /// Appends one timestamped line.
  func write(_ message: String) { FileLog.append(message, to: path) }

  /// Appends one timestamped line to `path`; failures are ignored (logging
  /// must never take the dashboard down).
  static func append(_ message: String, to path: String) {
    let line = "\(Date()) \(message)\n"
    let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    _ = line.withCString { Foundation.write(fd, $0, strlen($0)) }
    Foundation.close(fd)
  }
}
