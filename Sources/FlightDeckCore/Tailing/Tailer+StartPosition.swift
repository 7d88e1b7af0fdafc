extension Tailer {
  /// Where a file present at the first poll starts being read.
  struct StartPosition {
    var offset: Int64
    var skip: TailFile.Skip
    /// Line number of the last line before `offset` (0 when unknown or at 0).
    var lineNumber: Int
    var exact: Bool
  }

  /// The start-up position for a file of `size` bytes, per `since`,
  /// `startAtEnd` and `countSkippedLines`.
  func startPosition(_ s: TailSource, size: Int64) -> StartPosition {
    guard size > 0 else { return StartPosition(offset: 0, skip: .none, lineNumber: 0, exact: true) }
    var offset: Int64 = 0
    var skip = TailFile.Skip.none
    if var since = options.since, let probe = options.timestampProbe {
      if let history = options.staleFileHistoryMs,
        let newest = lastLineTimestamp(s, size: size, probe: probe),
        newest < since
      {
        since = newest.adding(milliseconds: -history)
      }
      offset = seekSince(s, size: size, since: since, probe: probe)
    } else if options.startAtEnd {
      offset = size
      var last: UInt8 = 0
      let got = withUnsafeMutableBytes(of: &last) { buf -> Int in
        guard let p = buf.baseAddress else { return 0 }
        return (try? PosixFile.read(s.file.fd, into: p, count: 1, at: size - 1).get()) ?? 0
      }
      countRead(s, got)
      // Started inside a line being written: drop its rest rather than deliver a fragment.
      if got == 1 && last != UInt8(ascii: "\n") { skip = .resync }
    }
    if offset == 0 { return StartPosition(offset: 0, skip: .none, lineNumber: 0, exact: true) }
    if options.countSkippedLines, let lines = countNewlines(s, upTo: offset) {
      return StartPosition(offset: offset, skip: skip, lineNumber: lines, exact: true)
    }
    return StartPosition(offset: offset, skip: skip, lineNumber: 0, exact: false)
  }

  /// The timestamp of the newest complete line of the file that has one,
  /// probing only the last `readChunkBytes`: lines without a readable
  /// timestamp (a malformed line appended last) are stepped over, as
  /// ``seekSince(_:size:since:probe:)`` steps over them going back; `nil`
  /// when no complete line in that tail has one.
  func lastLineTimestamp(
    _ s: TailSource, size: Int64, probe: (UnsafeRawBufferPointer) -> Timestamp?
  ) -> Timestamp? {
    let from = max(0, size - Int64(chunk.count))
    guard let tail = readRange(s, from: from, to: size) else { return nil }
    return tail.withUnsafeBytes { buf -> Timestamp? in
      // A complete line ends at a newline and starts after the one before.
      guard var end = buf.lastIndex(of: UInt8(ascii: "\n")) else { return nil }
      while true {
        let previous = buf[..<end].lastIndex(of: UInt8(ascii: "\n"))
        let start = previous.map { $0 + 1 } ?? 0
        // A line cut by the start of the tail (not the file's) is not probed.
        if start == 0 && from > 0 { return nil }
        if let ts = probe(UnsafeRawBufferPointer(rebasing: buf[start..<end])) { return ts }
        guard let p = previous else { return nil }
        end = p
      }
    }
  }

  func countRead(_ s: TailSource, _ n: Int) {
    s.bytesRead += Int64(n)
    bytesRead += Int64(n)
  }

  /// The start of the first line at or after `since`, found by stepping back
  /// from the end one `readChunkBytes` at a time and probing the first
  /// complete line after each step, until a line older than `since` (or the
  /// start of the file) is found; then lines are probed forward from that old
  /// line to the first one at or after `since`. Reads a few KiB per step, not
  /// the chunks themselves; lines without a timestamp are stepped over going
  /// back and stop the forward refinement (they are delivered).
  func seekSince(
    _ s: TailSource, size: Int64, since: Timestamp,
    probe: (UnsafeRawBufferPointer) -> Timestamp?
  ) -> Int64 {
    let step = Int64(chunk.count)
    var upper = size  // start of the oldest line known to be at or after `since`, or EOF
    var c = size - step
    while true {
      c = max(0, c)
      let lineStart: Int64? = c == 0 ? 0 : scanNewline(s, from: c - 1, limit: upper).map { $0 + 1 }
      if let ls = lineStart, ls < upper, let nl = scanNewline(s, from: ls, limit: upper),
        let line = readRange(s, from: ls, to: nl)
      {
        if let ts = line.withUnsafeBytes({ probe($0) }) {
          if ts < since { return refineForward(s, from: ls, to: upper, since: since, probe: probe) }
          upper = ls
        }
      }
      if c == 0 { return 0 }
      c -= step
    }
  }

  /// From `from` (a line start older than `since`) to `to` (a line start or
  /// EOF), the start of the first line whose timestamp is at or after `since`
  /// or cannot be told; `to` if none.
  func refineForward(
    _ s: TailSource, from: Int64, to: Int64, since: Timestamp,
    probe: (UnsafeRawBufferPointer) -> Timestamp?
  ) -> Int64 {
    guard to - from <= Int64(chunk.count + options.maxLineBytes),
      let window = readRange(s, from: from, to: to)
    else { return from }
    return window.withUnsafeBytes { buf -> Int64 in
      guard let base = buf.baseAddress else { return to }
      var p = 0
      while p < buf.count {
        guard let nl = PosixFile.newline(in: base, from: p, count: buf.count) else {
          return from + Int64(p)  // unterminated last line: start there
        }
        guard let ts = probe(UnsafeRawBufferPointer(start: base + p, count: nl - p)), ts < since else {
          return from + Int64(p)
        }
        p = nl + 1
      }
      return to
    }
  }

  /// The offset of the first `\n` in `[from, limit)`, reading 4 KiB windows
  /// into the shared chunk; `nil` if none within `maxLineBytes + 1` bytes.
  func scanNewline(_ s: TailSource, from: Int64, limit: Int64) -> Int64? {
    guard let base = chunk.baseAddress else { return nil }
    let window = min(4096, chunk.count)
    var pos = from
    while pos < limit && pos - from <= Int64(options.maxLineBytes) {
      let want = Int(min(Int64(window), limit - pos))
      guard let n = try? PosixFile.read(s.file.fd, into: base, count: want, at: pos).get(), n > 0 else {
        return nil
      }
      countRead(s, n)
      if let i = PosixFile.newline(in: base, from: 0, count: n) { return pos + Int64(i) }
      pos += Int64(n)
    }
    return nil
  }

  /// The bytes `[from, to)` of the file, or `nil` on a read error or short read.
  func readRange(_ s: TailSource, from: Int64, to: Int64) -> [UInt8]? {
    let count = Int(to - from)
    guard count >= 0 else { return nil }
    var out = [UInt8](repeating: 0, count: count)
    var done = 0
    let ok = out.withUnsafeMutableBytes { buf -> Bool in
      guard let base = buf.baseAddress else { return count == 0 }
      while done < count {
        guard
          let n = try? PosixFile.read(
            s.file.fd, into: base + done, count: count - done, at: from + Int64(done)
          )
          .get(), n > 0
        else { return false }
        done += n
      }
      return true
    }
    countRead(s, done)
    return ok ? out : nil
  }

  /// The number of `\n` bytes in `[0, end)`, counted chunk by chunk with
  /// `memchr(3)`; `nil` on a read error.
  func countNewlines(_ s: TailSource, upTo end: Int64) -> Int? {
    guard let base = chunk.baseAddress else { return nil }
    var pos: Int64 = 0
    var lines = 0
    while pos < end {
      let want = Int(min(Int64(chunk.count), end - pos))
      guard let n = try? PosixFile.read(s.file.fd, into: base, count: want, at: pos).get(), n > 0 else {
        return nil
      }
      countRead(s, n)
      var i = 0
      while let nl = PosixFile.newline(in: base, from: i, count: n) {
        lines += 1
        i = nl + 1
      }
      pos += Int64(n)
    }
    return lines
  }
}
