#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes bytes to a descriptor whole, from a signal handler or anywhere
/// else: the one write loop of ``TerminalSignals`` (restore bytes on a
/// fatal signal), ``SuspendGuard`` (mouse reporting off and on around
/// Ctrl-Z) and the ncurses backend's direct writes.
///
/// Async-signal-safe: it calls only `write(2)` (POSIX.1-2017 §2.4.3) and
/// reads `errno`, and allocates nothing.
enum SignalSafeWrite {
  /// Writes `count` bytes at `bytes` to `fd`, again after a partial write
  /// or `EINTR`; stops silently at any other failure (a dead terminal
  /// answers `EIO`) or a write of 0 bytes.
  /// - Returns: the bytes written (`count` when all went).
  @discardableResult
  static func all(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    var offset = 0
    while offset < count {
      let n = write(fd, bytes + offset, count - offset)
      if n > 0 {
        offset += n
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        break
      }
    }
    return offset
  }
}
