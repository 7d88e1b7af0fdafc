/// A reader of one JSON text whose tokens are a ``JSONByteCursor``'s:
/// ``OTLPJSONTraceReader`` and ``OTLPJSONSpanScanner``. The reader keeps its
/// structure (which members it reads, what it makes of them) and walks
/// objects with ``object(_:)``.
protocol JSONByteCursorReader {
  /// The cursor over the text being read.
  var cursor: JSONByteCursor { get set }
}

extension JSONByteCursorReader {
  /// Reads the members of the object at the cursor (after whitespace;
  /// anything else declines), calling `body` with each name, the cursor on
  /// its value, which `body` must read; a name repeated in the object
  /// declines.
  @inline(__always)
  mutating func object(
    _ body: (inout Self, Range<Int>) throws(JSONByteCursor.Decline) -> Void
  ) throws(JSONByteCursor.Decline) {
    guard let mark = try cursor.beginMembers() else { return }
    repeat {
      let name = try cursor.name(noting: mark)
      try body(&self, name)
    } while try cursor.nextMember(droppingNamesTo: mark)
  }
}
