import TOMLKit

extension FlightDeckConfiguration {
  private static let logKeys: Set<String> = ["level", "file"]

  /// Reads `[log]` (see ``LogConfiguration``): `level` one of
  /// ``LogConfiguration/levelNames`` (or `warn`), `file` a non-empty path.
  /// - Throws: the ``ConfigurationError`` that `fail` builds, naming the key.
  static func parseLog(
    _ root: TOMLTable, into config: inout FlightDeckConfiguration,
    fail: (String, String) -> ConfigurationError
  ) throws {
    guard let v = root["log"] else { return }
    guard let t = v.table else { throw fail("log", "expected a table") }
    for k in t.keys.sorted() where !logKeys.contains(k) {
      throw fail("log.\(k)", "unknown key (allowed: \(logKeys.sorted().joined(separator: ", ")))")
    }
    var log = LogConfiguration()
    if let v = t["level"] {
      guard let s = v.string, let level = LogConfiguration.level(named: s) else {
        throw fail("log.level", "expected one of \(LogConfiguration.levelNames.joined(separator: ", "))")
      }
      log.level = level
    }
    if let v = t["file"] {
      guard let s = v.string, !s.isEmpty, !s.contains("\0") else {
        throw fail("log.file", "expected the path of the log file")
      }
      log.file = s
    }
    config.log = log
  }
}
