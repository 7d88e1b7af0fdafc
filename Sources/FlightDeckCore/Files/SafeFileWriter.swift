import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a report file (`retro --out`, `audit export --out`,
/// `gate check --junit`) without becoming a weapon against what sits at the
/// path.
///
/// Rules:
/// - The path must name a regular file or nothing. A directory, FIFO,
///   socket or device node is refused (as root, a plain rename would have
///   replaced `/dev/full` with a regular file; a write would have blocked on
///   a FIFO).
/// - A symbolic link is refused unless ``followSymbolicLinks`` (`--force`);
///   then its target, resolved, is checked by the same rules and replaced.
/// - A protected file (the workspace's `registry.sqlite` and its `-wal`,
///   `-shm` and `-journal`) is refused, compared by device and inode (a hard link, a
///   symlink or another spelling of the path is caught), and, for one that
///   does not exist at the moment, by the device and inode of its folder
///   plus its name (so an absent `registry.sqlite-wal` is not created).
/// - The text goes to a new temporary file in the same folder (`mkstemp`,
///   `.NAME.XXXXXX`), is flushed with `fsync`, takes the replaced file's
///   permission bits (else 0666 less the umask), and is renamed over the path
///   (`rename(2)`: atomic; a reader sees the old file or the new one, never
///   half of one); then the folder is synced. On any failure the temporary
///   file is removed and the path is untouched.
///
/// A path swapped between the check and the rename is replaced as a
/// directory entry (rename does not follow links and does not write into
/// device nodes), never written through.
public struct SafeFileWriter: Sendable {
  /// Why a write was refused or failed.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    /// The path as given.
    public let path: String
    /// What is wrong, e.g. "it is a FIFO".
    public let reason: String
    /// `cannot write 'PATH': REASON`.
    public var description: String { "cannot write '\(path)': \(reason)" }
  }

  /// Files that must never be replaced (the registry store and its WAL and shared-memory files).
  public var protectedPaths: [String]
  /// Whether a symbolic link at the path is followed (`--force`); refused otherwise.
  public var followSymbolicLinks: Bool

  /// A writer refusing `protectedPaths`, following symbolic links only when `followSymbolicLinks`.
  public init(protectedPaths: [String] = [], followSymbolicLinks: Bool = false) {
    self.protectedPaths = protectedPaths
    self.followSymbolicLinks = followSymbolicLinks
  }

  /// The store's files as protected paths: `database`, `database-wal`,
  /// `database-shm` and `database-journal` (SQLite's rollback journal: a
  /// report written there would be taken for a hot journal, turning the
  /// store read-only until the next writer deleted it).
  public static func storeFiles(_ database: String) -> [String] {
    [database, database + "-wal", database + "-shm", database + "-journal"]
  }

  /// Checks `path` by the rules above without writing, and returns the path
  /// that would be replaced (the resolved target of a followed symlink).
  /// - Throws: ``Failure`` when the path is refused.
  @discardableResult
  public func check(_ path: String) throws -> String {
    try target(of: path, original: path, depth: 0)
  }

  /// Replaces the file at `path` with `data` by the rules above.
  /// - Throws: ``Failure`` when the path is refused or the write fails
  ///   (the reason names the system error, e.g. "Permission denied"); the
  ///   path is then unchanged.
  public func write(_ data: Data, to path: String) throws {
    let target = try check(path)
    let folder = Self.folder(of: target)
    let name = (target as NSString).lastPathComponent
    var template = Array((folder + "/." + name + ".XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw Failure(path: path, reason: Self.errnoText()) }
    let temporary = String(cString: template)
    var renamed = false
    defer {
      if !renamed { unlink(temporary) }
    }
    do {
      defer { close(fd) }
      try data.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
          if n < 0 {
            if errno == EINTR { continue }
            throw Failure(path: path, reason: Self.errnoText())
          }
          offset += n
        }
      }
      var old = stat()
      let mode: mode_t
      if lstat(target, &old) == 0 {
        mode = old.st_mode & 0o7777
      } else {
        let mask = umask(0)
        umask(mask)
        mode = 0o666 & ~mask
      }
      guard fchmod(fd, mode) == 0, fsync(fd) == 0 else { throw Failure(path: path, reason: Self.errnoText()) }
    }
    guard rename(temporary, target) == 0 else { throw Failure(path: path, reason: Self.errnoText()) }
    renamed = true
    let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dir >= 0 {
      _ = fsync(dir)
      close(dir)
    }
  }

  // MARK: Checks

  private func target(of path: String, original: String, depth: Int) throws -> String {
    func refuse(_ reason: String) -> Failure { Failure(path: original, reason: reason) }
    guard !path.isEmpty else { throw refuse("no file name given") }
    var st = stat()
    if lstat(path, &st) != 0 {
      guard errno == ENOENT else { throw refuse(Self.errnoText()) }
      try checkFolder(of: path, original: original)
      try checkProtected(path, existing: nil, original: original)
      return path
    }
    switch st.st_mode & S_IFMT {
    case S_IFREG:
      try checkProtected(path, existing: st, original: original)
      return path
    case S_IFLNK:
      guard followSymbolicLinks else {
        throw refuse("it is a symbolic link (give --force to replace the file it points to)")
      }
      guard depth < 16 else { throw refuse("too many levels of symbolic links") }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink(path, &buffer, buffer.count - 1)
      guard n >= 0 else { throw refuse(Self.errnoText()) }
      let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      let resolved = link.hasPrefix("/") ? link : Self.folder(of: path) + "/" + link
      return try target(of: resolved, original: original, depth: depth + 1)
    case S_IFDIR: throw refuse("it is a directory")
    case S_IFIFO: throw refuse("it is a FIFO (named pipe)")
    case S_IFSOCK: throw refuse("it is a socket")
    case S_IFCHR, S_IFBLK: throw refuse("it is a device")
    default: throw refuse("it is not a regular file")
    }
  }

  private func checkFolder(of path: String, original: String) throws {
    var st = stat()
    guard stat(Self.folder(of: path), &st) == 0 else {
      throw Failure(path: original, reason: "its folder does not exist")
    }
    guard st.st_mode & S_IFMT == S_IFDIR else {
      throw Failure(path: original, reason: "its folder is not a directory")
    }
  }

  /// Refuses `path` when it is one of ``protectedPaths``: the same device
  /// and inode, or (for a protected file that does not exist) the same folder
  /// by device and inode and the same name.
  private func checkProtected(_ path: String, existing: stat?, original: String) throws {
    let name = (path as NSString).lastPathComponent
    let folder = Self.identity(Self.folder(of: path))
    for protected in protectedPaths {
      var p = stat()
      let isSame: Bool
      if stat(protected, &p) == 0 {
        isSame = existing.map { $0.st_dev == p.st_dev && $0.st_ino == p.st_ino } ?? false
      } else {
        let protectedFolder = Self.identity(Self.folder(of: protected))
        isSame =
          folder != nil && protectedFolder != nil && folder! == protectedFolder!
          && name == (protected as NSString).lastPathComponent
      }
      if isSame {
        throw Failure(path: original, reason: "it is the workspace's registry store (\(protected))")
      }
    }
  }

  private static func identity(_ path: String) -> (dev_t, ino_t)? {
    var st = stat()
    return stat(path, &st) == 0 ? (st.st_dev, st.st_ino) : nil
  }

  private static func folder(of path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    return folder.isEmpty ? "." : folder
  }

  private static func errnoText() -> String { String(cString: strerror(errno)) }
}
