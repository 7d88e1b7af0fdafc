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
/// - a **glob** (contains `*`, `?` or `[`), e.g. `logs/*.jsonl`: every regular
///   file it matches (`glob(3)`), including files that appear later;
/// - a **directory**: every regular file directly in it (not recursive) whose
///   name looks like telemetry (``TelemetryFileName/isTelemetry(_:)``:
///   `*.jsonl`, `*.json`, `*.ndjson`, `*.log` and their rotations such as
///   `*.jsonl.1`; not hidden files), including files that appear later — the
///   same rule as `flightdeck replay DIR`;
/// - otherwise a **file path**. A path that does not exist yet is *waiting*
///   (``TailEvent/waiting(sourcePath:)``) and is opened when it appears.
///
/// Files present at the first poll start where ``TailerOptions`` says
/// (``TailerOptions/since`` with a ``TailerOptions/timestampProbe``: the first
/// line at or after that instant, found by seeking backwards from the end in
/// chunks and probing the first complete line of each; else the end when
/// ``TailerOptions/startAtEnd``; else byte 0). Files that appear later, and
/// files that replace a rotated one, are read from byte 0.
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
/// ## Rotation and truncation
///
/// The rules follow the two logrotate modes and GNU coreutils `tail -F`
/// (`--follow=name --retry`), which tracks a *name*, not a descriptor:
///
/// - **Rename rotation** (logrotate `create`, the default: the log is renamed,
///   e.g. `app.jsonl` → `app.jsonl.1`, and a new empty file is created under the
///   old name). Detected, as `tail -F` does, by the path's device/inode
///   (``FileIdentity``) differing from the open descriptor's. The old
///   descriptor is first read to its end — the writer may have appended to it
///   after the rename — and then the new file is opened at byte 0 with line
///   numbers restarting at 1; ``TailEvent/rotated(sourcePath:detail:)`` is
///   reported (`tail -F`: "has been replaced; following new file"). If the
///   renamed file is itself followed (same directory or a matching glob), the
///   tailer keeps reading it under its new name from where it was, so no line is
///   read twice. While the path is missing and the old file still has links, the
///   old descriptor stays open and is drained on every poll; once it has no links
///   (deleted) it is read to its end and closed, and the path is *waiting*.
/// - **Truncation** (logrotate `copytruncate`: the log is copied, then
///   truncated in place; or a shell's `> file`). Detected when the file's size
///   drops below the read offset: reading restarts at byte 0, line numbers at 1,
///   and ``TailEvent/truncated(sourcePath:detail:)`` says "truncated to N bytes,
///   restarted at 0" (`tail -F`: "file truncated"). As with `tail`, a
///   truncation followed by more writes than were read before the next poll is
///   indistinguishable from appending and goes unnoticed; copytruncate also
///   loses whatever the writer wrote between the copy and the truncation, which
///   is logrotate's documented caveat, not the tailer's.
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
  /// `idleFlushPolls` ≥ 1 when set).
  public let options: TailerOptions
  /// Total bytes read from all files since creation, including the reads of
  /// the start-up seek and line counting. A measure of I/O, for tests and the
  /// header's ingest figures.
  public internal(set) var bytesRead: Int64 = 0

  /// Followed sources, in discovery order.
  var sources: [TailSource] = []
  /// Sources by path.
  var sourcesByPath: [String: TailSource] = [:]
  /// Paths matched by the patterns at the last poll.
  var matchedPaths: Set<String> = []
  /// The read buffer shared by all sources (`readChunkBytes`).
  let chunk: UnsafeMutableRawBufferPointer
  var started = false
  var isFinished = false

  /// Creates a tailer for `patterns` (file paths, globs or directories). No
  /// file is touched until the first ``poll(_:)``.
  public init(patterns: [String], options: TailerOptions = TailerOptions()) {
    var o = options
    o.maxLineBytes = max(1, o.maxLineBytes)
    o.readChunkBytes = max(64, o.readChunkBytes)
    o.maxBytesPerPoll = max(o.readChunkBytes, o.maxBytesPerPoll)
    o.idleFlushPolls = o.idleFlushPolls.map { max(1, $0) }
    self.patterns = patterns
    self.options = o
    self.chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: o.readChunkBytes, alignment: 16)
  }

  deinit {
    for s in sources { PosixFile.close(s.fd) }
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
  /// files and marks read sources `finished`. For batch commands (read-to-end
  /// mode); later polls do nothing.
  public func finish(_ emit: (TailEvent) -> Void) {
    guard !isFinished else { return }
    while pollOnce(emit) {}
    for s in sources where s.fd >= 0 {
      flushFinal(s, emit)
      PosixFile.close(s.fd)
      s.fd = -1
      s.state = .finished
      s.detail = "read to the end (\(s.offset) bytes)"
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
  public func pendingBytes(path: String) -> Int? { sourcesByPath[path]?.pending.count }

  /// The next byte offset to be read in the source at `path`, or `nil`.
  public func offset(path: String) -> Int64? { sourcesByPath[path]?.offset }

  func pollOnce(_ emit: (TailEvent) -> Void) -> Bool {
    let firstPoll = !started
    started = true
    discover(firstPoll: firstPoll)
    var backlog = false
    // Bytes read per source before this poll: a source may also be read while
    // another is serviced (rotation hand-over), so growth is judged after all.
    let readBefore = options.idleFlushPolls == nil ? [] : sources.map(\.bytesRead)
    var i = 0
    while i < sources.count {
      if service(sources[i], emit) { backlog = true }
      i += 1
    }
    for (s, before) in zip(sources, readBefore) { idleFlush(s, grew: s.bytesRead != before, emit) }
    prune()
    return backlog
  }
}
