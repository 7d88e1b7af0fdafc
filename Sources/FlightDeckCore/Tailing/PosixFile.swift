#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin, non-throwing wrappers over the POSIX file calls the ``Tailer`` uses
/// (`stat`, `fstat`, `open`, `pread`, `glob`, `opendir`), returning `errno`
/// values instead of crashing.
enum PosixFile {
  /// What `stat(2)`/`fstat(2)` said about a file.
  struct Info {
    /// The kind of file, from `st_mode & S_IFMT`.
    enum Kind { case regular, directory, other }
    var identity: FileIdentity
    /// Size in bytes (`st_size`).
    var size: Int64
    var kind: Kind
    /// Hard-link count (`st_nlink`); 0 once an open file was deleted.
    var links: UInt64
    /// What a file that is not regular is (``InputFileCheck/kindName(_:)``:
    /// `directory`, `FIFO`, `socket`, `character device`, …); `nil` for a
    /// regular file.
    var kindName: String? = nil
  }

  static func info(_ st: stat) -> Info {
    let fmt = st.st_mode & S_IFMT
    let kind: Info.Kind = fmt == S_IFREG ? .regular : (fmt == S_IFDIR ? .directory : .other)
    return Info(
      identity: FileIdentity(
        device: UInt64(truncatingIfNeeded: st.st_dev), inode: UInt64(truncatingIfNeeded: st.st_ino)),
      size: Int64(st.st_size), kind: kind, links: UInt64(truncatingIfNeeded: st.st_nlink),
      kindName: InputFileCheck.kindName(st.st_mode))
  }

  /// `stat(2)` of a path, following symbolic links; the `errno` on failure.
  static func status(path: String) -> Result<Info, PosixError> {
    var st = stat()
    if stat(path, &st) != 0 { return .failure(PosixError(errno)) }
    return .success(info(st))
  }

  /// `fstat(2)` of an open descriptor; the `errno` on failure.
  static func status(fd: Int32) -> Result<Info, PosixError> {
    var st = stat()
    if fstat(fd, &st) != 0 { return .failure(PosixError(errno)) }
    return .success(info(st))
  }

  /// `open(path, O_RDONLY | O_CLOEXEC)`, retried on `EINTR`.
  static func openForReading(_ path: String) -> Result<Int32, PosixError> {
    while true {
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      if fd >= 0 { return .success(fd) }
      if errno != EINTR { return .failure(PosixError(errno)) }
    }
  }

  /// `pread(2)` of up to `count` bytes at `offset` into `buffer`, retried on
  /// `EINTR`; the byte count (0 at end of file) or the `errno`.
  static func read(
    _ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64
  ) -> Result<Int, PosixError> {
    while true {
      let n = pread(fd, buffer, count, off_t(offset))
      if n >= 0 { return .success(n) }
      if errno != EINTR { return .failure(PosixError(errno)) }
    }
  }

  /// Closes a descriptor, ignoring errors (read-only descriptors lose nothing).
  static func close(_ fd: Int32) {
    if fd >= 0 { _ = closeDescriptor(fd) }
  }

  private static func closeDescriptor(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
      return Glibc.close(fd)
    #else
      return Darwin.close(fd)
    #endif
  }

  /// The paths matching a shell glob (`glob(3)`, sorted); empty when none match
  /// or on error.
  static func expandGlob(_ pattern: String) -> [String] {
    var g = glob_t()
    defer { globfree(&g) }
    let rc = pattern.withCString { cPattern in
      #if canImport(Glibc)
        return Glibc.glob(cPattern, 0, nil, &g)
      #else
        return Darwin.glob(cPattern, 0, nil, &g)
      #endif
    }
    guard rc == 0, let paths = g.gl_pathv else { return [] }
    var out: [String] = []
    for i in 0..<Int(g.gl_pathc) {
      if let p = paths[i] { out.append(String(cString: p)) }
    }
    return out
  }

  /// The entry names of a directory (without `.` and `..`), sorted bytewise;
  /// the `errno` when it cannot be opened.
  static func listDirectory(_ path: String) -> Result<[String], PosixError> {
    guard let dir = opendir(path) else { return .failure(PosixError(errno)) }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
        tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
          String(cString: $0)
        }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return .success(names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
  }

  /// Position of the first `\n` in `buffer[from..<count]`, via `memchr(3)`.
  static func newline(in buffer: UnsafeRawPointer, from: Int, count: Int) -> Int? {
    guard from < count, let hit = memchr(buffer + from, 0x0A, count - from) else { return nil }
    return UnsafeRawPointer(hit) - buffer
  }
}
