/// Follows telemetry files and hands complete lines to the engine.
///
/// A `Tailer` is synchronous and pollable: it owns no thread and no timer. The
/// engine's run-loop thread calls ``poll(_:)`` every
/// ``TailerOptions/pollIntervalMs`` (≤ 250 ms); each call checks every source
/// with `stat(2)`/`fstat(2)`, reads what was appended with `pread(2)` in
/// ``TailerOptions/readChunkBytes`` pieces and reports what happened as
/// ``TailEvent`` values. Batch commands call ``finish(_:)``, which reads
/// everything to the end once and also delivers a final line that lacks its
/// newline. The class is not `Sendable`: confine it to one thread.
///
/// ## Sources
///
/// Each pattern given to ``init(patterns:options:)`` is, re-evaluated on every poll:
/// - an existing **directory**: every regular file directly in it (not
///   recursive) whose name looks like telemetry
///   (``TelemetryFileName/isTelemetry(_:)``: `*.jsonl`, `*.json`, `*.ndjson`,
///   `*.log` and their rotations such as `*.jsonl.1`; not hidden files),
///   including files that appear later — the same rule as `flightdeck replay DIR`;
/// - an existing **file**, whatever its name: `req[1].jsonl` is that file,
///   not a pattern (once followed, it stays a file path);
/// - else a **glob** (contains `*`, `?` or `[`), e.g. `logs/*.jsonl`: every
///   regular file it matches (`glob(3)`), including files that appear later;
/// - otherwise a **file path**. A path that does not exist yet is *waiting*
///   (``TailEvent/waiting(sourcePath:)``) and is opened when it appears.
///
/// ``TelemetryPathExpansion`` applies the same rule to command-line arguments.
///
/// Files present at the first poll start where ``TailerOptions`` says
/// (``TailerOptions/since`` with a ``TailerOptions/timestampProbe``: the first
/// line at or after that instant, found by seeking backwards from the end in
/// chunks and probing the first complete line of each; else the end when
/// ``TailerOptions/startAtEnd``; else byte 0). Files that appear later, and
/// files that replace a rotated one, are read from byte 0 unless their
/// identity says they were read before (see "File identity").
///
/// ## Lines
///
/// A line is the bytes up to `\n`, delivered without the `\n` and without a
/// trailing `\r`, as raw bytes (UTF-8 validation is the decoder's job). A
/// partial last line is held until its newline arrives — a fragment is never
/// delivered as a line — unless ``TailerOptions/idleFlushPolls`` is set: then
/// a partial line on a file that stopped growing for that many polls is
/// delivered as a line (a complete file without a final newline), and bytes
/// later appended to that same line are skipped as a fragment and reported as
/// ``TailEvent/incomplete(sourcePath:lineNumber:byteCount:)``. The bytes held
/// per source are shown in its status detail (``pendingBytes(path:)``). Lines longer than ``TailerOptions/maxLineBytes`` are
/// skipped without being buffered (bytes are discarded up to the next newline)
/// and reported as ``TailEvent/oversized(sourcePath:lineNumber:byteCount:)``;
/// reading goes on with the next line. Memory per source is bounded by
/// `maxLineBytes` for the held line plus one shared `readChunkBytes` buffer.
///
/// ## File identity
///
/// A file is known by its (device, inode) (``FileIdentity``, the test GNU
/// `tail -F` uses) plus a ``FileFingerprint``: its first
/// ``TailerOptions/fingerprintBytes`` bytes (256), as Vector's `checksum`
/// fingerprinter and Fluent Bit's inode + offset database do. The read state —
/// offset, line number, held partial line — belongs to the file, not to the
/// name it is followed under, and each byte of a file is read once:
///
/// - Before reading, every poll first takes each open file whose path now
///   names another file (or nothing) from its path, then gives it to the
///   followed path that names it now, where reading **continues at its
///   offset**. Taking all such files before giving any out is what makes
///   numbered generations work inside a followed folder: after
///   `mv app.jsonl.1 app.jsonl.2; mv app.jsonl app.jsonl.1; touch app.jsonl`
///   `app.jsonl.2` continues the old `.1`, `app.jsonl.1` continues the old
///   `app.jsonl`, and only the new `app.jsonl` is read from 0.
/// - A file whose first bytes no longer start with its fingerprint is a new
///   file in the same inode (a reused inode, or a file truncated and
///   rewritten past the read offset between two polls): it is read from byte
///   0 and ``TailEvent/truncated(sourcePath:detail:)`` says "first bytes
///   changed". A file shorter than the fingerprint is identified by the
///   bytes it has and re-fingerprinted as it grows, so appends to a short
///   file are never mistaken for a new one.
/// - When a file's incarnation ends (deleted, renamed out of the followed
///   files, truncated, rewritten), its identity, fingerprint and line state
///   are kept as a checkpoint (the last 256). A file that appears later with
///   that (device, inode) and first bytes (renamed back in) continues from the
///   checkpoint; with that inode but other first bytes (the inode was freed
///   and reused) it starts at 0. A file with another inode whose first bytes
///   equal, over all 256 bytes, those of an open file or a checkpoint is a
///   **copy** of it (logrotate `copytruncate`'s `app.jsonl.1`): it continues
///   at the offset read in the original, and if the original is not yet
///   truncated, the original skips what was read from the copy. Two distinct
///   files whose first 256 bytes are identical would be taken for copies;
///   FlightDeck's records start with their timestamp and request id, so they
///   do not.
///
/// ## Rotation and truncation
///
/// The rules follow the two logrotate modes and GNU coreutils `tail -F`
/// (`--follow=name --retry`), which tracks a *name*, not a descriptor:
///
/// - **Rename rotation** (logrotate `create`, the default: the log is renamed,
///   e.g. `app.jsonl` → `app.jsonl.1`, and a new empty file is created under the
///   old name). Detected, as `tail -F` does, by the path's device/inode
///   differing from the open descriptor's. If the renamed file is itself
///   followed (same directory or a matching glob) it continues under its new
///   name, as above. Otherwise the old descriptor is read to its end — the
///   writer may have appended to it after the rename — and the new file is
///   opened at byte 0 with line numbers restarting at 1;
///   ``TailEvent/rotated(sourcePath:detail:)`` is reported (`tail -F`: "has
///   been replaced; following new file"). While the path is missing and the
///   old file still has links, the old descriptor stays open and is drained on
///   every poll; once it has no links (deleted) it is read to its end and
///   closed, and the path is *waiting*.
/// - **Truncation** (logrotate `copytruncate`: the log is copied, then
///   truncated in place; or a shell's `> file`). Detected when the file's size
///   drops below the read offset, or its first bytes change: reading restarts
///   at byte 0, line numbers at 1, and ``TailEvent/truncated(sourcePath:detail:)``
///   says "truncated to N bytes, restarted at 0". A truncation followed by
///   more writes than were read before the next poll is detected by the first
///   bytes when they differ (they do when lines start with a timestamp); if
///   they are the same bytes it is indistinguishable from appending, as with
///   `tail`. copytruncate also loses whatever the writer wrote between the copy
///   and the truncation, which is logrotate's documented caveat, not the
///   tailer's.
///
/// On either event a held partial line of the old contents is dropped and
/// reported as ``TailEvent/incomplete(sourcePath:lineNumber:byteCount:)``.
///
/// ## Errors
///
/// Nothing here crashes or stops the other sources: a failed `open`, `stat` or
/// `read` becomes ``TailEvent/readError(sourcePath:message:)`` (once per
/// distinct message), the source's state becomes `failing`, and it is retried
/// on the next poll.
///
/// ## Example
///
/// ```swift
/// let tailer = Tailer(patterns: ["logs/*.jsonl"], options: TailerOptions(startAtEnd: true))
/// tailer.poll { event in
///   if case .line(let path, let n, let bytes) = event { decode(bytes, path, n) }
/// }
/// ```
public final class Tailer {
  /// The patterns as given.
  public let patterns: [String]
  /// The options, with sizes clamped to sane minimums (`maxLineBytes` ≥ 1,
  /// `readChunkBytes` ≥ 64, `maxBytesPerPoll` ≥ `readChunkBytes`,
  /// `idleFlushPolls` ≥ 1 when set, `fingerprintBytes` ≥ 1).
  public let options: TailerOptions
  /// Total bytes read from all files since creation, including the reads of
  /// the start-up seek and line counting (not the reads of each file's first bytes for its
  /// ``FileFingerprint``). A measure of I/O, for tests and the
  /// header's ingest figures.
  public internal(set) var bytesRead: Int64 = 0

