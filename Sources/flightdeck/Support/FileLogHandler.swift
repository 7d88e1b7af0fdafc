import FlightDeckCore
import Foundation
import Logging

/// A swift-log handler that appends one line per message to a file.
///
/// The dashboard owns the screen, so nothing may be printed while it runs
/// (swift-log's default handler writes to stderr). Lines are
/// `<RFC 3339 time> <level> <label>: <message> <metadata>`, written with one
/// `write(2)` each in append mode, so several processes can share the file.
/// Write failures are ignored: logging must never take the dashboard down.
/// Each line is sanitised (``TerminalText``), and only a regular file is
/// appended to: a symbolic link or FIFO planted at the path is not followed.
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

  /// `$FLIGHTDECK_LOG`, else `configured` (the configuration's `[log]
  /// file`), else `flightdeck.log` in the XDG state folder
  /// (``UserDirectories``: `$XDG_STATE_HOME/flightdeck`, else
  /// `~/.local/state/flightdeck`), made owner-only (0700) when missing; when
  /// that folder cannot be made, `$TMPDIR/flightdeck-<uid>.log`.
  static func defaultPath(configured: String? = nil) -> String {
    let env = ProcessInfo.processInfo.environment
    let dirs = UserDirectories.current
    if let p = env["FLIGHTDECK_LOG"], !p.isEmpty { return p }
    if let configured { return configured }
    if (try? FileManager.default.createDirectory(
      atPath: dirs.stateDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]))
      != nil
    {
      return dirs.logFile
    }
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
    // Messages carry names from telemetry: `tail -f` of the log must not drive the terminal.
    let text =
      TerminalText.sanitize(
        "\(ISO8601DateFormatter().string(from: Date())) \(event.level) \(label): \(event.message)\(extra)\(error)"
      )
      + "\n"
    // The default path is in /tmp, where anyone may plant a name: never follow
    // a symbolic link (O_NOFOLLOW), never block on a FIFO (O_NONBLOCK), and
    // append only to a regular file.
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
    guard fd >= 0 else { return }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return }
    _ = text.withCString { write(fd, $0, strlen($0)) }
  }
}
