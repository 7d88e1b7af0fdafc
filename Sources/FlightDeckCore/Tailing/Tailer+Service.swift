extension Tailer {
  /// Checks one source: opens it, detects rotation or truncation, reads.
  /// - Returns: `true` when the per-poll budget stopped the read.
  func service(_ s: TailSource, _ emit: (TailEvent) -> Void) -> Bool {
    guard s.fd >= 0 else { return openIfPresent(s, emit) }
    switch PosixFile.status(path: s.path) {
    case .success(let info) where info.identity == s.identity:
      return followSameFile(s, emit)
    case .success(let info):
      return pathReplaced(s, by: info, emit)
    case .failure(let error) where error.isNotFound:
      return pathGone(s, emit)
    case .failure(let error):
      reportError(s, "stat failed: \(error)", emit)
      return readAvailable(s, emit)
    }
  }

  /// Same file as before: restart at 0 if it shrank below our offset, then read.
  func followSameFile(_ s: TailSource, _ emit: (TailEvent) -> Void) -> Bool {
    switch PosixFile.status(fd: s.fd) {
    case .failure(let error):
      reportError(s, "fstat failed: \(error)", emit)
      s.state = .failing
      return false
    case .success(let info) where info.size < s.offset:
      let wasAt = s.offset
      dropFragment(s, emit)
      s.resetToStart()
      s.rotations += 1
      let detail = "truncated to \(info.size) bytes (had read \(wasAt)), restarted at 0"
      s.detail = detail
      emit(.truncated(sourcePath: s.path, detail: detail))
      return readAvailable(s, emit)
    case .success:
      return readAvailable(s, emit)
    }
  }

  /// The path names another file now: drain the old one (or hand it to the
  /// source that follows its new name), then open the new one at 0.
  func pathReplaced(_ s: TailSource, by info: PosixFile.Info, _ emit: (TailEvent) -> Void) -> Bool {
    let old = s.identity.map(\.description) ?? "?"
    if let target = handOverTarget(for: s) {
      handOver(s, to: target)
      let detail = "replaced (inode \(old) → \(info.identity)); old file followed as \(target.path)"
      noteRotation(s, detail, emit)
      emit(.opened(sourcePath: target.path, offset: target.offset, lineNumbersExact: target.lineNumbersExact))
      if readAvailable(target, emit) { return true }
    } else {
      if readAvailable(s, emit) { return true }
      dropFragment(s, emit)
      let end = s.offset
      closeSource(s)
      noteRotation(
        s,
        "replaced (inode \(old) → \(info.identity)); old file read to its end (\(end) bytes), "
          + "new file opened at 0", emit)
    }
    return openIfPresent(s, emit)
  }

  /// The path is gone: hand the file to its new name if followed, else keep
  /// draining it while it still has links, and close it once deleted.
  func pathGone(_ s: TailSource, _ emit: (TailEvent) -> Void) -> Bool {
    if let target = handOverTarget(for: s) {
      handOver(s, to: target)
      noteRotation(s, "renamed; old file followed as \(target.path)", emit)
      emit(.opened(sourcePath: target.path, offset: target.offset, lineNumbersExact: target.lineNumbersExact))
      enterWaiting(s, emit)
      return readAvailable(target, emit)
    }
    if readAvailable(s, emit) { return true }
    if case .success(let info) = PosixFile.status(fd: s.fd), info.links > 0 {
      s.detail = "path gone; still reading the renamed file until a new one appears"
      return false
    }
    dropFragment(s, emit)
    let end = s.offset
    closeSource(s)
    s.detail = "deleted; read to its end (\(end) bytes)"
    enterWaiting(s, emit)
    return false
  }

  /// A closed source whose path now names the file `s` has open (it was
  /// renamed into another followed path).
  func handOverTarget(for s: TailSource) -> TailSource? {
    guard let identity = s.identity else { return nil }
    for t in sources where t !== s && t.fd < 0 {
      if case .success(let info) = PosixFile.status(path: t.path), info.identity == identity {
        return t
      }
    }
    return nil
  }

  /// Moves the open file and its line state from `s` to `t`.
  func handOver(_ s: TailSource, to t: TailSource) {
    t.fd = s.fd
    t.identity = s.identity
    t.offset = s.offset
    t.lineNumber = s.lineNumber
    t.lineNumbersExact = s.lineNumbersExact
    t.pending = s.pending
    t.skip = s.skip
    t.usesStartPolicy = false
    t.state = .following
    t.reportedWaiting = false
    t.lastError = nil
    t.detail = "renamed from \(s.path); continuing at byte \(s.offset)"
    s.fd = -1
    s.identity = nil
    s.resetToStart()
  }

  func noteRotation(_ s: TailSource, _ detail: String, _ emit: (TailEvent) -> Void) {
    s.rotations += 1
    s.detail = detail
    emit(.rotated(sourcePath: s.path, detail: detail))
  }

  func closeSource(_ s: TailSource) {
    PosixFile.close(s.fd)
    s.fd = -1
    s.identity = nil
    s.resetToStart()
  }

  func enterWaiting(_ s: TailSource, _ emit: (TailEvent) -> Void) {
    s.state = .waiting
    s.usesStartPolicy = false
    if !s.reportedWaiting {
      s.reportedWaiting = true
      emit(.waiting(sourcePath: s.path))
    }
  }

  /// Opens the source's path if it exists and is a regular file, positions it
  /// and reads.
  func openIfPresent(_ s: TailSource, _ emit: (TailEvent) -> Void) -> Bool {
    switch PosixFile.status(path: s.path) {
    case .failure(let error) where error.isNotFound:
      enterWaiting(s, emit)
      return false
    case .failure(let error):
      reportError(s, "stat failed: \(error)", emit)
      s.state = .failing
      return false
    case .success(let info) where info.kind != .regular:
      reportError(s, "not a regular file", emit)
      s.state = .failing
      return false
    case .success(let info):
      if let other = sources.first(where: { $0 !== s && $0.fd >= 0 && $0.identity == info.identity }) {
        // Same file as one already open (a hard link, or a rename seen before
        // the old name's rotation): not read twice.
        s.state = .waiting
        s.detail = "same file as \(other.path)"
        return false
      }
    }
    let fd: Int32
    switch PosixFile.openForReading(s.path) {
    case .failure(let error):
      if error.isNotFound {
        enterWaiting(s, emit)
      } else {
        reportError(s, "open failed: \(error)", emit)
        s.state = .failing
      }
      return false
    case .success(let opened): fd = opened
    }
    guard case .success(let info) = PosixFile.status(fd: fd) else {
      PosixFile.close(fd)
      reportError(s, "fstat failed after open", emit)
      s.state = .failing
      return false
    }
    s.fd = fd
    s.identity = info.identity
    s.resetToStart()
    if s.usesStartPolicy {
      let start = startPosition(s, size: info.size)
      s.offset = start.offset
      s.skip = start.skip
      s.lineNumber = start.lineNumber
      s.lineNumbersExact = start.exact
    }
    s.usesStartPolicy = false
    s.state = .following
    s.lastError = nil
    s.reportedWaiting = false
    s.detail = "following from byte \(s.offset)"
    emit(.opened(sourcePath: s.path, offset: s.offset, lineNumbersExact: s.lineNumbersExact))
    return readAvailable(s, emit)
  }

  /// Reports an error once per distinct message in a row.
  func reportError(_ s: TailSource, _ message: String, _ emit: (TailEvent) -> Void) {
    s.detail = message
    if s.lastError != message {
      s.lastError = message
      emit(.readError(sourcePath: s.path, message: message))
    }
  }
}
