import Foundation
import Testing

@testable import FlightDeckCore

@Suite struct TelemetryDataFolderTests {
  typealias F = DataFolderFixture

  /// Waits (yielding, never sleeping) until `n` appends are queued.
  static func waitQueued(_ folder: TelemetryDataFolder, _ n: Int) async {
    while folder.queuedAppends < n { await Task.yield() }
  }

  @Test func appendedRecordsReadBackExactlyInOrder() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder()
    folder.start()
    var received = DataFolderFixture.record(0)
    received.latencyMs = 1.234567
    received.costUSD = 0.0000015
    received.cacheReadTokens = 40
    received.reasoningTokens = 7
    received.ttftMs = 0.5
    received.status = .error
    received.errorType = "openai.RateLimitError"
    try await folder.append([received, F.record(1)])
    try await folder.append([F.record(2)])
    try await folder.append([])
    folder.close()
    let back = try fx.readBack()
    #expect(back.records == [received, F.record(1), F.record(2)])
    #expect(back.malformed == 0)
    // One file, named for the clock's second, which the tailer and replay read.
    #expect(try fx.names() == ["received-20250601T000000Z-000001.jsonl"])
    #expect(TelemetryFileName.isTelemetry("received-20250601T000000Z-000001.jsonl"))
    let s = folder.statistics
    #expect(s.recordsWritten == 3)
    #expect(s.appendsWritten == 2)
    #expect(s.filesCreated == 1)
  }

  @Test func concurrentAppendsAreOneWriteAndOneFsync() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder()
    // The writer is not started: the 20 appends queue up, then its first pass takes them all.
    try await withThrowingTaskGroup(of: Void.self) { group in
      for i in 0..<20 { group.addTask { try await folder.append([F.record(i % 10)]) } }
      await Self.waitQueued(folder, 20)
      folder.start()
      try await group.waitForAll()
    }
    let s = folder.statistics
    #expect(s.appendsWritten == 20)
    #expect(s.groupCommits == 1)
    #expect(try fx.readBack().records.count == 20)
    folder.close()
  }

  @Test func aFullQueueRefusesAtOnceAndTheQueuedAppendsStillLand() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder { $0.queueLimitRecords = 3 }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for i in 0..<3 { group.addTask { try await folder.append([F.record(i)]) } }
      await Self.waitQueued(folder, 3)
      // The writer is stopped, so a wait would never end: the refusal must come at once.
      await #expect(throws: TelemetryIngestRefusal.behind(retryAfterSeconds: 1)) {
        try await folder.append([F.record(3)])
      }
      folder.start()
      try await group.waitForAll()
    }
    #expect(Set(try fx.readBack().records.map(\.requestID)) == ["req-0", "req-1", "req-2"])
    #expect(folder.statistics.refusedBehind == 1)
    folder.close()
  }

  @Test func theQueueIsBoundedInBytesToo() async throws {
    let fx = try F()
    defer { fx.remove() }
    // Room for two lines: the third waiting line is refused.
    let folder = try fx.folder { $0.queueLimitBytes = 2 * F.lineBytes }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for i in 0..<2 { group.addTask { try await folder.append([F.record(i)]) } }
      await Self.waitQueued(folder, 2)
      await #expect(throws: TelemetryIngestRefusal.behind(retryAfterSeconds: 1)) {
        try await folder.append([F.record(2)])
      }
      folder.start()
      try await group.waitForAll()
    }
    folder.close()
  }

  @Test func anAppendIntoAnEmptyQueueIsTakenWhateverItsSize() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder { $0.queueLimitRecords = 2 }
    folder.start()
    try await folder.append((0..<5).map { F.record($0) })
    #expect(try fx.readBack().records.count == 5)
    folder.close()
  }

  @Test func rotatesBySizeWithoutSplittingLines() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder { $0.rotateBytes = 2 * F.lineBytes }
    folder.start()
    for i in 0..<5 { try await folder.append([F.record(i)]) }
    folder.close()
    // 5 lines, 2 per file: [0, 1] [2, 3] [4]; one second, numbers 1…3.
    #expect(
      try fx.names() == [
        "received-20250601T000000Z-000001.jsonl", "received-20250601T000000Z-000002.jsonl",
        "received-20250601T000000Z-000003.jsonl",
      ])
    let sizes = try fx.names().map {
      try FileManager.default.attributesOfItem(atPath: fx.directory + "/" + $0)[.size] as? Int
    }
    #expect(sizes == [2 * F.lineBytes, 2 * F.lineBytes, F.lineBytes])
    #expect(try fx.readBack().records.map(\.requestID) == (0..<5).map { "req-\($0)" })
  }

  @Test func rotatesByAgeOnTheInjectedClock() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder { $0.rotateAgeMs = 3_600_000 }
    folder.start()
    try await folder.append([F.record(0)])
    fx.clock.advance(milliseconds: 3_599_999)
    try await folder.append([F.record(1)])
    fx.clock.advance(milliseconds: 1)
    try await folder.append([F.record(2)])
    folder.close()
    #expect(
      try fx.names() == ["received-20250601T000000Z-000001.jsonl", "received-20250601T010000Z-000001.jsonl"])
  }

  @Test func retentionByAgeDeletesFilesThatEndedTooLongAgoButNeverTheCurrentOne() async throws {
    let fx = try F()
    defer { fx.remove() }
    let hour: Int64 = 3_600_000
    let folder = try fx.folder {
      $0.rotateAgeMs = hour
      $0.retentionMaxAgeMs = 2 * hour
      $0.retentionMaxBytes = nil
    }
    folder.start()
    // F0 opened at 0 h, F1 at 1 h, F2 at 2 h, F3 at 3 h; a closed file ends when the next opens.
    for i in 0..<4 {
      try await folder.append([F.record(i)])
      fx.clock.advance(milliseconds: hour)
    }
    fx.clock.advance(milliseconds: -hour)
    // At 3 h F0 ended 2 h ago: not more than the limit, kept.
    #expect(try fx.names().count == 4)
    fx.clock.advance(milliseconds: 1)
    folder.maintain()
    #expect(
      try fx.names() == [
        "received-20250601T010000Z-000001.jsonl", "received-20250601T020000Z-000001.jsonl",
        "received-20250601T030000Z-000001.jsonl",
      ])
    // 997 hours later an append closes F3 (it ends then) and opens F4; F1 and F2 go.
    fx.clock.advance(milliseconds: 997 * hour)
    try await folder.append([F.record(4)])
    #expect(
      try fx.names() == ["received-20250601T030000Z-000001.jsonl", "received-20250712T160000Z-000001.jsonl"])
    #expect(folder.statistics.filesDeleted == 3)
    folder.close()
  }

  @Test func retentionAlsoRunsAtTheIntervalOfTheInjectedClock() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder {
      $0.rotateBytes = 2 * F.lineBytes
      $0.retentionMaxAgeMs = 600_000
      $0.maintenanceIntervalMs = 60_000
    }
    folder.start()
    // F0 holds req-0 and req-1; req-2 opens F1 (F0 ends then, at 0).
    for i in 0..<3 { try await folder.append([F.record(i)]) }
    #expect(try fx.names().count == 2)
    // 11 minutes later F0 is past the 10-minute limit. req-3 fits in F1, so no
    // rotation runs retention: the writer's pass due by the clock does, before the group.
    fx.clock.advance(milliseconds: 660_000)
    try await folder.append([F.record(3)])
    #expect(try fx.names() == ["received-20250601T000000Z-000002.jsonl"])
    #expect(try fx.readBack().records.map(\.requestID) == ["req-2", "req-3"])
    folder.close()
  }

  @Test func theFileBeingWrittenIsNeverDeletedByAge() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder {
      $0.rotateAgeMs = 1000 * 3_600_000
      $0.retentionMaxAgeMs = 1000
    }
    folder.start()
    try await folder.append([F.record(0)])
    fx.clock.advance(milliseconds: 500 * 3_600_000)
    folder.maintain()
    #expect(try fx.names() == ["received-20250601T000000Z-000001.jsonl"])
    folder.close()
  }

  @Test func retentionBySizeDeletesTheOldestFirst() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder {
      $0.rotateBytes = F.lineBytes
      $0.retentionMaxBytes = Int64(3 * F.lineBytes)
    }
    folder.start()
    for i in 0..<5 { try await folder.append([F.record(i)]) }
    // One line per file. Retention ran before each new file was written, with
    // that file still empty: at req-4's rotation the four files held 4 lines,
    // and the oldest went. req-4 then made it 4 lines again, until the next pass.
    #expect(try fx.names().count == 4)
    #expect(folder.statistics.filesDeleted == 1)
    folder.maintain()
    // 3 lines' worth kept: the newest three files.
    #expect(
      try fx.names() == [
        "received-20250601T000000Z-000003.jsonl", "received-20250601T000000Z-000004.jsonl",
        "received-20250601T000000Z-000005.jsonl",
      ])
    #expect(try fx.readBack().records.map(\.requestID) == ["req-2", "req-3", "req-4"])
    #expect(folder.statistics.filesDeleted == 2)
    folder.close()
  }

  @Test func aSizeLimitBelowOneFileKeepsTheCurrentFile() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder {
      $0.rotateBytes = F.lineBytes
      $0.retentionMaxBytes = 1
    }
    folder.start()
    for i in 0..<3 { try await folder.append([F.record(i)]) }
    folder.maintain()
    #expect(try fx.names() == ["received-20250601T000000Z-000003.jsonl"])
    #expect(try fx.readBack().records.map(\.requestID) == ["req-2"])
    folder.close()
  }

  @Test func otherFilesInTheFolderAreNeitherCountedNorDeleted() async throws {
    let fx = try F()
    defer { fx.remove() }
    try FileManager.default.createDirectory(atPath: fx.directory, withIntermediateDirectories: true)
    try Data(repeating: 0x41, count: 10_000).write(to: URL(fileURLWithPath: fx.directory + "/notes.txt"))
    let folder = try fx.folder {
      $0.rotateBytes = F.lineBytes
      $0.retentionMaxBytes = Int64(2 * F.lineBytes)
    }
    folder.start()
    for i in 0..<3 { try await folder.append([F.record(i)]) }
    folder.maintain()
    #expect(
      try fx.names() == [
        "notes.txt", "received-20250601T000000Z-000002.jsonl", "received-20250601T000000Z-000003.jsonl",
      ])
    folder.close()
  }

  @Test func aWriteFailureRefusesAsUnavailableAndTheFolderRecovers() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder { $0.rotateBytes = F.lineBytes }
    folder.start()
    try await folder.append([F.record(0)])
    // The folder is replaced by a regular file: the next file cannot be created.
    try FileManager.default.removeItem(atPath: fx.directory)
    try Data("x".utf8).write(to: URL(fileURLWithPath: fx.directory))
    await #expect {
      try await folder.append([F.record(1)])
    } throws: { error in
      guard case .unavailable(let reason) = error as? TelemetryIngestRefusal else { return false }
      return reason.contains(fx.directory) && reason.contains("not a directory")
    }
    #expect(folder.statistics.refusedUnavailable == 1)
    #expect(folder.statistics.lastFailure != nil)
    // Space back: the next append creates the folder again and lands.
    try FileManager.default.removeItem(atPath: fx.directory)
    try await folder.append([F.record(2)])
    #expect(try fx.readBack().records.map(\.requestID) == ["req-2"])
    #expect(folder.statistics.lastFailure == nil)
    folder.close()
  }

  @Test func aNameTakenByADirectoryIsPassedOver() async throws {
    let fx = try F()
    defer { fx.remove() }
    try FileManager.default.createDirectory(
      atPath: fx.directory + "/received-20250601T000000Z-000001.jsonl", withIntermediateDirectories: true)
    let folder = try fx.folder()
    folder.start()
    try await folder.append([F.record(0)])
    #expect(folder.currentFilePath == fx.directory + "/received-20250601T000000Z-000002.jsonl")
    #expect(try fx.readBack().records.map(\.requestID) == ["req-0"])
    folder.close()
  }

  @Test func aTornLastLineIsSealedAndTheNextFileStartsFresh() async throws {
    let fx = try F()
    defer { fx.remove() }
    try FileManager.default.createDirectory(atPath: fx.directory, withIntermediateDirectories: true)
    // A crash in the middle of a write: one whole line, then half of the next.
    let whole = F.record(0).jsonLine + "\n"
    let torn = String(F.record(1).jsonLine.prefix(70))
    let old = fx.directory + "/received-20250601T000000Z-000001.jsonl"
    try Data((whole + torn).utf8).write(to: URL(fileURLWithPath: old))
    let folder = try fx.folder()
    #expect(folder.statistics.sealedTornFiles == 1)
    folder.start()
    try await folder.append([F.record(2)])
    folder.close()
    // The old file now ends with a newline; the new record is in a new file.
    #expect(try String(contentsOfFile: old, encoding: .utf8) == whole + torn + "\n")
    #expect(try fx.names().last == "received-20250601T000000Z-000002.jsonl")
    let back = try fx.readBack()
    #expect(back.records.map(\.requestID) == ["req-0", "req-2"])
    #expect(back.malformed == 1)
    // `replay` reads the folder the same way: two records, one malformed line.
    let replay = try ReplayAggregator.run(paths: [fx.directory], options: ReplayOptions())
    #expect(replay.records == 2)
    #expect(replay.malformedLines == 1)
    // Opening again finds nothing to seal.
    #expect(try fx.folder().statistics.sealedTornFiles == 0)
  }

  @Test func appendsAfterCloseAreRefused() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder()
    folder.start()
    folder.close()
    await #expect(throws: TelemetryIngestRefusal.unavailable(reason: "the data folder is closed")) {
      try await folder.append([F.record(0)])
    }
  }

  @Test func closingAFolderNeverStartedFailsWhatWaits() async throws {
    let fx = try F()
    defer { fx.remove() }
    let folder = try fx.folder()
    let waiting = Task { () async -> TelemetryIngestRefusal? in
      do throws(TelemetryIngestRefusal) {
        try await folder.append([F.record(0)])
        return nil
      } catch {
        return error
      }
    }
    await Self.waitQueued(folder, 1)
    folder.close()
    #expect(await waiting.value == .unavailable(reason: "the data folder is closed"))
  }
}