  /// Followed sources, in discovery order.
  var sources: [TailSource] = []
  /// Sources by path.
  var sourcesByPath: [String: TailSource] = [:]
  /// Paths matched by the patterns at the last poll.
  var matchedPaths: Set<String> = []
  /// Ended incarnations (closed, truncated or rewritten files), oldest first,
  /// at most ``checkpointLimit``: see ``resumeState(identity:head:size:besides:)``.
  var checkpoints: [TailFile] = []
  /// The most checkpoints kept.
  static let checkpointLimit = 256
  /// The read buffer shared by all sources (`readChunkBytes`).
  let chunk: UnsafeMutableRawBufferPointer
  var started = false
  var isFinished = false
  /// The most files open at once (``TailerOptions/maxOpenFiles``, else the
  /// process's budget); `nil`: no limit.
  public let openFileBudget: Int?
  /// Files open now, counted at the start of each poll and on every open.
  var openCount = 0
  /// Sources the last poll could not open because of the open-file limit
  /// (``openFileBudget``, or `EMFILE`/`ENFILE` from `open(2)`).
  public internal(set) var sourcesOverOpenFileLimit = 0

  /// Creates a tailer for `patterns` (file paths, globs or directories). No
  /// file is touched until the first ``poll(_:)``.
  public init(patterns: [String], options: TailerOptions = TailerOptions()) {
    var o = options
    o.maxLineBytes = max(1, o.maxLineBytes)
    o.readChunkBytes = max(64, o.readChunkBytes)
    o.maxBytesPerPoll = max(o.readChunkBytes, o.maxBytesPerPoll)
    o.idleFlushPolls = o.idleFlushPolls.map { max(1, $0) }
    o.fingerprintBytes = max(1, o.fingerprintBytes)
    o.idleClosePolls = max(1, o.idleClosePolls)
    self.patterns = patterns
    self.options = o
    self.chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: o.readChunkBytes, alignment: 16)
    self.openFileBudget =
      o.maxOpenFiles.map { max(1, $0) } ?? OpenFileLimit.fileBudget(soft: OpenFileLimit.soft)
  }

  deinit {
    for s in sources { PosixFile.close(s.file.fd) }
    chunk.deallocate()
  }

  /// Checks every source once and reports what happened, in order.
  ///
  /// Reads at most ``TailerOptions/maxBytesPerPoll`` bytes per source. `emit`
  /// is called synchronously; it must not call back into this tailer, and a
  /// ``TailEvent/line(sourcePath:lineNumber:bytes:)`` buffer is valid only
  /// during the call. Does nothing after ``finish(_:)``.
  /// - Returns: `true` when some source stopped at the per-poll budget with
  ///   more bytes to read (poll again soon), else `false`.
  @discardableResult
  public func poll(_ emit: (TailEvent) -> Void) -> Bool {
    guard !isFinished else { return false }
    return pollOnce(emit)
  }

  /// Reads every source to its current end, delivers each final line that
  /// lacks its newline (and reports a final oversized one), then closes all
  /// files and marks read sources `finished`. A source whose last read
  /// failed (EIO, a vanished NFS mount) stays `failing` with its error:
  /// it was not read to its end. For batch commands (read-to-end mode);
  /// later polls do nothing.
  public func finish(_ emit: (TailEvent) -> Void) {
    guard !isFinished else { return }
    while pollOnce(emit) {}
    for s in sources where s.file.isOpen {
      flushFinal(s, emit)
      let end = s.file.offset
      closeSource(s)
      if s.state == .failing { continue }
      s.state = .finished
      s.detail = "read to the end (\(end) bytes)"
    }
    for s in sources where s.parked != nil {
      s.state = .finished
      s.detail = "read to the end (\(s.parked!.offset) bytes)"
    }
    isFinished = true
  }

  /// One status per source, in discovery order. `records` and
  /// `malformedLines` are 0: the engine counts those after decoding.
  public var sourceStatuses: [SourceStatus] { sources.map(\.status) }

  /// Bytes read from the source at `path` (including start-up probing), or
  /// `nil` when no such source is followed.
  public func bytesRead(path: String) -> Int64? { sourcesByPath[path]?.bytesRead }

  /// Bytes of the partial last line held for the source at `path` (waiting
  /// for its newline, or for ``TailerOptions/idleFlushPolls``), or `nil`
  /// when no such source is followed.
  public func pendingBytes(path: String) -> Int? { sourcesByPath[path]?.file.pending.count }

  /// The next byte offset to be read in the source at `path`, or `nil`.
  public func offset(path: String) -> Int64? { sourcesByPath[path]?.file.offset }

  func pollOnce(_ emit: (TailEvent) -> Void) -> Bool {
    let firstPoll = !started
    started = true
    discover(firstPoll: firstPoll)
    var backlog = reconcile(emit)
    openCount = 0
    for s in sources where s.file.isOpen { openCount += 1 }
    sourcesOverOpenFileLimit = 0
    // Bytes read per source before this poll: a source may also be read while
    // another is serviced (rotation hand-over), so growth is judged after all.
    let readBefore = sources.map(\.bytesRead)
    var i = 0
    while i < sources.count {
      if service(sources[i], emit) { backlog = true }
      i += 1
    }
    for (s, before) in zip(sources, readBefore) {
      let grew = s.bytesRead != before
      s.idlePolls = grew ? 0 : s.idlePolls + 1
      if options.idleFlushPolls != nil { idleFlush(s, grew: grew, emit) }
    }
    if sourcesOverOpenFileLimit > 0 { parkIdleFiles(upTo: sourcesOverOpenFileLimit) }
    prune()
    return backlog
  }
}
