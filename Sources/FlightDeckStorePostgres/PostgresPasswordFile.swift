import FlightDeckCore
import Foundation

/// Reads a password from a file in libpq's `.pgpass` format
/// (<https://www.postgresql.org/docs/current/libpq-pgpass.html>):
/// one `hostname:port:database:username:password` per line, `*` matching
/// anything in the first four fields, `\:` and `\\` escaping a colon or a
/// backslash, `#` starting a comment line. The first matching line wins.
///
/// As the receiver's token file, the file must be readable by its owner only:
/// a file with any group or other permission bit is refused (libpq ignores
/// it with a warning; FlightDeck refuses, so the mistake is seen).
public enum PostgresPasswordFile {
  /// The password of the first line of the file at `path` matching `host`,
  /// `port`, `database` and `user`, or `nil` when none matches.
  ///
  /// - Throws: ``RegistryError`` `.invalidInput(field: "passfile")` when the
  ///   file is missing, not a regular file, readable by group or others
  ///   (`chmod 600` it), larger than 1 MiB, not UTF-8, or has a line that is
  ///   not five fields (named by its number; its text, which holds a password,
  ///   is never repeated).
  public static func password(in path: String, host: String, port: Int, database: String, user: String) throws
    -> String?
  {
    func bad(_ why: String) -> RegistryError {
      RegistryError(.invalidInput(field: "passfile"), "the PostgreSQL password file \(path) \(why)")
    }
    var info = stat()
    guard stat(path, &info) == 0 else { throw bad("cannot be read: \(String(cString: strerror(errno)))") }
    guard info.st_mode & S_IFMT == S_IFREG else { throw bad("is not a regular file") }
    let mode = info.st_mode & 0o7777
    if mode & 0o077 != 0 {
      throw bad(
        "is readable by group or others (mode \(String(mode, radix: 8))); a password others can read is not a secret: chmod 600 \(path)"
      )
    }
    guard info.st_size <= 1 << 20 else { throw bad("is larger than 1 MiB") }
    guard let data = FileManager.default.contents(atPath: path) else { throw bad("cannot be read") }
    guard let text = String(data: data, encoding: .utf8) else { throw bad("is not UTF-8 text") }
    let wanted = [host, String(port), database, user]
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = splitFields(line)
      guard fields.count == 5 else {
        throw bad(
          "line \(index + 1) has \(fields.count) fields, not 5 (hostname:port:database:username:password; escape a colon as \\:)"
        )
      }
      if zip(fields.prefix(4), wanted).allSatisfy({ $0.wildcard || $0.text == $1 }) { return fields[4].text }
    }
    return nil
  }

  /// `line` split on unescaped colons, with `\x` read as `x`; each field
  /// with whether it is a wildcard (an unescaped lone `*`).
  static func splitFields(_ line: Substring) -> [(text: String, wildcard: Bool)] {
    var fields: [(text: String, wildcard: Bool)] = []
    var current = ""
    var anyEscape = false
    var escaped = false
    for ch in line {
      if escaped {
        current.append(ch)
        escaped = false
      } else if ch == "\\" {
        escaped = true
        anyEscape = true
      } else if ch == ":" && fields.count < 4 {
        fields.append((current, current == "*" && !anyEscape))
        current = ""
        anyEscape = false
      } else {
        current.append(ch)
      }
    }
    if escaped { current.append("\\") }
    fields.append((current, current == "*" && !anyEscape))
    return fields
  }
}
