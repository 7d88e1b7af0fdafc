import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct TailerLineTests {
  typealias E = RecordedTailEvent

  /// A 64 KiB line, a 2 MiB line, then a line written in two halves with a
  /// poll between: the first delivered intact, the second counted as
  /// oversized without being buffered, the third delivered once, whole.
  @Test func longLinesAreDeliveredOrSkippedAndSplitLinesHeld() throws {
    let fx = try TailFixture()
    let f = fx.path("big.jsonl")
    try fx.append(f, "")
    let tailer = Tailer(patterns: [f])  // maxLineBytes 1 MiB, chunks of 64 KiB
    #expect(TailFixture.poll(tailer) == [.opened(f, offset: 0, exact: true)])

    let line64k = [UInt8](repeating: UInt8(ascii: "a"), count: 65_536)
    try fx.append(f, line64k + [0x0A])
    #expect(TailFixture.poll(tailer) == [.line(f, 1, line64k)])

    // The 2 MiB line arrives in two parts; after the first 1.5 MiB nothing is
    // held (it is already over the 1 MiB cap) and nothing is emitted.
    try fx.append(f, [UInt8](repeating: UInt8(ascii: "b"), count: 1_572_864))
    #expect(TailFixture.poll(tailer) == [])
    let source = try #require(tailer.sources.first)
    #expect(source.file.pending.isEmpty)
    #expect(source.file.skip == .oversized(bytes: 1_572_864))
    try fx.append(f, [UInt8](repeating: UInt8(ascii: "b"), count: 524_288) + [0x0A])
    // 1 572 864 + 524 288 = 2 097 152 bytes = 2 MiB.
    #expect(TailFixture.poll(tailer) == [.oversized(f, 2, 2_097_152)])

    try fx.append(f, "{\"half\":1,")
    #expect(TailFixture.poll(tailer) == [])
    #expect(source.file.pending.count == 10)
    try fx.append(f, "\"other\":2}\n")
    #expect(TailFixture.poll(tailer) == [.text(f, 3, "{\"half\":1,\"other\":2}")])
    #expect(TailFixture.poll(tailer) == [])
    #expect(tailer.sourceStatuses.map(\.oversizedLines) == [1])
  }

  /// A line of exactly `maxLineBytes` is delivered; one byte more is oversized.
  /// With 16-byte lines and 64-byte chunks, lines also straddle chunk edges.
  @Test func lineCapIsInclusiveAcrossChunkBoundaries() throws {
    let fx = try TailFixture()
    let f = fx.path("cap.log")
    let ok = String(repeating: "c", count: 100)
    let tooLong = String(repeating: "d", count: 101)
    try fx.append(f, ok + "\n" + tooLong + "\n" + ok + "\n")
    let tailer = Tailer(patterns: [f], options: TailerOptions(maxLineBytes: 100, readChunkBytes: 64))
    #expect(
      TailFixture.poll(tailer) == [
        .opened(f, offset: 0, exact: true), .text(f, 1, ok), .oversized(f, 2, 101), .text(f, 3, ok),
      ])
  }

  /// CJK and emoji, raw `\xff\xfe` and a lone `\xc3` inside a JSON string, then
  /// a good line: all three delivered byte-exact (UTF-8 validation is the decoder's job).
  @Test func deliversRawBytesExactly() throws {
    let fx = try TailFixture()
    let f = fx.path("bytes.jsonl")
    let cjk = Array("{\"msg\":\"日本語のテキスト 🚀 👩‍💻\"}".utf8)
    let raw: [UInt8] =
      Array("{\"msg\":\"".utf8) + [0xFF, 0xFE] + Array("ok".utf8) + [0xC3] + Array("\"}".utf8)
    let good = Array("{\"ok\":true}".utf8)
    try fx.append(f, cjk + [0x0A] + raw + [0x0A] + good + [0x0A])
    let tailer = Tailer(patterns: [f])
    #expect(
      TailFixture.poll(tailer) == [
        .opened(f, offset: 0, exact: true), .line(f, 1, cjk), .line(f, 2, raw), .line(f, 3, good),
      ])
  }

  /// CRLF line endings: the `\r` is stripped, a `\r` elsewhere is kept.
  @Test func stripsTrailingCarriageReturnOnly() throws {
    let fx = try TailFixture()
    let f = fx.path("crlf.log")
    try fx.append(f, "a\r\nb\rc\r\n\r\n")
    let tailer = Tailer(patterns: [f])
    #expect(
      TailFixture.poll(tailer) == [
        .opened(f, offset: 0, exact: true), .text(f, 1, "a"), .text(f, 2, "b\rc"), .text(f, 3, ""),
      ])
  }

  /// In follow mode a final line without newline is held; `finish()` delivers it.
  @Test func finalLineWithoutNewlineIsHeldUntilFinish() throws {
    let fx = try TailFixture()
    let f = fx.path("tail.log")
    try fx.append(f, "first\nlast-no-newline")
    let tailer = Tailer(patterns: [f])
    #expect(TailFixture.poll(tailer) == [.opened(f, offset: 0, exact: true), .text(f, 1, "first")])
    #expect(TailFixture.poll(tailer) == [])
    #expect(TailFixture.finish(tailer) == [.text(f, 2, "last-no-newline")])
    #expect(tailer.sourceStatuses.map(\.state) == [.finished])
    try fx.append(f, "\nmore\n")
    #expect(TailFixture.poll(tailer) == [])
  }

  /// A file whose read fails with EIO (a symbolic link to `/proc/self/mem`,
  /// Linux) is not "read to the end": `finish()` leaves it `failing` with
  /// its error (issue 11, F6: the header said "2 sources finished").
  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/mem")))
  func aSourceWhoseReadFailsStaysFailingAfterFinish() throws {
    let fx = try TailFixture()
    let good = fx.path("a.log")
    try fx.append(good, "1\n")
    let bad = fx.path("b.log")
    #expect(symlink("/proc/self/mem", bad) == 0)
    let tailer = Tailer(patterns: [good, bad])
    _ = TailFixture.finish(tailer)
    #expect(tailer.sourceStatuses.map(\.state) == [.finished, .failing])
    #expect(tailer.sourceStatuses.last?.detail?.lowercased().contains("input/output error") == true)
  }

  /// Batch use: `finish()` alone opens, reads everything and flushes.
  @Test func finishAloneReadsToTheEnd() throws {
    let fx = try TailFixture()
    let f = fx.path("batch.log")
    try fx.append(f, "1\n2\n3")
    let tailer = Tailer(patterns: [f, fx.path("absent.log")])
    #expect(
      TailFixture.finish(tailer) == [
        .opened(f, offset: 0, exact: true), .text(f, 1, "1"), .text(f, 2, "2"),
        .waiting(fx.path("absent.log")), .text(f, 3, "3"),
      ])
    #expect(tailer.sourceStatuses.map(\.state) == [.finished, .waiting])
  }

  /// A per-poll byte budget splits a backlog over polls without losing or
  /// repeating a line.
  @Test func byteBudgetSpreadsBacklogOverPolls() throws {
    let fx = try TailFixture()
    let f = fx.path("backlog.log")
    // 1000 lines "NNNN\n" for 0000…0999: 5000 bytes.
    try fx.append(f, (0..<1000).map { String(format: "%04d\n", $0) }.joined())
    let tailer = Tailer(
      patterns: [f], options: TailerOptions(readChunkBytes: 64, maxBytesPerPoll: 1000))
    var lines: [String] = []
    var polls = 0
    var more = true
    while more {
      more = tailer.poll {
        if case .line(_, _, let b) = $0 { lines.append(String(decoding: b, as: UTF8.self)) }
      }
      polls += 1
    }
    // 5000 bytes at 1000 (≈ 16 chunks of 64 = 1024) per poll: 5 polls, the
    // fifth reaches EOF (4 × 1024 = 4096 < 5000 ≤ 5 × 1024).
    #expect(polls == 5)
    #expect(lines == (0..<1000).map { String(format: "%04d", $0) })
  }

  /// `startAtEnd` skips existing lines and the rest of a line being written.
  @Test func startAtEndSkipsHistoryAndResyncsOnPartialLine() throws {
    let fx = try TailFixture()
    let f = fx.path("end.log")
    try fx.append(f, "old 1\nold 2\npart")  // 6 + 6 + 4 = 16 bytes
    let tailer = Tailer(patterns: [f], options: TailerOptions(startAtEnd: true, countSkippedLines: true))
    #expect(TailFixture.poll(tailer) == [.opened(f, offset: 16, exact: true)])
    try fx.append(f, "ial\nnew\n")
    // "partial" is line 3 (not delivered: we joined mid-line); "new" is line 4.
    #expect(TailFixture.poll(tailer) == [.text(f, 4, "new")])
  }
}
