#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An `errno` value from a failed POSIX call, with its `strerror(3)` text.
public struct PosixError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The `errno` value, e.g. `ENOENT` (2 on Linux).
  public var code: Int32

  /// Wraps an `errno` value.
  public init(_ code: Int32) { self.code = code }

  /// `true` for `ENOENT` and `ENOTDIR`: the path does not exist (yet).
  public var isNotFound: Bool { code == ENOENT || code == ENOTDIR }

  /// `true` for `EMFILE` and `ENFILE`: the process's or the system's
  /// open-file limit is reached.
  public var isOutOfDescriptors: Bool { code == EMFILE || code == ENFILE }

  /// The `strerror(3)` text, e.g. `No such file or directory`.
  public var description: String { String(cString: strerror(code)) }
}
