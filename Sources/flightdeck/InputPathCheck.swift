import Foundation

/// Refuses telemetry paths that can never appear, before the screen starts.
///
/// A missing file in an existing directory is fine: the dashboard waits for
/// it (a log that is created later). But when the directory itself is
/// missing — `/nonexistent/dir/x.jsonl`, or a glob like `/nope/*.jsonl` —
/// it is almost certainly a typo, and waiting forever on an empty screen
/// would hide it.
enum InputPathCheck {
  /// The directory a pattern's files would live in: for a glob, the path
  /// before its first component with `*`, `?` or `[`; otherwise the parent
  /// directory. `.` for a bare name.
  static func directory(of pattern: String) -> String {
    var components = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if let glob = components.firstIndex(where: { $0.contains(where: { "*?[".contains($0) }) }) {
      components = Array(components[..<glob])
    } else {
      components.removeLast()
    }
    let joined = components.joined(separator: "/")
    if joined.isEmpty { return pattern.hasPrefix("/") ? "/" : "." }
    return joined
  }

  /// Checks every pattern.
  /// - Throws: `CLIError` naming the pattern and its missing directory (or
  ///   the path in the way when it is a file, not a directory).
  static func check(_ patterns: [String]) throws {
    for pattern in patterns where !FileManager.default.fileExists(atPath: pattern) {
      let dir = directory(of: pattern)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) else {
        throw CLIError("'\(pattern)': the directory '\(dir)' does not exist")
      }
      guard isDirectory.boolValue else {
        throw CLIError("'\(pattern)': '\(dir)' is a file, not a directory")
      }
    }
  }
}
