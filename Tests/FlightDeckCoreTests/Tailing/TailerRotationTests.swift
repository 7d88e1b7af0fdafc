import FlightDeckCore
import Foundation
import Testing

@Suite struct TailerRotationTests {
  typealias E = RecordedTailEvent

  /// `mv f f.1`, an append to `f.1` before the next poll, then a new `f`: the
  /// old file is read to its end first, every line comes once, in order, and
  /// the rotation is reported.
  @Test func renameRotationDrainsOldFileThenReadsNewFromZero() throws {
    let fx = try TailFixture()
    let f = fx.path("app.jsonl")
    try fx.append(f, "1\n2\n3\n")
    let tailer = Tailer(patterns: [f])
    #expect(
      TailFixture.poll(tailer) == [
        .opened(f, offset: 0, exact: true), .text(f, 1, "1"), .text(f, 2, "2"), .text(f, 3, "3"),
      ])
    try fx.move(f, fx.path("app.jsonl.1"))
    try fx.append(fx.path("app.jsonl.1"), "4\n5\n")  // the writer still has the old file open
    try fx.append(f, "6\n7\n")  // logrotate `create`: a new file under the old name
    let events = TailFixture.poll(tailer)
    #expect(events.count == 6)
    #expect(Array(events.prefix(2)) == [.text(f, 4, "4"), .text(f, 5, "5")])
    #expect(events[2].isRotated)
    #expect(
      Array(events.suffix(3)) == [.opened(f, offset: 0, exact: true), .text(f, 1, "6"), .text(f, 2, "7")])
    #expect(tailer.sourceStatuses.map(\.rotations) == [1])
    #expect(TailFixture.poll(tailer) == [])
  }

  /// Between the rename and the new file, the path is missing: the renamed
  /// file (still linked) keeps being read; the new file is picked up later.
  @Test func renamedFileIsDrainedWhileThePathIsMissing() throws {
    let fx = try TailFixture()
    let f = fx.path("app.jsonl")
    try fx.append(f, "1\n")
    let tailer = Tailer(patterns: [f])
    #expect(TailFixture.poll(tailer) == [.opened(f, offset: 0, exact: true), .text(f, 1, "1")])
    try fx.move(f, fx.path("old.jsonl"))
    #expect(TailFixture.poll(tailer) == [])
    try fx.append(fx.path("old.jsonl"), "2\n")
    #expect(TailFixture.poll(tailer) == [.text(f, 2, "2")])
    try fx.append(f, "3\n")
    let events = TailFixture.poll(tailer)
    #expect(events.count == 3)
    #expect(events.first?.isRotated == true)
    #expect(Array(events.dropFirst()) == [.opened(f, offset: 0, exact: true), .text(f, 1, "3")])
  }

  /// A deleted file is read to its end and closed; the path then waits and is
  /// opened at 0 when it comes back.
  @Test func deletedFileIsClosedAndPathWaits() throws {
    let fx = try TailFixture()
    let f = fx.path("app.jsonl")
    try fx.append(f, "1\n")
    let tailer = Tailer(patterns: [f])
    _ = TailFixture.poll(tailer)
    try fx.append(f, "2\n")
    try fx.remove(f)
    #expect(TailFixture.poll(tailer) == [.text(f, 2, "2"), .waiting(f)])
    #expect(tailer.sourceStatuses.map(\.state) == [.waiting])
    #expect(TailFixture.poll(tailer) == [])
    try fx.append(f, "new\n")
    #expect(TailFixture.poll(tailer) == [.opened(f, offset: 0, exact: true), .text(f, 1, "new")])
  }

  /// Following a directory, `mv app.jsonl app.jsonl.1` makes `app.jsonl.1` a
  /// new entry of the directory: it is not read again from 0 but continued
  /// from where `app.jsonl` was, with its line numbers.
  @Test func renameInsideFollowedDirectoryHandsTheFileOver() throws {
    let fx = try TailFixture()
    let logs = fx.path("logs")
    try fx.makeDirectory(logs)
    let f = logs + "/app.jsonl"
    let f1 = logs + "/app.jsonl.1"
    try fx.append(f, "1\n2\n")
    let tailer = Tailer(patterns: [logs])
    #expect(
      TailFixture.poll(tailer) == [.opened(f, offset: 0, exact: true), .text(f, 1, "1"), .text(f, 2, "2")])
    try fx.move(f, f1)
    try fx.append(f1, "3\n")
    try fx.append(f, "4\n")
    let events = TailFixture.poll(tailer)
    #expect(events.count == 5)
    #expect(events.first?.isRotated == true)
    #expect(
      Array(events.dropFirst()) == [
        .opened(f1, offset: 4, exact: true), .text(f1, 3, "3"), .opened(f, offset: 0, exact: true),
        .text(f, 1, "4"),
      ])
    try fx.append(f1, "5\n")
    #expect(TailFixture.poll(tailer) == [.text(f1, 4, "5")])
  }

  /// Following a directory, a rename with no new file yet: the renamed entry
  /// takes over the open file, the old name waits and is then dropped.
  @Test func renameInsideFollowedDirectoryWithoutNewFile() throws {
    let fx = try TailFixture()
    let logs = fx.path("logs")
    try fx.makeDirectory(logs)
    let f = logs + "/app.jsonl"
    let f1 = logs + "/app.jsonl.1"
    try fx.append(f, "1\n")
    let tailer = Tailer(patterns: [logs])
    _ = TailFixture.poll(tailer)
    try fx.move(f, f1)
    try fx.append(f1, "2\n")
    let events = TailFixture.poll(tailer)
    #expect(events.count == 4)
    #expect(events.first?.isRotated == true)
    #expect(
      Array(events.dropFirst()) == [.opened(f1, offset: 2, exact: true), .waiting(f), .text(f1, 2, "2")])
    #expect(tailer.sourceStatuses.map(\.path) == [f1])
    try fx.append(f, "new\n")
    #expect(TailFixture.poll(tailer) == [.opened(f, offset: 0, exact: true), .text(f, 1, "new")])
  }
}
