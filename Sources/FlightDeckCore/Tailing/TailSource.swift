/// The mutable state of one followed path inside a ``Tailer``.
///
/// A reference type so the tailer can mutate it in place while a borrowed
/// line is being delivered (no copy-on-write of the held partial line).
final class TailSource {
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

  /// The path as given or as a glob/directory listing produced it.
  let path: String
  /// `true` when the path came from a glob or a directory listing (dropped
  /// once it no longer matches and is closed); `false` for a literal path
  /// (kept, waiting, until it appears).
  let discovered: Bool

  /// Open descriptor, or -1.
  var fd: Int32 = -1
  /// Identity of the open file.
  var identity: FileIdentity?
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
  /// `true` once the first open decision is made; files present at the first
  /// poll use the start-up policy, later ones start at 0.
  var usesStartPolicy: Bool

  var state: SourceStatus.State = .waiting
  var detail: String?
  var oversizedLines = 0
  var rotations = 0
  /// The last error message reported, to report each distinct error once.
  var lastError: String?
  /// `true` once `.waiting` was reported for the current absence.
  var reportedWaiting = false
  /// Bytes read from this path by the tailer, including start-up probing.
  var bytesRead: Int64 = 0

  init(path: String, discovered: Bool, usesStartPolicy: Bool) {
    self.path = path
    self.discovered = discovered
    self.usesStartPolicy = usesStartPolicy
  }

  /// The engine-facing status (records and malformed lines are the engine's
  /// to count, so they are 0 here).
  /// `detail` gains "; N bytes pending" while a partial line is held.
  var status: SourceStatus {
    var text = detail
    if !pending.isEmpty {
      let note = "\(pending.count) bytes pending (line \(lineNumber + 1) waiting for its newline)"
      text = text.map { $0 + "; " + note } ?? note
    }
    return SourceStatus(
      path: path, state: state, oversizedLines: oversizedLines, rotations: rotations, detail: text)
  }

  /// Clears the line state for a new incarnation read from byte 0.
  func resetToStart() {
    offset = 0
    lineNumber = 0
    lineNumbersExact = true
    pending.removeAll(keepingCapacity: false)
    skip = .none
    quietPolls = 0
  }
}
