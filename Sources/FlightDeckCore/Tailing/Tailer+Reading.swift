extension Tailer {
  /// Reads the source from its offset to the end of file (or until this
  /// poll's budget is used) and splits what it reads into lines.
  /// - Returns: `true` when the budget stopped the read before end of file.
  func readAvailable(_ s: TailSource, _ emit: (TailEvent) -> Void) -> Bool {
    guard s.file.fd >= 0, let base = chunk.baseAddress else { return false }
    let budget = options.maxBytesPerPoll
    var readNow = 0
    while true {
      if readNow >= budget { return true }
      switch PosixFile.read(s.file.fd, into: base, count: chunk.count, at: s.file.offset) {
      case .failure(let error):
        reportError(s, "read failed at byte \(s.file.offset): \(error)", emit)
        s.state = .failing
        return false
      case .success(let n):
        if s.state == .failing {
          s.state = .following
          s.lastError = nil
        }
        if n == 0 { return false }
        s.file.offset += Int64(n)
        s.bytesRead += Int64(n)
        bytesRead += Int64(n)
        readNow += n
        consume(s, UnsafeRawBufferPointer(start: base, count: n), emit)
      }
    }
  }

  /// Splits freshly read bytes into lines, joining them with the held partial
  /// line, skipping oversized ones without buffering them.
  func consume(_ s: TailSource, _ bytes: UnsafeRawBufferPointer, _ emit: (TailEvent) -> Void) {
    guard let base = bytes.baseAddress else { return }
    let count = bytes.count
    let maxLine = options.maxLineBytes
    var start = 0
    while start < count {
      guard let nl = PosixFile.newline(in: base, from: start, count: count) else {
        // No newline: the rest is the start (or middle) of a line.
        let tail = count - start
        switch s.file.skip {
        case .resync: break
        case .oversized(let seen): s.file.skip = .oversized(bytes: seen + tail)
        case .flushedContinuation(let seen): s.file.skip = .flushedContinuation(bytes: seen + tail)
        case .none:
          if s.file.pending.count + tail > maxLine {
            s.file.skip = .oversized(bytes: s.file.pending.count + tail)
            s.file.pending = []
          } else {
            s.file.pending.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: tail))
          }
        }
        return
      }
      let segment = UnsafeRawBufferPointer(start: base + start, count: nl - start)
      switch s.file.skip {
      case .resync:
        s.file.skip = .none
        if s.file.lineNumbersExact { s.file.lineNumber += 1 }
      case .oversized(let seen):
        s.file.skip = .none
        reportOversized(s, seen + segment.count, emit)
      case .flushedContinuation(let seen):
        // The rest of the line delivered by an idle flush: never a line. A
        // lone `\r` (the CR of a late CRLF) is not a fragment.
        s.file.skip = .none
        var total = seen + segment.count
        if segment.last == UInt8(ascii: "\r") { total -= 1 }
        if total > 0 {
          emit(.incomplete(sourcePath: s.path, lineNumber: s.file.lineNumber, byteCount: total))
        }
      case .none:
        if s.file.pending.isEmpty {
          if segment.count > maxLine {
            reportOversized(s, segment.count, emit)
          } else {
            deliver(s, segment, emit)
          }
        } else if s.file.pending.count + segment.count > maxLine {
          let total = s.file.pending.count + segment.count
          s.file.pending.removeAll(keepingCapacity: true)
          reportOversized(s, total, emit)
        } else {
          s.file.pending.append(contentsOf: segment)
          s.file.pending.withUnsafeBytes { deliver(s, $0, emit) }
          s.file.pending.removeAll(keepingCapacity: true)
        }
      }
      start = nl + 1
    }
  }

  /// Delivers one complete line, minus a trailing `\r`.
  func deliver(_ s: TailSource, _ line: UnsafeRawBufferPointer, _ emit: (TailEvent) -> Void) {
    s.file.lineNumber += 1
    var bytes = line
    if let last = bytes.last, last == UInt8(ascii: "\r") {
      bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast())
    }
    emit(.line(sourcePath: s.path, lineNumber: s.file.lineNumber, bytes: bytes))
  }

  func reportOversized(_ s: TailSource, _ byteCount: Int, _ emit: (TailEvent) -> Void) {
    s.file.lineNumber += 1
    s.oversizedLines += 1
    emit(.oversized(sourcePath: s.path, lineNumber: s.file.lineNumber, byteCount: byteCount))
  }

  /// Drops a held partial line before a truncation or rotation, reporting it.
  func dropFragment(_ s: TailSource, _ emit: (TailEvent) -> Void) {
    switch s.file.skip {
    case .oversized(let seen):
      s.file.lineNumber += 1
      emit(.incomplete(sourcePath: s.path, lineNumber: s.file.lineNumber, byteCount: seen))
    case .none where !s.file.pending.isEmpty:
      s.file.lineNumber += 1
      emit(.incomplete(sourcePath: s.path, lineNumber: s.file.lineNumber, byteCount: s.file.pending.count))
    case .flushedContinuation(let seen) where seen > 0:
      emit(.incomplete(sourcePath: s.path, lineNumber: s.file.lineNumber, byteCount: seen))
    case .none, .resync, .flushedContinuation: break
    }
    s.file.pending = []
    s.file.skip = .none
  }

  /// At the end of a batch read: the final line without a newline is a line
  /// (an unterminated continuation of an idle-flushed line is a fragment).
  func flushFinal(_ s: TailSource, _ emit: (TailEvent) -> Void) {
    switch s.file.skip {
    case .oversized(let seen): reportOversized(s, seen, emit)
    case .none where !s.file.pending.isEmpty:
      s.file.pending.withUnsafeBytes { deliver(s, $0, emit) }
    case .flushedContinuation(let seen) where seen > 0:
      emit(.incomplete(sourcePath: s.path, lineNumber: s.file.lineNumber, byteCount: seen))
    case .none, .resync, .flushedContinuation: break
    }
    s.file.pending = []
    s.file.skip = .none
  }

  /// ``TailerOptions/idleFlushPolls``: after a poll of `s`, counts a quiet
  /// poll while a partial line is held and the source did not grow
  /// (`grew == false`); at the limit, delivers the held line (or reports the
  /// held oversized one) and remembers it, so that bytes appended to the same
  /// line before a newline are dropped as a fragment.
  func idleFlush(_ s: TailSource, grew: Bool, _ emit: (TailEvent) -> Void) {
    guard let limit = options.idleFlushPolls, s.file.fd >= 0 else { return }
    let holding: Bool
    switch s.file.skip {
    case .none: holding = !s.file.pending.isEmpty
    case .oversized: holding = true
    case .resync, .flushedContinuation: holding = false
    }
    guard holding, !grew else {
      s.file.quietPolls = 0
      return
    }
    s.file.quietPolls += 1
    guard s.file.quietPolls >= limit else { return }
    s.file.quietPolls = 0
    flushFinal(s, emit)
    s.file.skip = .flushedContinuation(bytes: 0)
    s.detail =
      "line \(s.file.lineNumber) taken without its newline after \(limit) quiet polls; "
      + "more bytes on that line will be skipped"
  }
}
