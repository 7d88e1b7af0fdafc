/// The read state of one file (one incarnation of it) inside a ``Tailer``:
/// its descriptor, identity, fingerprint, offset and line state.
///
/// A file's state belongs to the file, not to the name it is followed under:
/// when the file is renamed to another followed name the same `TailFile`
/// moves to that name's ``TailSource`` and reading continues where it was.
/// When an incarnation ends (deleted, renamed out of the followed set,
/// truncated or rewritten), its state, closed, is remembered as a checkpoint
/// so that the file (or a copy of it) seen again continues rather than being
/// read twice. A reference type so the tailer can mutate it in place while a
/// borrowed line is being delivered.
final class TailFile {
  /// What to do with bytes up to the next newline.
  enum Skip: Equatable {
    /// Nothing skipped: bytes form lines.
    case none
    /// Inside a line longer than `maxLineBytes`; `bytes` counted so far.
    case oversized(bytes: Int)
    /// Started in the middle of a line (start at end of a file not ending in
    /// `\n`): drop bytes up to the next newline silently.
    case resync
    /// After an idle flush delivered the held partial line: bytes up to the
    /// next newline continue that line and are dropped; `bytes` counted so
    /// far (reported as `.incomplete` when the newline comes, if > 0).
    case flushedContinuation(bytes: Int)
  }

  /// Open descriptor, or -1.
  var fd: Int32 = -1
  /// Identity of the file (kept after closing, for a checkpoint).
  var identity: FileIdentity?
  /// The file's first bytes as last read (``TailerOptions/fingerprintBytes`` at most).
  var fingerprint = FileFingerprint(head: [])
  /// The file's size at the last check, in bytes (-1 before the first).
  var checkedSize: Int64 = -1
  /// Next byte to read.
  var offset: Int64 = 0
  /// Lines completed in the current incarnation (the last line number used).
  var lineNumber = 0
  /// `false` while line numbers count from a start-up seek position.
  var lineNumbersExact = true
  /// Bytes of the current unterminated line (at most `maxLineBytes`).
  var pending: [UInt8] = []
  var skip: Skip = .none
  /// Consecutive polls without growth while a partial line is held (for
  /// ``TailerOptions/idleFlushPolls``).
  var quietPolls = 0

  /// `true` while the descriptor is open.
  var isOpen: Bool { fd >= 0 }

  /// A copy of the line state (offset, line number, held partial line) with
  /// no descriptor, to remember as a checkpoint or to start a copy from.
  func lineStateCopy() -> TailFile {
    let c = TailFile()
    c.identity = identity
    c.fingerprint = fingerprint
    c.offset = offset
    c.lineNumber = lineNumber
    c.lineNumbersExact = lineNumbersExact
    c.pending = pending
    c.skip = skip
    return c
  }

  /// Takes over `other`'s line state (offset, line number, held partial line).
  func adoptLineState(of other: TailFile) {
    offset = other.offset
    lineNumber = other.lineNumber
    lineNumbersExact = other.lineNumbersExact
    pending = other.pending
    skip = other.skip
  }

  /// Clears the line state for a new incarnation read from byte 0.
  func resetToStart() {
    offset = 0
    lineNumber = 0
    lineNumbersExact = true
    pending.removeAll(keepingCapacity: false)
    skip = .none
    quietPolls = 0
    fingerprint = FileFingerprint(head: [])
    checkedSize = -1
  }
}
