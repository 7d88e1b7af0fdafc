import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension TelemetryDataFolder {
  /// One of the folder's files as found in a listing.
  struct ListedFile: Sendable {
    var name: TelemetryDataFolderFileName
    var size: Int64
    /// Last modification (wall clock), milliseconds since the epoch.
    var modified: Timestamp
  }

  /// Writes `group` to the current file (opening one, or rotating by size or
  /// age first) with one `write(2)` and one `fsync(2)`.
  func commit(_ group: [PendingAppend], _ f: inout Files) -> Result<Void, TelemetryIngestRefusal> {
    let now = clock.now()
    let total = group.reduce(0) { $0 + $1.bytes.count }
    var rotated = false
    if let current = f.current,
      (current.size > 0 && current.size + total > options.rotateBytes)
        || now.milliseconds(since: current.openedAt) >= options.rotateAgeMs
    {
      closeCurrent(&f)
      rotated = true
    }
    if f.current == nil {
      do throws(TelemetryWriteError) {
        f.current = try openNewFile(&f, now: now)
      } catch {
        return .failure(.unavailable(reason: error.description))
      }
      // After the successor exists, so the closed file's end is its opening.
      if rotated { applyRetention(f, now: now) }
    }
    guard var current = f.current else { return .failure(.unavailable(reason: "no file open")) }
    let written: TelemetryWriteError? =
      group.count == 1
      ? group[0].bytes.withUnsafeBytes { Self.writeAll(current.descriptor, $0, path: current.path) }
      : {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(total)
        for p in group { buffer.append(contentsOf: p.bytes) }
        return buffer.withUnsafeBytes { Self.writeAll(current.descriptor, $0, path: current.path) }
      }()
    var failure = written
    if failure == nil, fsync(current.descriptor) != 0 {
      failure = TelemetryWriteError(
        path: current.path, operation: "fsync", reason: String(cString: strerror(errno)))
    }
    if let failure {
      // Remove what was never acknowledged, so the file ends at its last
      // durable line; then give the file up (after a failed fsync its pages'
      // state is unknown) and let the next group start a new one. A file
      // left empty goes too: a full disk refusing every group must not leave
      // one empty file per refusal behind.
      _ = ftruncate(current.descriptor, off_t(current.size))
      closeCurrent(&f)
      if current.size == 0 { _ = unlink(current.path) }
      return .failure(.unavailable(reason: failure.description))
    }
    current.size += total
    f.current = current
    return .success(())
  }

  /// Creates the next file (``TelemetryDataFolderFileName/next(after:now:)``)
  /// with `O_EXCL`, never reusing an existing name, and `fsync`s the folder
  /// so the new name is durable before anything in it is acknowledged.
  /// Creates the folder again when it has gone.
  func openNewFile(_ f: inout Files, now: Timestamp) throws(TelemetryWriteError) -> CurrentFile {
    let directory = options.directory
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
      do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw TelemetryWriteError(
          path: directory, operation: "create directory", reason: Self.describe(error))
      }
    } else if !isDirectory.boolValue {
      throw TelemetryWriteError(path: directory, operation: "write into", reason: "not a directory")
    }
    var lastError: TelemetryWriteError?
    // A name taken by something else (a file or directory of the same name)
    // is passed over for the next number.
    for _ in 0..<16 {
      let name = TelemetryDataFolderFileName.next(after: f.newest, now: now)
      f.newest = name
      let path = Self.path(directory, name.name)
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o644)
      if fd < 0 {
        let code = errno
        lastError = TelemetryWriteError(
          path: path, operation: "create", reason: String(cString: strerror(code)))
        if code == EEXIST { continue }
        throw lastError!
      }
      let dir = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      let synced = dir >= 0 && fsync(dir) == 0
      let code = errno
      if dir >= 0 { _ = Foundation.close(dir) }
      guard synced else {
        _ = Foundation.close(fd)
        _ = unlink(path)
        throw TelemetryWriteError(
          path: directory, operation: "fsync", reason: String(cString: strerror(code)))
      }
      counters.withLock { $0.filesCreated += 1 }
      return CurrentFile(name: name, path: path, descriptor: fd, size: 0, openedAt: now)
    }
    throw lastError
      ?? TelemetryWriteError(path: directory, operation: "create a file in", reason: "no free name")
  }

  /// Closes the current file, if any; the next group opens a new one.
  func closeCurrent(_ f: inout Files) {
    if let current = f.current { _ = Foundation.close(current.descriptor) }
    f.current = nil
  }

  /// `write(2)` until every byte is written (retrying on `EINTR` and short
  /// writes); the error, if one stopped it.
  static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) -> TelemetryWriteError? {
    guard let base = bytes.baseAddress else { return nil }
    var offset = 0
    while offset < bytes.count {
      let n = write(fd, base + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return TelemetryWriteError(path: path, operation: "write", reason: String(cString: strerror(errno)))
      }
      offset += n
    }
    return nil
  }

  /// The folder's own files (names parsed by ``TelemetryDataFolderFileName``),
  /// oldest first, with their sizes and modification times.
  static func list(_ directory: String) throws(TelemetryWriteError) -> [ListedFile] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw TelemetryWriteError(path: directory, operation: "list", reason: describe(error))
    }
    var out: [ListedFile] = []
    for entry in names {
      guard let name = TelemetryDataFolderFileName(parsing: entry) else { continue }
      var st = stat()
      guard lstat(path(directory, entry), &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
      #if canImport(Darwin)
        let seconds = Int64(st.st_mtimespec.tv_sec)
        let nanos = Int64(st.st_mtimespec.tv_nsec)
      #else
        let seconds = Int64(st.st_mtim.tv_sec)
        let nanos = Int64(st.st_mtim.tv_nsec)
      #endif
      out.append(
        ListedFile(
          name: name, size: Int64(st.st_size),
          modified: Timestamp(millisecondsSinceEpoch: seconds * 1000 + nanos / 1_000_000)))
    }
    return out.sorted { $0.name < $1.name }
  }

  /// Appends a newline to the file at `path` when it is not empty and does
  /// not end with one (a line torn by a crash), and flushes it.
  ///
  /// - Returns: whether the file was sealed.
  /// - Throws: ``TelemetryWriteError`` when the file cannot be read or sealed.
  static func sealIfTorn(_ path: String) throws(TelemetryWriteError) -> Bool {
    let fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else {
      throw TelemetryWriteError(path: path, operation: "open", reason: String(cString: strerror(errno)))
    }
    defer { _ = Foundation.close(fd) }
    let size = lseek(fd, 0, SEEK_END)
    guard size > 0 else { return false }
    var last: UInt8 = 0
    guard pread(fd, &last, 1, size - 1) == 1 else {
      throw TelemetryWriteError(path: path, operation: "read", reason: String(cString: strerror(errno)))
    }
    guard last != 0x0A else { return false }
    var newline: UInt8 = 0x0A
    guard write(fd, &newline, 1) == 1, fsync(fd) == 0 else {
      throw TelemetryWriteError(path: path, operation: "seal", reason: String(cString: strerror(errno)))
    }
    return true
  }

  /// `directory/name`.
  static func path(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// A Foundation error's message without the noise of its type.
  static func describe(_ error: any Error) -> String {
    (error as NSError).localizedDescription
  }
}
