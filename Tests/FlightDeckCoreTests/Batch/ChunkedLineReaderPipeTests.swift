import FlightDeckCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct ChunkedLineReaderPipeTests {
  struct Collect: ChunkedLineSink {
    var lines: [String] = []
    var oversized: [Int] = []
    mutating func line(_ bytes: UnsafeRawBufferPointer, index: Int) {
      lines.append("\(index):" + String(decoding: bytes, as: UTF8.self))
    }
    mutating func oversizedLine(index: Int) { oversized.append(index) }
  }

  /// A pipe (what `flightdeck replay -` reads) is read sequentially: every
  /// line once, CRLF trimmed, a last line without newline delivered, a line
  /// over the cap skipped and counted — with tiny reads so lines straddle them.
  @Test func readsAPipeSequentially() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let text = "a\nbb\r\n" + String(repeating: "x", count: 40) + "\nccc\nlast"
    let written = text.withCString { write(fds[1], $0, strlen($0)) }
    #expect(written == text.utf8.count)
    close(fds[1])
    var sink = Collect()
    try ChunkedLineReader.forEachLine(
      fd: fds[0], path: "-", range: nil, readBytes: 3, maxLineBytes: 16, into: &sink)
    close(fds[0])
    #expect(sink.lines == ["1:a", "2:bb", "4:ccc", "5:last"])
    #expect(sink.oversized == [3])
  }
}

/// The cap holds for a whole line inside one read, too (reads larger than
/// the cap: `max_line_bytes = 1024` under the default 128 KiB reads), as the
/// tailer applies it: the bytes before the newline, a `\r` counted.
@Suite struct ChunkedLineReaderCapTests {
  @Test func aWholeLineOverTheCapInOneReadIsSkipped() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let exact = String(repeating: "e", count: 16)
    let text =
      "a\n" + String(repeating: "x", count: 40) + "\n" + exact + "\n" + String(repeating: "c", count: 16)
      + "\r\n" + String(repeating: "y", count: 17) + "\nz\n"
    let written = text.withCString { write(fds[1], $0, strlen($0)) }
    #expect(written == text.utf8.count)
    close(fds[1])
    var sink = ChunkedLineReaderPipeTests.Collect()
    try ChunkedLineReader.forEachLine(
      fd: fds[0], path: "-", range: nil, readBytes: 4_096, maxLineBytes: 16, into: &sink)
    close(fds[0])
    // Line 2 (40 bytes), line 4 (16 + `\r` = 17) and line 5 (17) are over; 16 bytes pass.
    #expect(sink.lines == ["1:a", "3:" + exact, "6:z"])
    #expect(sink.oversized == [2, 4, 5])
  }
}
