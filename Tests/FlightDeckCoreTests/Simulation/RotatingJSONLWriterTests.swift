import Foundation
import Testing

@testable import FlightDeckCore

@Suite("RotatingJSONLWriter")
struct RotatingJSONLWriterTests {
  private func sampleLines(_ count: Int) -> [String] {
    let start = SimulationFixtures.start
    var simulator = TrafficSimulator(
      scenario: SimulationFixtures.scenario(canaryWeight: 20, rate: 50), seed: 6, start: start)
    var lines: [String] = []
    var until: Int64 = 1000
    while lines.count < count {
      lines += simulator.records(until: start.adding(milliseconds: until)).map(\.jsonLine)
      until += 1000
    }
    return Array(lines.prefix(count))
  }

  private func read(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8)
  }

  @Test("writing past the limit rotates once: .1 then the current file hold exactly the lines written")
  func singleRotation() throws {
    let directory = try SimulationFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let lines = sampleLines(100)
    let total = lines.reduce(0) { $0 + $1.utf8.count + 1 }
    // Limit 60 % of the total: the first file fills to ≤ 0.6·total, the rest
    // (≥ 0.4·total, lines are ≈ 1 % each) fits in the second.
    let limit = total * 6 / 10
    let writer = try RotatingJSONLWriter(directory: directory, maxBytes: limit, keep: 3)
    for batch in stride(from: 0, to: 100, by: 10) {
      try writer.write(lines: Array(lines[batch..<batch + 10]))
    }
    writer.close()
    let current = directory.appendingPathComponent("telemetry.jsonl")
    let rotated = directory.appendingPathComponent("telemetry.jsonl.1")
    #expect(writer.rotations == 1)
    #expect(!FileManager.default.fileExists(atPath: current.path + ".2"))
    let first = try read(rotated)
    let second = try read(current)
    #expect(first.utf8.count <= limit && second.utf8.count <= limit)
    #expect(first.hasSuffix("\n") && second.hasSuffix("\n"))
    #expect(first + second == lines.joined(separator: "\n") + "\n")
  }

  @Test("many rotations keep the newest files; no line is split or lost within them")
  func keepLimit() throws {
    let directory = try SimulationFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let lines = sampleLines(200)
    let writer = try RotatingJSONLWriter(directory: directory, maxBytes: 4096, keep: 3)
    for line in lines { try writer.write(lines: [line]) }
    writer.close()
    // ≈ 200 lines of ≈ 300 bytes = 60 KB over 4 KiB files: well over 4 rotations.
    #expect(writer.rotations > 4)
    let base = directory.appendingPathComponent("telemetry.jsonl").path
    #expect(!FileManager.default.fileExists(atPath: base + ".4"))
    var text = ""
    for suffix in [".3", ".2", ".1", ""] {
      let part = try read(URL(fileURLWithPath: base + suffix))
      #expect(part.utf8.count <= 4096 && part.hasSuffix("\n"))
      text += part
    }
    let kept = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    #expect(!kept.isEmpty)
    #expect(kept == Array(lines.suffix(kept.count)))
  }

  @Test("a new writer appends to an existing file and counts its size")
  func appends() throws {
    let directory = try SimulationFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let first = try RotatingJSONLWriter(directory: directory)
    try first.write(lines: ["{\"a\":1}"])
    first.close()
    let second = try RotatingJSONLWriter(directory: directory)
    #expect(second.currentSize == 8)  // "{\"a\":1}" is 7 bytes + newline
    try second.write(lines: ["{\"b\":2}", "{\"c\":3}"])
    second.close()
    #expect(
      try read(directory.appendingPathComponent("telemetry.jsonl")) == "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n")
  }

  @Test("a symbolic link or a FIFO at the file's path is refused, never written through or waited on")
  func refusesWhatIsNotARegularFile() throws {
    let directory = try SimulationFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("telemetry.jsonl").path
    // A symlink to another file: before, the writer appended through it.
    let target = directory.appendingPathComponent("elsewhere").path
    try Data("keep\n".utf8).write(to: URL(fileURLWithPath: target))
    #expect(symlink(target, path) == 0)
    let link = try #require(throws: TelemetryWriteError.self) {
      try RotatingJSONLWriter(directory: directory)
    }
    #expect(link.reason == "is a symbolic link (the simulator writes only regular files)")
    #expect(try read(URL(fileURLWithPath: target)) == "keep\n")
    // A FIFO with no reader: before, open(2) waited forever for one.
    #expect(unlink(path) == 0)
    #expect(mkfifo(path, 0o600) == 0)
    let fifo = try #require(throws: TelemetryWriteError.self) {
      try RotatingJSONLWriter(directory: directory)
    }
    #expect(fifo.reason == "is not a regular file (a FIFO)")
  }
}
