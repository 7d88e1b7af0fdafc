import Foundation

/// Reads the receiver's bearer token from a file, the way secrets are kept on
/// a server: a file readable by its owner only.
public enum OTLPReceiverToken {
  /// The token in the file at `path`: its contents with leading and trailing
  /// whitespace (the final newline of `echo`) removed.
  ///
  /// - Throws: ``OTLPReceiverError/tokenFileTooOpen(path:mode:)`` when the
  ///   file's group or other permission bits are set (`chmod 600` it — a
  ///   token others can read is not a secret);
  ///   ``OTLPReceiverError/unreadableTokenFile(path:reason:)`` when it is
  ///   missing, not a regular file, unreadable, not UTF-8, empty, longer than
  ///   4096 bytes or contains whitespace or control characters inside (which
  ///   an `Authorization` header cannot carry). The token never appears in an
  ///   error.
  public static func read(contentsOf path: String) throws(OTLPReceiverError) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw .unreadableTokenFile(path: path, reason: String(cString: strerror(errno)))
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw .unreadableTokenFile(path: path, reason: "not a regular file")
    }
    let mode = UInt16(truncatingIfNeeded: info.st_mode & 0o7777)
    if mode & 0o077 != 0 { throw .tokenFileTooOpen(path: path, mode: mode) }
    guard info.st_size <= 4096 else {
      throw .unreadableTokenFile(path: path, reason: "longer than 4096 bytes")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadableTokenFile(path: path, reason: "cannot be read")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadableTokenFile(path: path, reason: "not UTF-8 text")
    }
    let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if token.isEmpty { throw .unreadableTokenFile(path: path, reason: "empty") }
    if token.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0.value > 0x7E }) {
      throw .unreadableTokenFile(
        path: path, reason: "contains whitespace, control or non-ASCII characters inside the token")
    }
    return token
  }
}
