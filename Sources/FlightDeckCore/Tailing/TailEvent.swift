/// Something a ``Tailer`` observed during one ``Tailer/poll(_:)`` or ``Tailer/finish(_:)``.
///
/// Line numbers are 1-based and count every line of the current incarnation of
/// the file — delivered, oversized or fragment — since it was opened at byte 0,
/// truncated, or replaced by rotation. After a start-up seek (`since` or
/// `startAtEnd`) without ``TailerOptions/countSkippedLines``, they count from
/// the start position instead; ``opened(sourcePath:offset:lineNumbersExact:)``
/// says which.
///
/// `TailEvent` is deliberately not `Sendable`: ``line(sourcePath:lineNumber:bytes:)``
/// borrows the tailer's buffer, which is valid only during the callback.
public enum TailEvent {
  /// A file was opened (or reopened after rotation/appearance) and will be read
  /// from byte `offset`. `lineNumbersExact` is `false` when line numbers count
  /// from `offset` rather than from the start of the file.
  case opened(sourcePath: String, offset: Int64, lineNumbersExact: Bool)
  /// The path does not exist (yet) or has gone; it is opened when it (re)appears.
  case waiting(sourcePath: String)
  /// One complete line, without its `\n` and without a trailing `\r`.
  ///
  /// `bytes` is raw (possibly invalid UTF-8) and is valid only until the
  /// callback returns; copy it to keep it.
  case line(sourcePath: String, lineNumber: Int, bytes: UnsafeRawBufferPointer)
  /// A line longer than ``TailerOptions/maxLineBytes`` was skipped;
  /// `byteCount` is its length in bytes without the `\n`.
  case oversized(sourcePath: String, lineNumber: Int, byteCount: Int)
  /// An unterminated fragment (`byteCount` bytes, the start of line
  /// `lineNumber`) was dropped because the file was truncated or replaced
  /// before its newline arrived; or (with ``TailerOptions/idleFlushPolls``)
  /// `byteCount` bytes appended to line `lineNumber` after it had been
  /// delivered by an idle flush were skipped. Fragments are never delivered
  /// as lines.
  case incomplete(sourcePath: String, lineNumber: Int, byteCount: Int)
  /// The path now names a different file (device/inode changed, or it was
  /// renamed away): the old file was read to its end first, or, when it was
  /// renamed to another followed path, continues there (an
  /// ``opened(sourcePath:offset:lineNumbersExact:)`` of that path at its offset follows).
  case rotated(sourcePath: String, detail: String)
  /// The file shrank below the read offset (copytruncate or `>`), or its
  /// first bytes changed (rewritten in place, a reused inode; see
  /// ``FileFingerprint``): reading restarted at byte 0 and line numbers
  /// restarted at 1.
  case truncated(sourcePath: String, detail: String)
  /// Opening, stat-ing or reading failed; the source is retried on later polls.
  /// Reported once per distinct message in a row.
  case readError(sourcePath: String, message: String)
}

@available(*, unavailable, message: "TailEvent.line borrows a buffer valid only during the callback")
extension TailEvent: Sendable {}
