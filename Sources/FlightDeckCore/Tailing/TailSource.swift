/// The mutable state of one followed path inside a ``Tailer``.
///
/// A reference type so the tailer can mutate it in place while a borrowed
/// line is being delivered (no copy-on-write of the held partial line).
final class TailSource {
  /// The path as given or as a glob/directory listing produced it.
  let path: String
  /// `true` when the path came from a glob or a directory listing (dropped
  /// once it no longer matches and is closed); `false` for a literal path
  /// (kept, waiting, until it appears).
  let discovered: Bool

  /// The file this path names and is being read, or a closed ``TailFile``
  /// (descriptor -1) when none is open. Moves to another source when the
  /// file is renamed to that source's path.
  var file = TailFile()
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
  /// Consecutive polls in which nothing was read from this source.
  var idlePolls = 0
  /// The file, with its read state, whose descriptor was closed because it
  /// was idle while other files waited for one (``TailerOptions/idleClosePolls``);
  /// ``file`` is then closed. Opened again when its size changes.
  var parked: TailFile?

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
    if !file.pending.isEmpty {
      let note = "\(file.pending.count) bytes pending (line \(file.lineNumber + 1) waiting for its newline)"
      text = text.map { $0 + "; " + note } ?? note
    }
    return SourceStatus(
      path: path, state: state, oversizedLines: oversizedLines, rotations: rotations, detail: text)
  }
}
