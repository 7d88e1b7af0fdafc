#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension PosixError {
  /// How a failure to open or read a file is told to people, the same in the
  /// dashboard's ingest errors, `replay`'s report and the file options'
  /// refusals: `permission denied` for `EACCES` and `EPERM` (and only for
  /// those: issue 11 found a FIFO reported as a permission problem), else
  /// the `strerror(3)` text with a lower-case first letter
  /// (`no such file or directory`, `input/output error`).
  public var readProblem: String {
    if code == EACCES || code == EPERM { return "permission denied" }
    let text = description
    return text.prefix(1).lowercased() + text.dropFirst()
  }
}
