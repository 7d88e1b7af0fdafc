import Foundation
import Testing

@testable import FlightDeckCore

/// A line that opens a multi-line JSON document which then breaks or never
/// closes (a stray `[` or `{`, an unfinished `{"resourceSpans": [`) does not
/// swallow the valid lines after it, and `replay` gives the same totals with
/// any thread count when a document crosses the boundary between two
/// threads' parts (breaker report 11c, findings P1 and P2).
@Suite struct StrayDocumentLineTests {
  static func line(_ i: Int) -> String {
    "{\"ts\":\"2025-06-01T00:00:\(String(format: "%02d", i % 60)).000Z\",\"request_id\":\"r\(i)\","
      + "\"artefact\":\"bot\",\"kind\":\"model\",\"version\":\"v1\",\"route\":\"stable\","
      + "\"latency_ms\":\(100 + i),\"input_tokens\":10,\"output_tokens\":5,\"cost_usd\":0.001,\"status\":\"ok\"}"
  }

  /// Decodes `lines` through one decoder, then `finish()`: the records and
  /// the (line number, reason) of every error, numbered from 1 as a reader does.
  static func decode(_ lines: [String], format: TelemetryFormat = .auto) -> (
    records: [TelemetryRecord], errors: [(line: Int, reason: String)]
  ) {
    var d = TelemetryLineDecoder(format: format, prices: PriceTable(prices: [:]))
    var records: [TelemetryRecord] = []
    var errors: [(line: Int, reason: String)] = []
    func take(_ r: TelemetryDecodeResult, at n: Int) {
      records += r.records
      errors += r.errors.map { (n - $0.linesBeforeCurrent, $0.reason) }
    }
    for (k, text) in lines.enumerated() {
      let r = Array(text.utf8).withUnsafeBytes { d.decode(line: $0) }
      take(r, at: k + 1)
    }
    if let tail = d.finish() { take(tail, at: lines.count) }
    return (records, errors)
  }

  @Test(arguments: ["[", "{", "  {  ", "{\"resourceSpans\": ["])
  func aStrayOpeningLineKeepsTheLinesAfterIt(opener: String) {
    let lines = [Self.line(0), opener, Self.line(1), Self.line(2), Self.line(3)]
    let (records, errors) = Self.decode(lines)
    #expect(records.map(\.requestID) == ["r0", "r1", "r2", "r3"])
    #expect(errors.count == 1)
    #expect(errors.first?.line == 2)
  }

  @Test func aDocumentThatBreaksKeepsItsValidLinesAndNamesTheOthers() {
    // `[`, a valid line, a line of an object's middle, a valid line, then
    // `}` which closes nothing: the document breaks on line 5.
    let lines = ["[", Self.line(1), "  \"model\": \"x\",", Self.line(2), "}", Self.line(3)]
    let (records, errors) = Self.decode(lines)
    #expect(records.map(\.requestID) == ["r1", "r2", "r3"])
    #expect(errors.map(\.line) == [1, 3, 5])
  }

  @Test func aBrokenPrettyPrintedDocumentIsStillOneError() {
    // No line of it is a record on its own: one error, at its first line.
    let lines = ["[", "  {", "    \"model\": \"gpt-4o\",", "    \"response_cost\": 0.1"]
    let (records, errors) = Self.decode(lines)
    #expect(records.isEmpty)
    #expect(errors.count == 1)
    #expect(errors.first?.line == 1)
    #expect(errors.first?.reason == "unterminated JSON document (4 lines)")
  }

  @Test func aDocumentOverTheSizeCapKeepsTheLinesItHeld() {
    var d = TelemetryLineDecoder(format: .auto, prices: PriceTable(prices: [:]), maxDocumentBytes: 1_000)
    var ids: [String] = []
    var errors = 0
    for text in ["["] + (1...20).map(Self.line) {
      let r = Array(text.utf8).withUnsafeBytes { d.decode(line: $0) }
      ids += r.records.map(\.requestID)
      errors += r.errors.count
    }
    if let tail = d.finish() {
      ids += tail.records.map(\.requestID)
      errors += tail.errors.count
    }
    #expect(ids == (1...20).map { "r\($0)" })
    #expect(errors == 1)
  }

  /// A FlightDeck line first (so `replay` splits the file between threads),
  /// then `[`, then 30 000 valid lines (over 1 MiB): every thread count
  /// reads all 30 001 records and reports the one stray line.
  @Test func replayGivesTheSameTotalsWithAnyThreadCount() throws {
    let dir = try ReplayAggregatorTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("stray.jsonl").path
    let lines = [Self.line(0), "["] + (1...30_000).map(Self.line)
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    #expect(size > 1 << 20)  // else the file is not split
    var options = ReplayOptions()
    options.prices = PriceTable(prices: [:])
    for threads in [1, 2, 4] {
      options.threads = threads
      let result = try ReplayAggregator.run(paths: [path], options: options)
      #expect(result.records == 30_001, "threads \(threads)")
      #expect(result.malformedLines == 1, "threads \(threads)")
      #expect(result.errors.map(\.line) == [2], "threads \(threads)")
      #expect(result.rows.first?.stats.requests == 30_001, "threads \(threads)")
    }
  }
}
