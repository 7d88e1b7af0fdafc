import FlightDeckCore
import Foundation
import Testing

/// The tailer's file identity: (device, inode) plus the file's first bytes,
/// carried across renames inside the followed set (every byte read once).
@Suite struct TailerIdentityTests {
  typealias E = RecordedTailEvent

  /// The texts of the line events, in order.
  static func texts(_ events: [E]) -> [String] { events.compactMap(\.lineText) }

  /// logrotate's numbered generations inside a followed folder, while the
  /// writer keeps appending to the file it has open:
  /// `mv app.jsonl.1 app.jsonl.2; mv app.jsonl app.jsonl.1; touch app.jsonl`.
  /// Each rotated file continues where it was read: every line comes once.
  @Test func numberedGenerationRotationReadsEveryLineOnce() throws {
    let fx = try TailFixture()
    let logs = fx.path("logs")
    try fx.makeDirectory(logs)
    let f = logs + "/app.jsonl"
    try fx.append(f + ".1", "a1\na2\n")
    try fx.append(f, "b1\nb2\n")
    let tailer = Tailer(patterns: [logs])
    #expect(Self.texts(TailFixture.poll(tailer)) == ["b1", "b2", "a1", "a2"])
    var delivered: [String] = []
    for generation in 0..<4 {
      try fx.append(f, "g\(generation)-x\n")  // written before the rotation, not yet read
      if FileManager.default.fileExists(atPath: f + ".2") { try fx.move(f + ".2", f + ".3") }
      try fx.move(f + ".1", f + ".2")
      try fx.move(f, f + ".1")
      try fx.append(f + ".1", "g\(generation)-y\n")  // the writer still holds the renamed file
      try fx.append(f, "g\(generation)-z\n")  // touch app.jsonl, then the writer's new file
      let events = TailFixture.poll(tailer)
      delivered += Self.texts(events)
    }
    #expect(delivered.sorted() == (0..<4).flatMap { ["g\($0)-x", "g\($0)-y", "g\($0)-z"] }.sorted())
    #expect(Self.texts(TailFixture.poll(tailer)) == [])
  }

  /// Renamed onto another followed name whose file it replaces (the old file
  /// there is deleted by the rename): the renamed file continues from its
  /// offset under the new name; nothing is read again.
  @Test func renameOntoAFollowedNameContinuesFromItsOffset() throws {
    let fx = try TailFixture()
    let logs = fx.path("logs")
    try fx.makeDirectory(logs)
    let a = logs + "/a.jsonl"
    let b = logs + "/b.jsonl"
    try fx.append(a, "a1\na2\n")
    try fx.append(b, "b1\n")
    let tailer = Tailer(patterns: [logs])
    #expect(Self.texts(TailFixture.poll(tailer)) == ["a1", "a2", "b1"])
    try fx.append(b, "b2\n")
    try fx.move(a, b)
    try fx.append(b, "a3\n")
    let events = TailFixture.poll(tailer)
    #expect(Self.texts(events).sorted() == ["a3", "b2"])
    #expect(events.contains(.text(b, 3, "a3")))
  }

  /// A file renamed out of the followed set is read to its end and closed;
  /// renamed back in later, it continues from where it was (its identity and
  /// first bytes are remembered), not from byte 0.
  @Test func fileRenamedOutAndBackInContinues() throws {
    let fx = try TailFixture()
    let logs = fx.path("logs")
    try fx.makeDirectory(logs)
    let f = logs + "/app.jsonl"
    try fx.append(f, "1\n2\n")
    let tailer = Tailer(patterns: [logs])
    #expect(Self.texts(TailFixture.poll(tailer)) == ["1", "2"])
    try fx.move(f, logs + "/app.txt")  // not a telemetry name: out of the followed set
    try fx.append(f, "new\n")
    #expect(Self.texts(TailFixture.poll(tailer)) == ["new"])
    try fx.append(logs + "/app.txt", "3\n")
    try fx.move(logs + "/app.txt", f + ".1")
    let events = TailFixture.poll(tailer)
    #expect(Self.texts(events) == ["3"])
    #expect(events.contains(.text(f + ".1", 3, "3")))
  }

  /// The same inode with other first bytes is another file: a file
  /// truncated and rewritten past the read offset between two polls (what
  /// a reused inode looks like) is read from byte 0, not from the old offset.
  @Test func sameInodeWithOtherFirstBytesStartsAtZero() throws {
    let fx = try TailFixture()
    let f = fx.path("app.jsonl")
    try fx.append(f, "aaaa\nbbbb\n")
    let tailer = Tailer(patterns: [f])
    #expect(Self.texts(TailFixture.poll(tailer)) == ["aaaa", "bbbb"])
    try fx.overwrite(f, "XXXXXXXX\nYYYYYYYY\nZZ\n")
    let events = TailFixture.poll(tailer)
    #expect(events.contains { $0.truncationDetail != nil })
    #expect(Self.texts(events) == ["XXXXXXXX", "YYYYYYYY", "ZZ"])
    #expect(events.contains(.text(f, 1, "XXXXXXXX")))
  }

