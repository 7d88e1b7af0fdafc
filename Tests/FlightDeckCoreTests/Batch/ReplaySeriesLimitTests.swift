import Foundation
import Testing

@testable import FlightDeckCore

/// `replay` honours `[metrics] max_series` as the dashboard does: the first
/// series in file order are kept, the records of later new series are
/// counted over the limit and dropped.
@Suite struct ReplaySeriesLimitTests {
  /// One line of series (`artefact`, v1, stable), latency 100 ms, cost 0.001.
  static func line(_ i: Int, _ artefact: String) -> String {
    ReplayAggregatorTests.line(
      String(format: "2025-06-01T00:%02d:%02d.%03dZ", (i / 60_000) % 60, (i / 1000) % 60, i % 1000),
      String(format: "r%08d", i), artefact: artefact, kind: "model", version: "v1", route: "stable",
      latency: "100.000", input: 10, output: 5, cost: "0.001000", status: "ok")
  }

  static func requests(_ r: ReplayResult) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: r.rows.map { ($0.key.artefact, $0.stats.requests) })
  }

  @Test func secondFileKeepsKnownSeriesAndRefusesNewOnes() throws {
    let dir = try ReplayAggregatorTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let first = dir.appendingPathComponent("a.jsonl").path
    let second = dir.appendingPathComponent("b.jsonl").path
    // File a: A, B, A. File b: C, A, D, C. Limit 2: A and B are kept; C
    // (twice) and D are refused; A's record in b still counts.
    try
      ([Self.line(0, "svc-a"), Self.line(1, "svc-b"), Self.line(2, "svc-a")].joined(separator: "\n") + "\n")
      .write(toFile: first, atomically: true, encoding: .utf8)
    try
      ([Self.line(3, "svc-c"), Self.line(4, "svc-a"), Self.line(5, "svc-d"), Self.line(6, "svc-c")]
      .joined(separator: "\n") + "\n")
      .write(toFile: second, atomically: true, encoding: .utf8)
    var options = ReplayOptions()
    options.threads = 1
    options.maxSeries = 2
    let r = try ReplayAggregator.run(paths: [first, second], options: options)
    #expect(Self.requests(r) == ["svc-a": 3, "svc-b": 1])
    #expect(r.records == 4)
    #expect(r.overSeriesLimitRecords == 3)
    #expect(r.seriesLimit == 2)
    #expect(r.malformedLines == 0)
    // Without the limit every series has a row and nothing is refused.
    options.maxSeries = 100
    let all = try ReplayAggregator.run(paths: [first, second], options: options)
    #expect(Self.requests(all) == ["svc-a": 3, "svc-b": 1, "svc-c": 2, "svc-d": 1])
    #expect(all.overSeriesLimitRecords == 0)
  }

  /// A file of over 1 MiB is cut into two parts read in parallel. Its first
  /// half alternates A and B; its second starts with ten new series (one
  /// record each) and goes on with A. With a limit of 2, the part holding
  /// the second half takes two of the new series and refuses A, which the
  /// first part took: the file must be read again in one pass, so that A
  /// keeps all of its records.
  @Test(arguments: [1, 2]) func limitAppliesInFileOrderAcrossParallelParts(threads: Int) throws {
    let dir = try ReplayAggregatorTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("big.jsonl").path
    var lines: [String] = []
    for i in 0..<3000 { lines.append(Self.line(i, i % 2 == 0 ? "svc-a" : "svc-b")) }
    for i in 3000..<3010 { lines.append(Self.line(i, "new-\(i - 3000)")) }
    for i in 3010..<6000 { lines.append(Self.line(i, "svc-a")) }
    let text = lines.joined(separator: "\n") + "\n"
    #expect(text.utf8.count > 1 << 20)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    var options = ReplayOptions()
    options.threads = threads
    options.maxSeries = 2
    let r = try ReplayAggregator.run(paths: [path], options: options)
    // A: 1500 in the first half + 2990 after the new series; B: 1500.
    #expect(Self.requests(r) == ["svc-a": 4490, "svc-b": 1500])
    #expect(r.records == 5990)
    #expect(r.overSeriesLimitRecords == 10)
    let a = try #require(r.rows.first { $0.key.artefact == "svc-a" })
    #expect(a.stats.p50Ms == 100)
    #expect(a.stats.inputTokens == 44_900)
  }
}
