import FlightDeckCore
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A temporary directory plus file-writing helpers that behave like the shell
/// (`>>`, `>`, `mv`, `cp`, `rm`), and a way to poll a tailer into recorded events.
final class TailFixture {
  /// The temporary directory (removed on deinit).
  let dir: String

  init() throws {
    let template = NSTemporaryDirectory() + "flightdeck-tailer-XXXXXX"
    var bytes = Array(template.utf8CString)
    guard let made = mkdtemp(&bytes) else { throw PosixError(errno) }
    dir = String(cString: made)
  }

  deinit { try? FileManager.default.removeItem(atPath: dir) }

  /// `dir/name`.
  func path(_ name: String) -> String { dir + "/" + name }

  /// `printf '%s' bytes >> path`.
  func append(_ path: String, _ bytes: [UInt8]) throws {
    try write(path, bytes, flags: O_WRONLY | O_CREAT | O_APPEND)
  }

  /// `printf '%s' text >> path`.
  func append(_ path: String, _ text: String) throws { try append(path, Array(text.utf8)) }

  /// `printf '%s' text > path` (truncate in place, same inode).
  func overwrite(_ path: String, _ text: String) throws {
    try write(path, Array(text.utf8), flags: O_WRONLY | O_CREAT | O_TRUNC)
  }

  /// `mv from to` (rename(2)).
  func move(_ from: String, _ to: String) throws {
    if rename(from, to) != 0 { throw PosixError(errno) }
  }

  /// `rm path`.
  func remove(_ path: String) throws {
    if unlink(path) != 0 { throw PosixError(errno) }
  }

  /// `mkdir path`.
  func makeDirectory(_ path: String) throws {
    if mkdir(path, 0o755) != 0 { throw PosixError(errno) }
  }

  private func write(_ path: String, _ bytes: [UInt8], flags: Int32) throws {
    let fd = open(path, flags, 0o644)
    guard fd >= 0 else { throw PosixError(errno) }
    defer { close(fd) }
    var done = 0
    try bytes.withUnsafeBytes { buf in
      while done < buf.count {
        guard let base = buf.baseAddress else { return }
        #if canImport(Glibc)
          let n = Glibc.write(fd, base + done, buf.count - done)
        #else
          let n = Darwin.write(fd, base + done, buf.count - done)
        #endif
        if n < 0 { throw PosixError(errno) }
        done += n
      }
    }
  }

  /// One poll, recorded.
  static func poll(_ tailer: Tailer) -> [RecordedTailEvent] {
    var out: [RecordedTailEvent] = []
    tailer.poll { out.append(RecordedTailEvent($0)) }
    return out
  }

  /// `finish()`, recorded.
  static func finish(_ tailer: Tailer) -> [RecordedTailEvent] {
    var out: [RecordedTailEvent] = []
    tailer.finish { out.append(RecordedTailEvent($0)) }
    return out
  }
}