  /// A file shorter than the fingerprint is identified by the bytes it has
  /// and re-fingerprinted as it grows: appends are not mistaken for a new
  /// file, but a rewrite of those first bytes is.
  @Test func shortFileIsReFingerprintedAsItGrows() throws {
    let fx = try TailFixture()
    let f = fx.path("app.jsonl")
    try fx.append(f, "1\n")
    let tailer = Tailer(patterns: [f], options: TailerOptions(fingerprintBytes: 8))
    #expect(Self.texts(TailFixture.poll(tailer)) == ["1"])
    try fx.append(f, "2\n")
    #expect(TailFixture.poll(tailer) == [.text(f, 2, "2")])
    try fx.append(f, "3\n4\n5\n")
    #expect(Self.texts(TailFixture.poll(tailer)) == ["3", "4", "5"])
    try fx.overwrite(f, "1\n2\n3\n9\n5\n6\n7\n")  // byte 7 of the first 8 rewritten, past the offset
    let events = TailFixture.poll(tailer)
    #expect(events.contains { $0.truncationDetail != nil })
    #expect(Self.texts(events) == ["1", "2", "3", "9", "5", "6", "7"])
  }

  /// copytruncate in a followed folder: the copy `app.jsonl.1` holds what was
  /// already read from `app.jsonl` (same first bytes, another inode); it is
  /// continued from that offset, and the truncated original restarts at 0.
  @Test func copytruncateInsideFollowedFolderReadsEveryLineOnce() throws {
    let fx = try TailFixture()
    let logs = fx.path("logs")
    try fx.makeDirectory(logs)
    let f = logs + "/app.jsonl"
    try fx.append(f, "1 first line long enough to fingerprint\n2\n")
    let tailer = Tailer(patterns: [logs], options: TailerOptions(fingerprintBytes: 16))
    #expect(Self.texts(TailFixture.poll(tailer)).count == 2)
    try fx.append(f, "3\n")  // written before the copy, not yet read
    let copied = try String(contentsOfFile: f, encoding: .utf8)
    try fx.append(f + ".1", copied)  // cp app.jsonl app.jsonl.1
    try fx.overwrite(f, "")  // : > app.jsonl
    try fx.append(f, "4\n")
    let events = TailFixture.poll(tailer)
    #expect(Self.texts(events).sorted() == ["3", "4"])
    #expect(Self.texts(TailFixture.poll(tailer)) == [])
  }

  /// copytruncate seen half-way (the copy is there, the original not yet
  /// truncated): the copy's bytes are not read twice, and after the
  /// truncation the original restarts at 0.
  @Test func copytruncateSeenBetweenCopyAndTruncation() throws {
    let fx = try TailFixture()
    let logs = fx.path("logs")
    try fx.makeDirectory(logs)
    let f = logs + "/app.jsonl"
    try fx.append(f, "1 first line long enough to fingerprint\n2\n")
    let tailer = Tailer(patterns: [logs], options: TailerOptions(fingerprintBytes: 16))
    #expect(Self.texts(TailFixture.poll(tailer)).count == 2)
    try fx.append(f, "3\n")
    let copied = try String(contentsOfFile: f, encoding: .utf8)
    try fx.append(f + ".1", copied)
    var delivered = Self.texts(TailFixture.poll(tailer))
    try fx.overwrite(f, "4\n")
    delivered += Self.texts(TailFixture.poll(tailer))
    #expect(delivered.sorted() == ["3", "4"])
  }

  /// `> app.jsonl` (truncation in place, fewer bytes than were read): read
  /// again from byte 0, as before.
  @Test func truncationInPlaceRestartsAtZero() throws {
    let fx = try TailFixture()
    let f = fx.path("app.jsonl")
    try fx.append(f, "1111\n2222\n")
    let tailer = Tailer(patterns: [f])
    _ = TailFixture.poll(tailer)
    try fx.overwrite(f, "3\n")
    let events = TailFixture.poll(tailer)
    #expect(events.contains { $0.truncationDetail != nil })
    #expect(events.last == .text(f, 1, "3"))
  }

  /// A path that exists is that file even when its name holds glob
  /// characters: `req[1].jsonl` is followed, not expanded as a pattern.
  @Test func existingPathWithGlobCharactersIsThatFile() throws {
    let fx = try TailFixture()
    let f = fx.path("req[1].jsonl")
    try fx.append(f, "x\n")
    try fx.append(fx.path("req1.jsonl"), "wrong\n")
    let tailer = Tailer(patterns: [f])
    #expect(TailFixture.poll(tailer) == [.opened(f, offset: 0, exact: true), .text(f, 1, "x")])
  }
}
