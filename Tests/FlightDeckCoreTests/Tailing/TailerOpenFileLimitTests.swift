import FlightDeckCore
import Foundation
import Testing

/// Issue 11: with more files than descriptors, the tailer says how many it
/// follows, and idle files give their descriptors to files that wait.
@Suite struct TailerOpenFileLimitTests {
  typealias E = RecordedTailEvent

  /// The lines of `events` as (path, line number, text).
  func lines(_ events: [E]) -> [String] {
    events.compactMap { e in
      guard case .line(let p, let n, let bytes) = e else { return nil }
      return "\(p.split(separator: "/").last!):\(n):\(String(decoding: bytes, as: UTF8.self))"
    }
  }

  @Test func idleFilesCloseTheirDescriptorsForFilesThatWaitAndReopenOnChange() throws {
    let fx = try TailFixture()
    let (f1, f2, f3) = (fx.path("f1.jsonl"), fx.path("f2.jsonl"), fx.path("f3.jsonl"))
    for (path, text) in [(f1, "1a\n"), (f2, "2a\n"), (f3, "3a\n")] { try fx.append(path, text) }
    var options = TailerOptions()
    options.maxOpenFiles = 2
    options.idleClosePolls = 2
    let tailer = Tailer(patterns: [f1, f2, f3], options: options)
    #expect(tailer.openFileBudget == 2)

    // Poll 1: f1 and f2 take both descriptors; f3 waits.
    #expect(lines(TailFixture.poll(tailer)) == ["f1.jsonl:1:1a", "f2.jsonl:1:2a"])
    #expect(tailer.sourcesOverOpenFileLimit == 1)
    #expect(tailer.sourceStatuses.map(\.state) == [.following, .following, .waiting])
    #expect(tailer.sourceStatuses[2].detail == "not opened: open-file limit (2 files)")
    // Poll 2: f1 and f2 idle one poll; poll 3: idle two, f1 (first) is parked.
    #expect(lines(TailFixture.poll(tailer)).isEmpty)
    #expect(lines(TailFixture.poll(tailer)).isEmpty)
    #expect(tailer.sourcesOverOpenFileLimit == 1)
    #expect(tailer.sourceStatuses[0].detail == "idle: descriptor closed, reopened when the file changes")
    // Poll 4: f3 gets f1's descriptor and is read.
    #expect(lines(TailFixture.poll(tailer)) == ["f3.jsonl:1:3a"])
    #expect(tailer.sourcesOverOpenFileLimit == 0)
    #expect(tailer.sourceStatuses.map(\.state) == [.following, .following, .following])

    // f1 changes while both descriptors are taken: it waits one poll (f2,
    // idle longest, is parked), then continues at its offset: line 2 only.
    try fx.append(f1, "1b\n")
    #expect(lines(TailFixture.poll(tailer)).isEmpty)
    #expect(tailer.sourcesOverOpenFileLimit == 1)
    #expect(tailer.sourceStatuses[1].detail == "idle: descriptor closed, reopened when the file changes")
    #expect(lines(TailFixture.poll(tailer)) == ["f1.jsonl:2:1b"])
    #expect(tailer.sourcesOverOpenFileLimit == 0)
    #expect(tailer.offset(path: f1) == 6)
    #expect(tailer.sourceStatuses[0].detail == "reopened on change, continuing at byte 3")

    // A parked file that changes after its descriptor was closed is read on too.
    try fx.append(f2, "2b\n")
    try fx.append(f3, "3b\n")
    var seen: [String] = []
    for _ in 0..<8 { seen += lines(TailFixture.poll(tailer)) }
    #expect(seen.sorted() == ["f2.jsonl:2:2b", "f3.jsonl:2:3b"])
  }

  @Test func withinTheLimitNoFileIsParked() throws {
    let fx = try TailFixture()
    let (f1, f2) = (fx.path("f1.jsonl"), fx.path("f2.jsonl"))
    try fx.append(f1, "1a\n")
    try fx.append(f2, "2a\n")
    var options = TailerOptions()
    options.maxOpenFiles = 2
    options.idleClosePolls = 1
    let tailer = Tailer(patterns: [f1, f2], options: options)
    for _ in 0..<5 { _ = TailFixture.poll(tailer) }
    #expect(tailer.sourcesOverOpenFileLimit == 0)
    #expect(tailer.sourceStatuses.map(\.detail) == ["following from byte 0", "following from byte 0"])
  }

  @Test func theDefaultBudgetIsTheSoftLimitLessTheReserve() {
    #expect(OpenFileLimit.fileBudget(soft: 1024) == 992)
    #expect(OpenFileLimit.fileBudget(soft: 10) == 1)
    #expect(OpenFileLimit.fileBudget(soft: nil) == nil)
    let soft = OpenFileLimit.soft
    #expect(Tailer(patterns: []).openFileBudget == OpenFileLimit.fileBudget(soft: soft))
  }
}
