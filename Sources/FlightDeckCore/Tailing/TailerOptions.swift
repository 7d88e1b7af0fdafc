/// Settings of a ``Tailer``.
///
/// All sizes are in bytes, all durations in milliseconds. The defaults suit
/// the dashboard's live mode: poll every 250 ms, lines up to 1 MiB, 64 KiB reads.
public struct TailerOptions: Sendable {
  /// How often the engine intends to call ``Tailer/poll(_:)``, in ms (default 250).
  ///
  /// The tailer has no timer or thread of its own; this value is advisory for
  /// the caller's run loop and is reported back unchanged.
  public var pollIntervalMs: Int
  /// The longest line delivered, in bytes, not counting its `\n` (a trailing
  /// `\r` counts). Longer lines are skipped and reported as
  /// ``TailEvent/oversized(sourcePath:lineNumber:byteCount:)`` (default 1 MiB = 1_048_576).
  public var maxLineBytes: Int
  /// Size of one `pread(2)`, in bytes (default 64 KiB = 65_536).
  ///
  /// Memory per source is at most `maxLineBytes` (the held partial line) plus
  /// one shared chunk of this size.
  public var readChunkBytes: Int
  /// Upper bound on bytes read from one source in one poll (default 8 MiB =
  /// 8_388_608), so a large backlog does not stall the run loop; the rest is
  /// read by later polls. ``Tailer/finish(_:)`` ignores it.
  public var maxBytesPerPoll: Int
  /// Start-up history to read: for files present at the first poll, start at
  /// the first line whose timestamp (per `timestampProbe`) is at or after this
  /// instant, found by seeking backwards from the end. `nil`: see `startAtEnd`.
  public var since: Timestamp?
  /// For a file whose newest line is already older than `since` (a historic
  /// file): when set, read this many milliseconds of history before that
  /// newest line instead of nothing, so the dashboard can show the file as of
  /// its last record. `nil` (the default) starts such a file at its end.
  public var staleFileHistoryMs: Int64?
  /// Given one complete line (without its newline), its timestamp if it can
  /// tell cheaply; `nil` when it cannot. Used only for the start-up seek of
  /// `since`. Without a probe, `since` is ignored and `startAtEnd` decides.
  /// ``TimestampProbe/jsonTS(_:)`` reads FlightDeck's `"ts"` member.
  public var timestampProbe: (@Sendable (UnsafeRawBufferPointer) -> Timestamp?)?
  /// For `since == nil`: start files present at the first poll at their end
  /// (like `tail -n 0 -F`) when `true`, at their beginning when `false` (default).
  public var startAtEnd: Bool
  /// When the start-up position is not byte 0 (after a `since` seek or with
  /// `startAtEnd`), count the newlines in the skipped prefix so line numbers
  /// are exact (default `false`). This reads the whole prefix once, in
  /// `readChunkBytes` pieces, counting with `memchr`; it never holds it in
  /// memory. When `false`, line 1 is the first line read after the start position.
  public var countSkippedLines: Bool
  /// Idle flush of a held partial line, in polls; `nil` (the default) never
  /// flushes, so a partial last line waits for its newline indefinitely.
  ///
  /// When set to N (clamped to ≥ 1), a source that holds a partial last line
  /// and has not grown for N consecutive ``Tailer/poll(_:)`` calls after the
  /// poll that read the line's last bytes delivers the held bytes as a line
  /// (its line number as usual), as ``Tailer/finish(_:)`` would. This is for
  /// complete files that simply lack a final newline (a JSON document written
  /// by an editor, `head -c -1`), which a live dashboard would otherwise never
  /// show. With the default poll interval, 4 polls ≈ 1 s of quiet.
  ///
  /// The flushed line is remembered: if the writer later appends more bytes
  /// to that same line before a newline, those bytes are a fragment — skipped
  /// up to the next newline, reported as
  /// ``TailEvent/incomplete(sourcePath:lineNumber:byteCount:)`` with the
  /// flushed line's number, never delivered as a line. A newline arriving on
  /// its own just ends the flushed line, with no event. A held oversized line
  /// (over ``maxLineBytes``) is reported as
  /// ``TailEvent/oversized(sourcePath:lineNumber:byteCount:)`` instead, with
  /// the same treatment of a later continuation.
  public var idleFlushPolls: Int?
  /// How many of a file's first bytes identify it together with its device
  /// and inode (``FileFingerprint``), default 256 — Vector's `checksum`
  /// fingerprinter's historical default. A file shorter than this is
  /// identified by the bytes it has and re-fingerprinted as it grows; only a
  /// file with at least this many bytes is recognised as a copy of another
  /// by content alone. Clamped to ≥ 1.
  public var fingerprintBytes: Int
  /// The most files kept open at once, or `nil` (the default) for the
  /// process's open-file limit less a reserve
  /// (``OpenFileLimit/fileBudget(soft:)``). A file beyond it is not opened:
  /// its source waits with the detail "not opened: open-file limit", and
  /// ``Tailer/sourcesOverOpenFileLimit`` counts it, so the screen can say
  /// which share of the files it follows. Set for tests (a small limit).
  public var maxOpenFiles: Int?
  /// Polls without growth after which an open file counts as idle (default
  /// 40, about 10 s at 250 ms). While files wait for a descriptor, the
  /// longest-idle files (holding no partial line) close theirs: their
  /// identity, fingerprint, offset and line number are kept, and the file is
  /// opened again, continuing at its offset, once its size changes — so a
  /// folder of many quiet files is followed with descriptors only for the
  /// files that changed recently. Clamped to ≥ 1.
  public var idleClosePolls: Int = 40

  /// Creates tailer options; every parameter has the default described on its property.
  public init(
    pollIntervalMs: Int = 250, maxLineBytes: Int = 1_048_576, readChunkBytes: Int = 65_536,
    maxBytesPerPoll: Int = 8_388_608, since: Timestamp? = nil,
    timestampProbe: (@Sendable (UnsafeRawBufferPointer) -> Timestamp?)? = nil,
    startAtEnd: Bool = false, countSkippedLines: Bool = false, idleFlushPolls: Int? = nil,
    fingerprintBytes: Int = 256
  ) {
    self.pollIntervalMs = pollIntervalMs
    self.maxLineBytes = maxLineBytes
    self.readChunkBytes = readChunkBytes
    self.maxBytesPerPoll = maxBytesPerPoll
    self.since = since
    self.timestampProbe = timestampProbe
    self.startAtEnd = startAtEnd
    self.countSkippedLines = countSkippedLines
    self.idleFlushPolls = idleFlushPolls
    self.fingerprintBytes = fingerprintBytes
  }
}
