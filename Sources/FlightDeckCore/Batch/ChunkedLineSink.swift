/// Receives the lines that ``ChunkedLineReader/forEachLine(fd:path:range:readBytes:maxLineBytes:into:)``
/// reads.
///
/// A protocol rather than a closure so that the reader loop is specialised
/// for its one consumer (the replay's per-thread aggregator) and the state a
/// line updates lives in the sink, not in closure captures that need a
/// dynamic exclusivity check per access.
public protocol ChunkedLineSink {
  /// One line: its bytes without the `\n` (and without a trailing `\r`),
  /// valid only during the call, and its 1-based index in the range.
  mutating func line(_ bytes: UnsafeRawBufferPointer, index: Int)

  /// A line longer than the reader's cap, skipped; `index` is its 1-based
  /// index in the range.
  mutating func oversizedLine(index: Int)

  /// The bytes of the lines passed so far are about to be overwritten (the
  /// next read) or freed: a sink that kept lines' buffers to finish them
  /// later must finish them now. Called after the lines of each read and
  /// after the last line.
  mutating func linesWillMove()
}

extension ChunkedLineSink {
  /// Does nothing: a sink that finishes each line within ``line(_:index:)``.
  public mutating func linesWillMove() {}
}
