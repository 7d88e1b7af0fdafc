import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Appends telemetry records as FlightDeck JSON Lines to `DIR/telemetry.jsonl`,
/// rotating the file by size the way logrotate's `copytruncate`-free
/// "rename and recreate" mode does.
///
/// Each record is `TelemetryRecord.jsonLine` plus `"\n"`. A batch is written
/// with one `write(2)` call (repeated only if the kernel accepts part of it),
/// so a tailer never sees a partial line from a short write of ours, and
/// nothing is buffered in user space: after `write(_:)` returns, the bytes
/// are visible to readers ("flush per batch").
///
/// Rotation: before a line that would take the file past `maxBytes`, the
/// writer closes the file, renames `NAME.(k)` → `NAME.(k+1)` for
/// k = keep−1 … 1 (the oldest, `NAME.keep`, is overwritten, so at most
/// `keep` rotated files remain), renames `NAME` → `NAME.1` and creates a new
/// empty `NAME`. Lines are never split across files; a single line longer
/// than `maxBytes` is written whole into its own file.
///
/// Not `Sendable`: one writer belongs to one task.
public final class RotatingJSONLWriter {
  /// Directory holding the files.
  public let directory: URL
  /// Current file name, default `telemetry.jsonl`.
  public let fileName: String
  /// Rotation threshold in bytes (≥ 1); default 4 MiB.
  public let maxBytes: Int
  /// Number of rotated files kept (`NAME.1` … `NAME.keep`), ≥ 1; default 3.
  public let keep: Int
  /// Bytes in the current file.
  public private(set) var currentSize: Int
  /// Rotations performed by this writer.
  public private(set) var rotations = 0
  /// Lines written by this writer.
  public private(set) var linesWritten = 0

  private var descriptor: Int32

  /// Opens (creating the directory and file if needed) `directory/fileName`
  /// for appending.
  ///
  /// - Parameters:
  ///   - truncate: Start with an empty current file instead of appending.
  /// - Throws: `TelemetryWriteError` when the directory or file cannot be
  ///   created or opened.
  public init(
    directory: URL, fileName: String = "telemetry.jsonl", maxBytes: Int = 4 << 20, keep: Int = 3,
    truncate: Bool = false
  ) throws {
    self.directory = directory
    self.fileName = fileName
    self.maxBytes = max(1, maxBytes)
    self.keep = max(1, keep)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw TelemetryWriteError(
        path: directory.path, operation: "create directory", reason: error.localizedDescription)
    }
    let path = directory.appendingPathComponent(fileName).path
    descriptor = try RotatingJSONLWriter.open(path, truncate: truncate)
    let end = lseek(descriptor, 0, SEEK_END)
    currentSize = end > 0 ? Int(end) : 0
  }

  deinit {
    if descriptor >= 0 { _ = Foundation.close(descriptor) }
  }

  /// Path of the current file.
  public var currentPath: String { directory.appendingPathComponent(fileName).path }

  /// Writes `records` as JSON Lines, rotating first whenever the next line
  /// would take the current file past `maxBytes`.
  ///
  /// - Throws: `TelemetryWriteError` when a write, rename or open fails.
  public func write(_ records: [TelemetryRecord]) throws {
    try write(lines: records.map(\.jsonLine))
  }

  /// Writes pre-encoded lines (each without its newline; one is appended).
  ///
  /// - Throws: `TelemetryWriteError` when a write, rename or open fails.
  public func write(lines: [String]) throws {
    var chunk: [UInt8] = []
    chunk.reserveCapacity(lines.count * 320)
    for line in lines {
      let length = line.utf8.count + 1
      let pending = currentSize + chunk.count
      if pending > 0, pending + length > maxBytes {
        try flush(&chunk)
        try rotate()
      }
      chunk.append(contentsOf: line.utf8)
      chunk.append(0x0A)
      linesWritten += 1
    }
    try flush(&chunk)
  }

  /// Closes the current file; later writes fail. Idempotent.
  public func close() {
    if descriptor >= 0 { _ = Foundation.close(descriptor) }
    descriptor = -1
  }

  private func flush(_ chunk: inout [UInt8]) throws {
    guard !chunk.isEmpty else { return }
    var offset = 0
    while offset < chunk.count {
      let written = chunk.withUnsafeBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return Foundation.write(descriptor, base + offset, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw TelemetryWriteError(
          path: currentPath, operation: "write", reason: String(cString: strerror(errno)))
      }
      offset += written
    }
    currentSize += chunk.count
    chunk.removeAll(keepingCapacity: true)
  }

  private func rotate() throws {
    close()
    let base = currentPath
    for index in stride(from: keep - 1, through: 1, by: -1) {
      let from = "\(base).\(index)"
      guard access(from, F_OK) == 0 else { continue }
      try RotatingJSONLWriter.rename(from, "\(base).\(index + 1)")
    }
    try RotatingJSONLWriter.rename(base, "\(base).1")
    descriptor = try RotatingJSONLWriter.open(base, truncate: true)
    currentSize = 0
    rotations += 1
  }

  private static func rename(_ from: String, _ to: String) throws {
    guard Foundation.rename(from, to) == 0 else {
      throw TelemetryWriteError(path: from, operation: "rename", reason: String(cString: strerror(errno)))
    }
  }

  /// Opens `path` for appending, refusing what is not a regular file: a
  /// symbolic link (`O_NOFOLLOW`: the simulator never writes through one),
  /// a FIFO (`O_NONBLOCK`: with no reader the open fails at once instead of
  /// waiting forever; with one, the file type refuses it), a device or a
  /// directory.
  private static func open(_ path: String, truncate: Bool) throws -> Int32 {
    let flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (truncate ? O_TRUNC : 0)
    let fd = Foundation.open(path, flags, 0o644)
    guard fd >= 0 else {
      let code = errno
      let reason =
        code == ELOOP
        ? "is a symbolic link (the simulator writes only regular files)"
        : code == ENXIO ? "is not a regular file (a FIFO)" : String(cString: strerror(code))
      throw TelemetryWriteError(path: path, operation: "open", reason: reason)
    }
    var st = stat()
    if fstat(fd, &st) != 0 || (st.st_mode & S_IFMT) != S_IFREG {
      _ = Foundation.close(fd)
      let kind = InputFileCheck.kindName(st.st_mode) ?? "not a regular file"
      throw TelemetryWriteError(path: path, operation: "open", reason: "is not a regular file (a \(kind))")
    }
    return fd
  }
}
