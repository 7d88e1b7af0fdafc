import FlightDeckCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct TailerDiscoveryTests {
  typealias E = RecordedTailEvent

  /// A glob, a directory and a missing path, with `startAtEnd`: files present
  /// at the first poll start at their end; files that appear later (new glob
  /// match, new directory entry, the missing path) are read from byte 0.
  /// Non-matching names and subdirectories are not followed.
  @Test func followsGlobsDirectoriesAndLatePaths() throws {
    let fx = try TailFixture()
    let a = fx.path("a")
    let b = fx.path("b")
    let c = fx.path("c")
    try fx.makeDirectory(a)
    try fx.makeDirectory(b)
    try fx.append(a + "/one.jsonl", "old a\n")  // 6 bytes
    try fx.append(a + "/notes.txt", "not matched\n")
    try fx.append(b + "/x.log", "old x\n")  // 6 bytes
    let late = c + "/late.jsonl"
    let tailer = Tailer(
      patterns: [a + "/*.jsonl", b, late], options: TailerOptions(startAtEnd: true))
    #expect(
      TailFixture.poll(tailer) == [
        .opened(a + "/one.jsonl", offset: 6, exact: false), .opened(b + "/x.log", offset: 6, exact: false),
        .waiting(late),
      ])

    try fx.append(a + "/one.jsonl", "a1\n")
    try fx.append(a + "/two.jsonl", "a2\n")
    try fx.append(a + "/two.txt", "ignored\n")
    try fx.append(b + "/x.log", "x1\n")
    try fx.append(b + "/y.log", "y1\n")
    try fx.makeDirectory(b + "/sub")
    try fx.append(b + "/sub/z.log", "nested\n")
    try fx.makeDirectory(c)
    try fx.append(late, "late1\n")
    #expect(
      TailFixture.poll(tailer) == [
        .text(a + "/one.jsonl", 1, "a1"), .text(b + "/x.log", 1, "x1"), .opened(late, offset: 0, exact: true),
        .text(late, 1, "late1"), .opened(a + "/two.jsonl", offset: 0, exact: true),
        .text(a + "/two.jsonl", 1, "a2"), .opened(b + "/y.log", offset: 0, exact: true),
        .text(b + "/y.log", 1, "y1"),
      ])
    #expect(
      Set(tailer.sourceStatuses.map(\.path)) == [
        a + "/one.jsonl", a + "/two.jsonl", b + "/x.log", b + "/y.log", late,
      ])
    #expect(tailer.sourceStatuses.allSatisfy { $0.state == .following })
  }

  /// A file removed from a followed directory is dropped from the sources
  /// once closed; a literal path stays, waiting.
  @Test func vanishedDirectoryEntriesAreDropped() throws {
    let fx = try TailFixture()
    let d = fx.path("d")
    try fx.makeDirectory(d)
    try fx.append(d + "/gone.log", "g\n")
    let tailer = Tailer(patterns: [d])
    _ = TailFixture.poll(tailer)
    try fx.remove(d + "/gone.log")
    #expect(TailFixture.poll(tailer) == [.waiting(d + "/gone.log")])
    #expect(tailer.sourceStatuses.isEmpty)
  }

  /// A path that is not a regular file is an error event (once), while a good
  /// file next to it is still read.
  @Test func nonRegularFileIsReportedAndOthersKeepGoing() throws {
    let fx = try TailFixture()
    let fifo = fx.path("pipe")
    #expect(mkfifo(fifo, 0o644) == 0)
    let good = fx.path("good.log")
    try fx.append(good, "fine\n")
    let tailer = Tailer(patterns: [fifo, good])
    #expect(
      TailFixture.poll(tailer) == [
        .readError(fifo, "not a regular file (a FIFO)"), .opened(good, offset: 0, exact: true),
        .text(good, 1, "fine"),
      ])
    try fx.append(good, "still\n")
    #expect(TailFixture.poll(tailer) == [.text(good, 2, "still")])
    #expect(tailer.sourceStatuses.map(\.state) == [.failing, .following])
  }
}
