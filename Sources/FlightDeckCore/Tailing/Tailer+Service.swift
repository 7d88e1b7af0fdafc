extension Tailer {
  /// Checks one source after ``reconcile(_:)``: opens its path if no file is
  /// open, else checks the open file for truncation or rewriting, and reads.
  /// - Returns: `true` when the per-poll budget stopped the read.
  func service(_ s: TailSource, _ emit: (TailEvent) -> Void) -> Bool {
    if !s.file.isOpen, s.parked != nil { return unpark(s, emit) }
    guard s.file.isOpen else { return openIfPresent(s, emit) }
    switch PosixFile.status(path: s.path) {
    case .success(let info) where info.identity == s.file.identity:
      return followSameFile(s, emit)
    default:
      // Renamed away or replaced since ``reconcile(_:)`` (or a stat error,
      // already reported): read what is there; the next poll sorts it out.
      return readAvailable(s, emit)
    }
  }

  /// Same file as before: restart at 0 if it shrank below our offset or its
  /// first bytes changed, then read.
  func followSameFile(_ s: TailSource, _ emit: (TailEvent) -> Void) -> Bool {
    let f = s.file
    switch PosixFile.status(fd: f.fd) {
    case .failure(let error):
      reportError(s, "fstat failed: \(error)", emit)
      s.state = .failing
      return false
    case .success(let info) where info.size < f.offset:
      restartIncarnation(
        s, "truncated to \(info.size) bytes (had read \(f.offset)), restarted at 0", size: info.size, emit)
      return readAvailable(s, emit)
    case .success(let info):
      if info.size != f.checkedSize
        || f.fingerprint.head.count < min(Int64(options.fingerprintBytes), info.size)
      {
        let head = readHead(f.fd, size: info.size)
        if !head.extends(f.fingerprint) {
          restartIncarnation(
            s,
            "first bytes changed (rewritten in place past the read offset \(f.offset), or a reused inode), "
              + "restarted at 0", size: info.size, emit)
          return readAvailable(s, emit)
        }
        f.fingerprint = head
        f.checkedSize = info.size
      }
      return readAvailable(s, emit)
    }
  }

  /// The same inode holds a new incarnation (truncated, or rewritten): the old
  /// one is remembered as a checkpoint (a copy of it may appear), its held
  /// partial line dropped, and reading restarts at byte 0.
  func restartIncarnation(_ s: TailSource, _ detail: String, size: Int64, _ emit: (TailEvent) -> Void) {
    remember(s.file)
    dropFragment(s, emit)
    s.file.resetToStart()
    s.file.fingerprint = readHead(s.file.fd, size: size)
    s.file.checkedSize = size
    s.rotations += 1
    s.detail = detail
    emit(.truncated(sourcePath: s.path, detail: detail))
  }

  /// Before sources are read: every open file whose path now names another
  /// file, or nothing, is taken from its source; each such file continues,
  /// at its offset, under the followed path that names it now (a rename inside
  /// the followed set: `mv app.jsonl app.jsonl.1`, and every numbered
  /// generation at once); a file no followed path names is read to its end
  /// and closed (or, while its path is missing and it still has links, kept
  /// and drained). Taking all displaced files first and then giving them out
  /// is what lets `app.jsonl.1` take the file that was `app.jsonl` while it
  /// gives its own to `app.jsonl.2`.
  /// - Returns: `true` when the per-poll budget stopped a read.
  func reconcile(_ emit: (TailEvent) -> Void) -> Bool {
    var displaced: [(source: TailSource, file: TailFile, now: FileIdentity?)] = []
    for s in sources where s.file.isOpen {
      switch PosixFile.status(path: s.path) {
      case .success(let info) where info.identity == s.file.identity: continue
      case .success(let info): displaced.append((s, s.file, info.identity))
      case .failure(let error) where error.isNotFound: displaced.append((s, s.file, nil))
      case .failure(let error):
        reportError(s, "stat failed: \(error)", emit)
        continue
      }
      s.file = TailFile()
    }
    // Where each file is followed now: a source (closed now) whose path
    // names it; each path stat-ed once, the first source naming a file wins.
    var closedByIdentity: [FileIdentity: TailSource] = [:]
    for t in sources where !t.file.isOpen {
      if case .success(let info) = PosixFile.status(path: t.path), closedByIdentity[info.identity] == nil {
        closedByIdentity[info.identity] = t
      }
    }
    let targets: [TailSource?] = displaced.map { d in
      d.file.identity.flatMap { closedByIdentity.removeValue(forKey: $0) }.flatMap {
        $0 === d.source ? nil : $0
      }
    }
    var backlog = false
    // Files no followed path names any more, first (their source may be given
    // another file below): read to the end and closed, or, while the path is
    // missing and the file still linked, kept and drained.
    for ((s, f, now), target) in zip(displaced, targets) where target == nil {
      let old = f.identity.map(\.description) ?? "?"
      s.file = f
      if let now {
        // The path names another file: this one is finished here.
        while readAvailable(s, emit) {}
        let end = f.offset
        remember(f)
        dropFragment(s, emit)
        closeSource(s)
        noteRotation(s, "replaced (inode \(old) → \(now)); old file read to its end (\(end) bytes)", emit)
        continue
      }
      if readAvailable(s, emit) {
        backlog = true
        continue
      }
      if case .success(let info) = PosixFile.status(fd: f.fd), info.links > 0 {
        s.detail = "path gone; still reading the renamed file until a new one appears"
        continue
      }
      let end = f.offset
      remember(f)
      dropFragment(s, emit)
      closeSource(s)
      s.detail = "deleted; read to its end (\(end) bytes)"
      enterWaiting(s, emit)
    }
    // Files renamed within the followed set: they continue under their new name.
    for ((s, f, now), target) in zip(displaced, targets) {
      guard let t = target else { continue }
      let old = f.identity.map(\.description) ?? "?"
      t.file = f
      t.usesStartPolicy = false
      t.state = .following
      t.reportedWaiting = false
      t.lastError = nil
      t.detail = "renamed from \(s.path); continuing at byte \(f.offset)"
      let detail =
        now.map { "replaced (inode \(old) → \($0)); old file followed as \(t.path)" }
        ?? "renamed; old file followed as \(t.path)"
      noteRotation(s, detail, emit)
      emit(.opened(sourcePath: t.path, offset: f.offset, lineNumbersExact: f.lineNumbersExact))
      if now == nil { enterWaiting(s, emit) }
      if readAvailable(t, emit) { backlog = true }
    }
    return backlog
  }

  /// Remembers an incarnation that ends (closed, truncated or rewritten) as a
  /// checkpoint: its identity, first bytes and line state, without its
  /// descriptor. At most ``checkpointLimit`` are kept, oldest dropped first.
  func remember(_ f: TailFile) {
    guard f.identity != nil else { return }
    checkpoints.append(f.lineStateCopy())
    if checkpoints.count > Tailer.checkpointLimit {
      checkpoints.removeFirst(checkpoints.count - Tailer.checkpointLimit)
    }
  }

  /// The first ``TailerOptions/fingerprintBytes`` bytes of the open file (all
  /// of them when it is shorter, fewer after a short read). Not counted in
  /// ``bytesRead``.
  func readHead(_ fd: Int32, size: Int64) -> FileFingerprint {
    let want = Int(min(Int64(options.fingerprintBytes), max(0, size)))
    guard want > 0 else { return FileFingerprint(head: []) }
    var head = [UInt8](repeating: 0, count: want)
    var done = 0
    head.withUnsafeMutableBytes { buf in
      guard let base = buf.baseAddress else { return }
      while done < want {
        guard let n = try? PosixFile.read(fd, into: base + done, count: want - done, at: Int64(done)).get(),
          n > 0
        else { return }
        done += n
      }
    }
    return FileFingerprint(head: Array(head.prefix(done)))
  }

  /// Where a file opened after the first poll starts: a checkpoint of the
  /// same (device, inode) whose first bytes it still starts with (a file
  /// renamed out of the followed set and back); else, when its first bytes
  /// fill the whole fingerprint, an open file or checkpoint with exactly
  /// those first bytes (a copy: copytruncate's); else byte 0. A checkpoint
  /// of the same inode with other first bytes (a reused inode) is dropped.
  /// - Returns: the line state to continue from and what it is, or `nil` to
  ///   start at 0.
  func resumeState(identity: FileIdentity, head: FileFingerprint, size: Int64, besides s: TailSource)
    -> (state: TailFile, origin: String, copyOf: TailFile?)?
  {
    if let i = checkpoints.lastIndex(where: { $0.identity == identity }) {
      let cp = checkpoints.remove(at: i)
      if head.extends(cp.fingerprint) && size >= cp.offset { return (cp, "seen before", nil) }
    }
    guard head.isComplete(length: options.fingerprintBytes) else { return nil }
    if let original = sources.first(where: {
      $0 !== s && $0.file.isOpen && $0.file.identity != identity && $0.file.fingerprint == head
    }) {
      return (original.file.lineStateCopy(), "a copy of \(original.path)", original.file)
    }
    if let i = checkpoints.lastIndex(where: { $0.fingerprint == head }) {
      let cp = checkpoints.remove(at: i)
      return (cp, "a copy of a file read before", nil)
    }
    return nil
  }

  func noteRotation(_ s: TailSource, _ detail: String, _ emit: (TailEvent) -> Void) {
    s.rotations += 1
    s.detail = detail
    emit(.rotated(sourcePath: s.path, detail: detail))
  }

  func closeSource(_ s: TailSource) {
    PosixFile.close(s.file.fd)
    s.file = TailFile()
  }

  /// Closes the descriptors of up to `count` open files idle for at least
  /// ``TailerOptions/idleClosePolls`` polls, longest idle first, that hold
  /// no partial line: each keeps its read state (``TailSource/parked``) and
  /// is opened again by ``unpark(_:_:)`` when it changes. Frees descriptors
  /// for the files that wait for one.
  func parkIdleFiles(upTo count: Int) {
    let idle = sources.filter { s in
      s.file.isOpen && s.idlePolls >= options.idleClosePolls && s.file.pending.isEmpty
        && s.file.skip == .none
    }
    // Longest idle first; among equals, in discovery order.
    let order = idle.enumerated().sorted { a, b in
      a.element.idlePolls != b.element.idlePolls
        ? a.element.idlePolls > b.element.idlePolls : a.offset < b.offset
    }
    for s in order.prefix(count).map(\.element) {
      let f = s.file
      PosixFile.close(f.fd)
      f.fd = -1
      s.parked = f
      s.file = TailFile()
      s.detail = "idle: descriptor closed, reopened when the file changes"
    }
  }

  /// A parked source (``parkIdleFiles(upTo:)``): while its path names the
  /// same file at the same size, nothing happens (one `stat(2)` per poll);
  /// when the size changed, the file is opened again and read on from its
  /// offset (``followSameFile(_:_:)`` checks its first bytes, as for any
  /// file that changed size); when the path names another file or none, the
  /// parked incarnation ends (kept as a checkpoint) and the path is opened as new.
  func unpark(_ s: TailSource, _ emit: (TailEvent) -> Void) -> Bool {
    guard let f = s.parked else { return false }
    if case .success(let info) = PosixFile.status(path: s.path), info.identity == f.identity {
      guard info.size != f.checkedSize else { return false }
      if let budget = openFileBudget, openCount >= budget {
        sourcesOverOpenFileLimit += 1
        return false
      }
      if case .success(let fd) = PosixFile.openForReading(s.path) {
        if case .success(let opened) = PosixFile.status(fd: fd), opened.identity == f.identity {
          openCount += 1
          f.fd = fd
          s.file = f
          s.parked = nil
          s.detail = "reopened on change, continuing at byte \(f.offset)"
          return followSameFile(s, emit)
        }
        PosixFile.close(fd)
      }
    }
    s.parked = nil
    remember(f)
    return openIfPresent(s, emit)
  }

  /// The source cannot be opened now without going over the open-file
  /// `limit`: it waits (retried every poll) and is counted in
  /// ``sourcesOverOpenFileLimit``.
  func refuseOverOpenFileLimit(_ s: TailSource, limit: Int) {
    s.state = .waiting
    s.detail = "not opened: open-file limit (\(limit) files)"
    sourcesOverOpenFileLimit += 1
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
  /// (start-up policy at the first poll, else ``resumeState(identity:head:size:besides:)``
  /// or byte 0) and reads.
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
      reportError(s, "not a regular file (a \(info.kindName ?? "special file"))", emit)
      s.state = .failing
      return false
    case .success(let info):
      // Over the budget nothing is opened (and the open files are not
      // searched for this one: that search is O(files) per waiting file).
      if let budget = openFileBudget, openCount >= budget {
        refuseOverOpenFileLimit(s, limit: budget)
        return false
      }
      if let other = sources.first(where: { $0 !== s && $0.file.isOpen && $0.file.identity == info.identity })
      {
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
      } else if error.isOutOfDescriptors {
        refuseOverOpenFileLimit(s, limit: OpenFileLimit.soft ?? openCount)
      } else {
        reportError(s, "open failed: \(error.readProblem)", emit)
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
    openCount += 1
    let f = TailFile()
    f.fd = fd
    f.identity = info.identity
    f.fingerprint = readHead(fd, size: info.size)
    f.checkedSize = info.size
    s.file = f
    var copyOf: TailFile?
    var origin: String?
    if s.usesStartPolicy {
      let start = startPosition(s, size: info.size)
      f.offset = start.offset
      f.skip = start.skip
      f.lineNumber = start.lineNumber
      f.lineNumbersExact = start.exact
    } else if let resumed = resumeState(
      identity: info.identity, head: f.fingerprint, size: info.size, besides: s)
    {
      f.adoptLineState(of: resumed.state)
      if f.offset > info.size {
        // A copy shorter than what was read of the original: all of it was read.
        f.offset = info.size
        f.pending = []
        f.skip = .resync
        f.lineNumbersExact = false
      }
      copyOf = resumed.copyOf
      origin = resumed.origin
    }
    s.usesStartPolicy = false
    s.state = .following
    s.lastError = nil
    s.reportedWaiting = false
    s.detail = origin.map { "\($0); continuing at byte \(f.offset)" } ?? "following from byte \(f.offset)"
    emit(.opened(sourcePath: s.path, offset: f.offset, lineNumbersExact: f.lineNumbersExact))
    let backlog = readAvailable(s, emit)
    if let original = copyOf, original.isOpen, f.offset > original.offset,
      case .success(let now) = PosixFile.status(fd: original.fd), now.size >= f.offset
    {
      // The copy's bytes beyond what was read of the original are the
      // original's too (not yet truncated): read them once, here.
      original.adoptLineState(of: f)
    }
    return backlog
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
