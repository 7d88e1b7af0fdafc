#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a byte range of a file line by line with `pread`, in fixed-size
/// buffers, never holding the whole file in memory.
///
/// Used by the batch path (`flightdeck replay`) to read several parts of one
/// file in parallel: ``splitRanges(fileSize:parts:fd:)`` cuts the file at
/// newlines so that every line belongs to exactly one part.
public struct ChunkedLineReader {
  /// Error reading a file.
  public struct ReadError: Error, CustomStringConvertible {
    /// The file.
    public var path: String
    /// `errno` of the failed call.
    public var code: Int32
    /// `path: problem`, the problem as ``PosixError/readProblem`` says it
    /// (`permission denied` for `EACCES`/`EPERM` only).
    public var description: String { "\(path): \(PosixError(code).readProblem)" }
  }

  /// Cuts `[0, fileSize)` into at most `parts` ranges that start right after
  /// a newline (or at 0), so no line is split between two ranges.
  ///
  /// - Throws: ``ReadError`` when the file cannot be read.
  public static func splitRanges(fileSize: Int, parts: Int, fd: Int32, path: String) throws -> [Range<Int>] {
    guard parts > 1, fileSize > 1 << 20 else { return [0..<fileSize] }
    var starts = [0]
    var probe = [UInt8](repeating: 0, count: 64 * 1024)
    for i in 1..<parts {
      var pos = fileSize * i / parts
      guard pos > starts.last! else { continue }
      var found = false
      while pos < fileSize && !found {
        let n = probe.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(pos)) }
        if n < 0 { throw ReadError(path: path, code: errno) }
        if n == 0 { break }
        if let nl = probe[0..<n].firstIndex(of: 0x0A) {
          pos += nl + 1
          found = true
        } else {
          pos += n
        }
      }
      if found && pos < fileSize && pos > starts.last! { starts.append(pos) }
    }
    var ranges: [Range<Int>] = []
    for (i, s) in starts.enumerated() {
      ranges.append(s..<(i + 1 < starts.count ? starts[i + 1] : fileSize))
    }
    return ranges
  }

  /// Passes every line in `range` of the open file `fd` to `sink` (without
  /// its `\n`; a trailing `\r` is removed), including a final line without a
  /// newline at the end of the range. Lines longer than `maxLineBytes` are not
  /// passed as lines; `sink.oversizedLine(index:)` is called instead.
  /// `sink.linesWillMove()` is called once the lines of a read have been
  /// passed, before their bytes are moved or the buffer freed.
  ///
  /// Reads `readBytes` at a time into one buffer of
  /// `max(readBytes, maxLineBytes + 1)` bytes; the incomplete line at the end
  /// of a read is moved to the front before the next read. The default read
  /// size (128 KiB) keeps the bytes just copied by the kernel in the core's
  /// L2 cache while they are scanned (1 MiB reads measured slower on the
  /// benchmark machine, see the Benchmarks article).
  ///
  /// - Parameters:
  ///   - range: The bytes to read with `pread`; `nil` reads the descriptor
  ///     sequentially with `read(2)` to its end (a pipe, standard input).
  ///   - readBytes: Bytes asked of each `pread` (default 128 KiB).
  ///   - maxLineBytes: Longest line passed on, in bytes (default 1 MiB).
  /// - Throws: ``ReadError`` when a read fails.
  public static func forEachLine<Sink: ChunkedLineSink>(
    fd: Int32, path: String, range: Range<Int>?, readBytes: Int = 128 << 10, maxLineBytes: Int = 1 << 20,
    into sink: inout Sink
  ) throws {
    let readSize = max(1, readBytes)
    let capacity = max(readSize, maxLineBytes + 1)
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    defer { buffer.deallocate() }
    var offset = range?.lowerBound ?? 0
    let limit = range?.upperBound ?? Int.max
    var held = 0  // bytes of an incomplete line at the start of the buffer
    var skipping = false  // inside an oversized line: discard until newline
    var lineIndex = 0
    while offset < limit {
      let want = min(readSize, capacity - held, limit - offset)
      let n = range == nil ? read(fd, buffer + held, want) : pread(fd, buffer + held, want, off_t(offset))
      if n < 0 {
        if errno == EINTR { continue }
        throw ReadError(path: path, code: errno)
      }
      if n == 0 { break }
      offset += n
      let end = held + n
      var start = 0
      var scan = held
      while scan < end {
        guard let nlPtr = memchr(buffer + scan, 0x0A, end - scan) else { break }
        let nl = buffer.distance(to: nlPtr)
        lineIndex += 1
        if skipping {
          skipping = false
        } else if nl - start > maxLineBytes {
          // A whole line in one read can still be over the cap when reads are
          // larger than the cap (a cap under 128 KiB): the tailer's rule, its
          // bytes before the newline (a `\r` counts).
          sink.oversizedLine(index: lineIndex)
        } else {
          var lineEnd = nl
          if lineEnd > start && buffer.load(fromByteOffset: lineEnd - 1, as: UInt8.self) == 0x0D {
            lineEnd -= 1
          }
          sink.line(UnsafeRawBufferPointer(start: buffer + start, count: lineEnd - start), index: lineIndex)
        }
        start = nl + 1
        scan = start
      }
      sink.linesWillMove()
      let rest = end - start
      if skipping {
        held = 0
      } else if rest > maxLineBytes {
        sink.oversizedLine(index: lineIndex + 1)
        skipping = true
        held = 0
      } else {
        if start > 0 && rest > 0 { memmove(buffer, buffer + start, rest) }
        held = rest
      }
    }
    if held > 0 && !skipping {
      lineIndex += 1
      // `held` is at most `maxLineBytes` (a longer tail was cut above).
      var lineEnd = held
      if buffer.load(fromByteOffset: lineEnd - 1, as: UInt8.self) == 0x0D { lineEnd -= 1 }
      sink.line(UnsafeRawBufferPointer(start: buffer, count: lineEnd), index: lineIndex)
      sink.linesWillMove()
    }
  }
}
