import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// ``ChunkedLineSink/linesWillMove()``: a sink may keep the lines' buffers
/// until it is called (the replay adds scanned lines two lines late).
@Suite struct ChunkedLineReaderDeferTests {
  /// Keeps each line's buffer and reads it only when told the bytes will move.
  struct Deferring: ChunkedLineSink {
    var held: [(UnsafeRawBufferPointer, Int)] = []
    var lines: [String] = []
    mutating func line(_ bytes: UnsafeRawBufferPointer, index: Int) { held.append((bytes, index)) }
    mutating func oversizedLine(index: Int) {
      linesWillMove()
      lines.append("\(index):oversized")
    }
    mutating func linesWillMove() {
      for (bytes, index) in held { lines.append("\(index):" + String(decoding: bytes, as: UTF8.self)) }
      held = []
    }
  }

  /// Reads of 5 bytes, so that most lines straddle a read and are moved to
  /// the front of the buffer: every line must still read back intact, and
  /// none may be left held after the last one.
  @Test func keptLinesStayValidUntilTheSinkIsTold() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    var expected: [String] = []
    var text = ""
    for i in 1...200 {
      let line = String(repeating: Character(UnicodeScalar(UInt8(97 + i % 26))), count: 1 + i % 13)
      text += line + "\n"
      expected.append("\(i):\(line)")
    }
    text += "tail"
    expected.append("201:tail")
    let written = text.withCString { write(fds[1], $0, strlen($0)) }
    #expect(written == text.utf8.count)
    close(fds[1])
    var sink = Deferring()
    try ChunkedLineReader.forEachLine(
      fd: fds[0], path: "-", range: nil, readBytes: 5, maxLineBytes: 64, into: &sink)
    close(fds[0])
    #expect(sink.held.isEmpty)
    #expect(sink.lines == expected)
  }
}
