import FlightDeckCore
import Foundation
import Testing

@Suite struct TailerTruncationTests {
  typealias E = RecordedTailEvent

  /// 50 lines `line k`, each with `>>` except k = 10, 20, …, 50 written with `>`;
  /// one poll after each write.
  ///
  /// Worked out by hand: k = 1 creates the file (opened at 0, line 1). k = 2…9
  /// are lines 2…9. At k = 10 the file becomes `line 10\n` (8 bytes), below our
  /// offset (9 × 7 = 63 bytes for `line 1\n`…`line 9\n`) → truncated, then
  /// `line 10` is line 1. k = 11…19 are lines 2…10. At k = 20 the file becomes
  /// 8 bytes while we had read 8 + 9 × 8 = 80 → truncated, `line 20` is line 1;
  /// the same at 30, 40 and 50. So line number = k for k < 10, else k % 10 + 1,
  /// and 5 truncations.
  @Test func truncateAndWriteEveryTenthLineRestartsAtZero() throws {
    let fx = try TailFixture()
    let f = fx.path("app.jsonl")
    let tailer = Tailer(patterns: [f])
    #expect(TailFixture.poll(tailer) == [.waiting(f)])
    var truncations = 0
    for k in 1...50 {
      if k % 10 == 0 {
        try fx.overwrite(f, "line \(k)\n")
      } else {
        try fx.append(f, "line \(k)\n")
      }
      let events = TailFixture.poll(tailer)
      let number = k < 10 ? k : k % 10 + 1
      var expected: [E] = []
      if k == 1 { expected.append(.opened(f, offset: 0, exact: true)) }
      if k % 10 == 0 {
        let hadRead = k == 10 ? 63 : 80
        expected.append(
          .truncated(f, "truncated to 8 bytes (had read \(hadRead)), restarted at 0"))
        truncations += 1
      }
      expected.append(.text(f, number, "line \(k)"))
      #expect(events == expected, "after line \(k)")
    }
    #expect(truncations == 5)
    #expect(tailer.sourceStatuses.map(\.rotations) == [5])
  }

  /// 1 MB of lines, then `cp f f.1 && : > f`, then three short lines before the
  /// next poll: every line once, the truncation reported, then the three lines.
  @Test func copytruncateDeliversEveryLineOnceThenRestarts() throws {
    let fx = try TailFixture()
    let f = fx.path("app.jsonl")
    // 10 000 lines of exactly 100 bytes with the newline = 1 000 000 bytes.
    var text = ""
    for i in 1...10_000 {
      let head = "{\"seq\":\(i),\"pad\":\""
      text += head + String(repeating: "x", count: 97 - head.utf8.count) + "\"}\n"
    }
    #expect(text.utf8.count == 1_000_000)
    try fx.append(f, text)
    let tailer = Tailer(patterns: [f])
    let first = TailFixture.poll(tailer)
    let lines = first.compactMap(\.lineText)
    #expect(first.first == .opened(f, offset: 0, exact: true))
    #expect(lines.count == 10_000)
    #expect(lines == text.split(separator: "\n").map(String.init))
    if case .line(_, let n, _) = first.last { #expect(n == 10_000) }

    try FileManager.default.copyItem(atPath: f, toPath: fx.path("app.jsonl.1"))
    try fx.overwrite(f, "")
    // "one\ntwo\nthree\n" = 4 + 4 + 6 = 14 bytes, below the 1 000 000 read.
    try fx.append(f, "one\n")
    try fx.append(f, "two\n")
    try fx.append(f, "three\n")
    #expect(
      TailFixture.poll(tailer) == [
        .truncated(f, "truncated to 14 bytes (had read 1000000), restarted at 0"),
        .text(f, 1, "one"), .text(f, 2, "two"), .text(f, 3, "three"),
      ])
    #expect(TailFixture.poll(tailer) == [])
    #expect(tailer.bytesRead == 1_000_014)
  }

  /// A partial line held when the file is truncated is dropped and reported,
  /// never glued to the new contents.
  @Test func partialLineBeforeTruncationIsReportedNotDelivered() throws {
    let fx = try TailFixture()
    let f = fx.path("a.log")
    try fx.append(f, "alpha\nbet")
    let tailer = Tailer(patterns: [f])
    #expect(TailFixture.poll(tailer) == [.opened(f, offset: 0, exact: true), .text(f, 1, "alpha")])
    try fx.overwrite(f, "a\n")
    // "bet" (3 bytes) would have been line 2; the file is now 2 bytes < 9 read.
    #expect(
      TailFixture.poll(tailer) == [
        .incomplete(f, 2, 3), .truncated(f, "truncated to 2 bytes (had read 9), restarted at 0"),
        .text(f, 1, "a"),
      ])
  }
}
