import Foundation
import Testing

@testable import FlightDeckCore

/// Records handed over in timestamp order, ties in file order, from files read in stretches.
@Suite struct TelemetryTimeOrderScanTests {
  let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)

  func record(_ offsetMs: Int64, id: String) -> TelemetryRecord {
    TelemetryRecord(
      timestamp: t0.adding(milliseconds: offsetMs), requestID: id, artefact: "bot", kind: .agent,
      version: "v1", route: .stable, latencyMs: 100, inputTokens: 1, outputTokens: 1, costUSD: 0.01,
      status: .ok)
  }

  @Test func recordsComeInTimestampOrderTiesInFileOrder() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-order-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    // File a: 6 000 records 1 s apart, except that records 3 000…3 199 are written 2 000 s
    // early (a late stretch) and every 10th record repeats the previous timestamp (a tie).
    // File b: 6 000 records written latest first, two per even second (ties inside b),
    // each tying with a record of a, which must come first.
    var a: [(Int64, String)] = []
    for i in 0..<6_000 {
      var t = Int64(i) * 1_000
      if i % 10 == 9 { t -= 1_000 }
      if (3_000..<3_200).contains(i) { t -= 2_000_000 }
      a.append((t, "a\(i)"))
    }
    let b: [(Int64, String)] = (0..<6_000).map { (Int64(5_999 - $0) / 2 * 2_000, "b\($0)") }
    var files: [String] = []
    for (name, rows) in [("a", a), ("b", b)] {
      let text = rows.map { record($0.0, id: $0.1).jsonLine }.joined(separator: "\n") + "\n{broken\n"
      let url = dir.appendingPathComponent("\(name).jsonl")
      try text.write(to: url, atomically: true, encoding: .utf8)
      files.append(url.path)
    }
    // The expected order, worked out by a stable sort of (timestamp, position in a then b).
    let expected = (a + b).enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
      .map(\.element.1)
    var seen: [String] = []
    let summary = try TelemetryTimeOrderScan.scan(
      paths: files, options: EngineOptions(), chunkBytes: 64 << 10
    ) {
      seen.append($0.requestID)
    }
    #expect(summary.records == 12_000)
    #expect(summary.malformedLines == 2)
    #expect(seen.count == expected.count)
    #expect(seen == expected)
  }
}
