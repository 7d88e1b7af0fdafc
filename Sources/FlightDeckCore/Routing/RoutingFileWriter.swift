import Crypto
import Foundation

/// Writes a target's file atomically and idempotently: unchanged bytes are
/// not rewritten (the file keeps its modification time and inode, and
/// watchers see no event); changed bytes go through ``SafeFileWriter`` (a
/// temporary file in the same folder, `fsync`, `rename(2)` over the path,
/// `fsync` of the folder), so a reader — a router reloading its
/// configuration — sees the old file or the new one, never half of one.
public struct RoutingFileWriter: Sendable {
  /// The rules the path is checked by (symbolic links refused, the store's files protected).
  public var safe: SafeFileWriter

  /// A writer over `safe`.
  public init(safe: SafeFileWriter = SafeFileWriter()) { self.safe = safe }

  /// The sha256 of `data`, as 64 lower-case hex digits.
  public static func digest(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
  }

  /// The bytes at `path`, at most `limit`; `nil` when there is no file.
  /// - Throws: ``SafeFileWriter/Failure`` when the file cannot be read or is larger than `limit`.
  public static func read(_ path: String, limit: Int = 16 << 20) throws -> Data? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw SafeFileWriter.Failure(path: path, reason: "cannot open it for reading")
    }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
    guard data.count <= limit else {
      throw SafeFileWriter.Failure(path: path, reason: "it is larger than \(limit) bytes")
    }
    return data
  }

  /// Makes the file at `path` hold `data`.
  /// - Returns: whether it was rewritten (`false`: it already held `data`).
  /// - Throws: ``SafeFileWriter/Failure`` when the path is refused or the
  ///   write fails; the file is then as it was.
  @discardableResult
  public func write(_ data: Data, to path: String) throws -> Bool {
    _ = try safe.check(path)
    if let existing = try? Self.read(path, limit: max(data.count, 1)), existing == data { return false }
    try safe.write(data, to: path)
    return true
  }
}
