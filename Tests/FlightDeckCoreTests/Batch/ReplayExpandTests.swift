import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `ReplayAggregator.expand` and the tailer's directory discovery: same
/// telemetry-name rule, non-regular files rejected or ignored.
@Suite struct ReplayExpandTests {
  /// A directory holding every kind of entry, with the names the rule must
  /// accept and reject. Returns the directory and the accepted names (sorted
  /// bytewise, written down by hand from the rule).
  static func mixedDirectory() throws -> (URL, [String]) {
    let dir = try ReplayAggregatorTests.temporaryDirectory()
    let line = ReplayAggregatorTests.line(
      "2025-06-01T00:00:00Z", "r1", artefact: "gpt-4o", kind: "model", version: "v1", route: "stable",
      latency: "100", input: 1, output: 2, cost: "0.5", status: "ok")
    let files = [
      "a.jsonl", "b.json", "c.ndjson", "d.log", "e.jsonl.1", "f.log-20250601", "g.JSONL", "h.log.2.1",
      "PROVENANCE.md", "notes.txt", ".hidden.jsonl", "x.jsonl.gz", "jsonl", "y.jsonl.1a",
    ]
    for name in files {
      try Data((line + "\n").utf8).write(to: dir.appendingPathComponent(name))
    }
    #expect(mkfifo(dir.appendingPathComponent("pipe.jsonl").path, 0o644) == 0)
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("sub.jsonl"), withIntermediateDirectories: false)
    // Accepted: the four extensions (any case), `.N` / `-N` rotations; bytewise
    // order puts the upper-case "g.JSONL" after "f…" and before "h…".
    return (
      dir, ["a.jsonl", "b.json", "c.ndjson", "d.log", "e.jsonl.1", "f.log-20250601", "g.JSONL", "h.log.2.1"]
    )
  }

  @Test func directoryKeepsOnlyRegularTelemetryFiles() throws {
    let (dir, accepted) = try Self.mixedDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let files = try ReplayAggregator.expand([dir.path])
    #expect(files == accepted.map { dir.path + "/" + $0 })
    // The whole replay reads one record from each accepted file and no
    // malformed line from PROVENANCE.md or the others; the FIFO does not block.
    let result = try ReplayAggregator.run(paths: [dir.path], options: ReplayOptions())
    #expect(result.records == accepted.count)
    #expect(result.malformedLines == 0)
  }

  /// `dashboard DIR` (the tailer) follows exactly the files `replay DIR` reads.
  @Test func tailerDiscoversTheSameFilesAsReplay() throws {
    let (dir, accepted) = try Self.mixedDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let tailer = Tailer(patterns: [dir.path])
    var lines: [String] = []
    tailer.poll { event in
      if case .line(let path, _, _) = event { lines.append(path) }
    }
    let expected = accepted.map { dir.path + "/" + $0 }
    #expect(tailer.sourceStatuses.map(\.path) == expected)
    #expect(lines == expected)
    #expect(try ReplayAggregator.expand([dir.path]) == tailer.sourceStatuses.map(\.path))
  }

  /// An explicit FIFO is an error naming the path, before anything is opened
  /// (opening it would wait for a writer forever); a FIFO matched by a glob
  /// is ignored.
  @Test func explicitFifoIsAnErrorAndGlobMatchIsIgnored() throws {
    let dir = try ReplayAggregatorTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("live.jsonl").path
    #expect(mkfifo(fifo, 0o644) == 0)
    let good = dir.appendingPathComponent("good.jsonl").path
    try Data("{}\n".utf8).write(to: URL(fileURLWithPath: good))
    do {
      _ = try ReplayAggregator.run(paths: [fifo], options: ReplayOptions())
      Issue.record("a FIFO must be rejected")
    } catch let error as ReplayAggregator.FileError {
      #expect(error.description == "\(fifo): not a regular file (a FIFO)")
    }
    #expect(throws: ReplayAggregator.FileError.self) { try ReplayAggregator.expand([good, fifo]) }
    #expect(try ReplayAggregator.expand([dir.path + "/*.jsonl"]) == [good])
    // An explicit regular file is taken whatever its name.
    let notes = dir.appendingPathComponent("notes.txt").path
    try Data("{}\n".utf8).write(to: URL(fileURLWithPath: notes))
    #expect(try ReplayAggregator.expand([notes]) == [notes])
  }

  /// The name rule on its own, case by case.
  @Test(arguments: [
    ("events.jsonl", true), ("trace.json", true), ("a.ndjson", true), ("app.log", true),
    ("TRACE.Json", true), ("app.jsonl.1", true), ("app.jsonl.12", true), ("app.log-20250601", true),
    ("app.log.1.2", true), ("1.json", true), ("PROVENANCE.md", false), ("notes.txt", false),
    ("app.jsonl.gz", false), ("app.jsonl.1.gz", false), (".hidden.jsonl", false), ("jsonl", false),
    ("app-20250601", false), ("app.jsonl.", false), ("app.jsonl.1x", false), ("app.jsonlx", false),
    (".jsonl", false), ("x.jsonl~", false), ("x.jsonl.swp", false),
  ])
  func telemetryNameRule(name: String, accepted: Bool) {
    #expect(TelemetryFileName.isTelemetry(name) == accepted, "\(name)")
  }
}
