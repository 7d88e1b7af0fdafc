import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct ReplayAggregatorTests {
  /// 2025-06-01T00:00:00Z in ms since the epoch.
  static let t0: Int64 = 1_748_736_000_000

  /// A fresh empty temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("flightdeck-replay-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// One FlightDeck JSON line; `cost` nil leaves `cost_usd` out.
  static func line(
    _ ts: String, _ id: String, artefact: String, kind: String, version: String, route: String,
    latency: String, input: Int, output: Int, cost: String?, status: String
  ) -> String {
    let costPart = cost.map { "\"cost_usd\":\($0)," } ?? ""
    return "{\"ts\":\"\(ts)\",\"request_id\":\"\(id)\",\"artefact\":\"\(artefact)\",\"kind\":\"\(kind)\","
      + "\"version\":\"\(version)\",\"route\":\"\(route)\",\"latency_ms\":\(latency),"
      + "\"input_tokens\":\(input),\"output_tokens\":\(output),\(costPart)\"status\":\"\(status)\"}"
  }

  /// `|got - exact| <= exact * tolerance`.
  static func near(_ got: Double?, _ exact: Double, _ tolerance: Double) -> Bool {
    guard let got else { return false }
    return abs(got - exact) <= exact * tolerance
  }

  @Test func smallFileGivesHandComputedRowsCountsAndErrors() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("small.jsonl").path
    func a(
      _ ts: String, _ id: String, _ latency: String, _ input: Int, _ output: Int, _ cost: String?,
      _ status: String
    )
      -> String
    {
      Self.line(
        ts, id, artefact: "gpt-4o", kind: "model", version: "v1", route: "stable", latency: latency,
        input: input,
        output: output, cost: cost, status: status)
    }
    func b(
      _ ts: String, _ id: String, _ latency: String, _ input: Int, _ output: Int, _ cost: String?,
      _ status: String
    )
      -> String
    {
      Self.line(
        ts, id, artefact: "helpdesk", kind: "agent", version: "v2", route: "canary", latency: latency,
        input: input,
        output: output, cost: cost, status: status)
    }
    let lines = [
      a("2025-06-01T00:00:01.000Z", "r1", "100", 1000, 100, "0.01", "ok"),  // 1
      a("2025-06-01T00:00:02.000Z", "r2", "200", 2000, 200, "0.02", "error"),  // 2
      b("2025-06-01T00:00:03.000Z", "r3", "30000", 500, 0, "0.005", "timeout"),  // 3
      "{\"ts\":\"2025-06-01T00:00:04.000Z\",\"request_id\":\"r4\"",  // 4: truncated
      a("2025-06-01T02:00:00.000Z", "r5", "999", 9, 9, "0.9", "ok"),  // 5: after --to
      a("2025-06-01T00:00:06.000Z", "r6", "150", 1000, 500, nil, "ok"),  // 6: priced
      b("2025-06-01T00:00:07.000Z", "r7", "400", 300, 30, nil, "ok"),  // 7: unknown cost
      b("2025-06-01T00:00:08.000Z", "r8", "500", 100, 10, "0.004", "ok"),  // 8
      // 9: no latency_ms.
      "{\"ts\":\"2025-06-01T00:00:09.000Z\",\"request_id\":\"r9\",\"artefact\":\"gpt-4o\",\"kind\":\"model\","
        + "\"version\":\"v1\",\"route\":\"stable\",\"input_tokens\":1,\"output_tokens\":1,\"status\":\"ok\"}",
      // 10: an escape in request_id: the scanner declines, the general decoder reads it.
      a("2025-06-01T00:00:10.000Z", "r\\u0031\\u0030", "300", 3000, 300, "0.03", "ok"),
    ]
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)

    var options = ReplayOptions()
    options.from = Timestamp(millisecondsSinceEpoch: Self.t0)
    options.to = Timestamp(millisecondsSinceEpoch: Self.t0 + 3_600_000)  // 01:00:00Z
    options.prices = PriceTable(prices: ["gpt-4o": ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10)])
    options.threads = 1
    let result = try ReplayAggregator.run(paths: [path], options: options)

    #expect(result.records == 7)  // lines 1, 2, 3, 6, 7, 8, 10
    #expect(result.outsideWindow == 1)  // line 5
    #expect(result.malformedLines == 2)  // lines 4 and 9
    #expect(result.oversizedLines == 0)
    #expect(
      result.errors == [
        // Line 4 is 50 bytes (`{` 1, `"ts"` 2-5, `:` 6, the quoted timestamp 7-32, `,` 33,
        // `"request_id"` 34-45, `:` 46, `"r4"` 47-50): it ends before byte 51, inside the object.
        IngestError(
          path: path, line: 4, reason: "invalid JSON at column 51: truncated: the line ends inside an object"),
        IngestError(path: path, line: 9, field: "latency_ms", reason: TelemetryDecodeError.Reason.missing),
      ])
    let tolerance = result.quantileRelativeError
    #expect(tolerance == 1.0 / 2048)  // 3 significant digits: 2048 sub-buckets, midpoint error 1/2048
    #expect(
      result.rows.map(\.key) == [
        SeriesKey(artefact: "gpt-4o", version: "v1", route: .stable),
        SeriesKey(artefact: "helpdesk", version: "v2", route: .canary),
      ])
    guard result.rows.count == 2 else { return }

    // gpt-4o/v1/stable: lines 1, 2, 6, 10.
    let g = result.rows[0]
    #expect(g.kind == .model)
    #expect(g.stats.requests == 4)
    #expect(g.stats.errors == 1)
    #expect(g.stats.timeouts == 0)
    #expect(g.stats.errorRate == 0.25)  // 1 / 4
    #expect(g.stats.inputTokens == 7000)  // 1000 + 2000 + 1000 + 3000
    #expect(g.stats.outputTokens == 1100)  // 100 + 200 + 500 + 300
    // Line 6 priced: (1000 × 2.5 + 500 × 10) / 1e6 = 0.0075; 0.01 + 0.02 + 0.0075 + 0.03 = 0.0675.
    #expect(abs(g.stats.costUSD - 0.0675) <= 0.0675 * 1e-12)
    #expect(g.stats.costUnknownRequests == 0)
    // Latencies sorted 100, 150, 200, 300; R type 7: h = (n − 1)q + 1.
    #expect(Self.near(g.stats.p50Ms, 175, tolerance))  // h = 2.5: 150 + 0.5 × 50
    #expect(Self.near(g.stats.p95Ms, 285, tolerance))  // h = 3.85: 200 + 0.85 × 100
    #expect(Self.near(g.stats.p99Ms, 297, tolerance))  // h = 3.97: 200 + 0.97 × 100

    // helpdesk/v2/canary: lines 3, 7, 8.
    let h = result.rows[1]
    #expect(h.kind == .agent)
    #expect(h.stats.requests == 3)
    #expect(h.stats.errors == 0)
    #expect(h.stats.timeouts == 1)
    #expect(h.stats.errorRate == 1.0 / 3)
    #expect(h.stats.inputTokens == 900)  // 500 + 300 + 100
    #expect(h.stats.outputTokens == 40)  // 0 + 30 + 10
    // Line 7 has no cost_usd and "helpdesk" / "v2" have no price: unknown, not 0.
    #expect(abs(h.stats.costUSD - 0.009) <= 0.009 * 1e-12)  // 0.005 + 0.004
    #expect(h.stats.costUnknownRequests == 1)
    // Latencies sorted 400, 500, 30000.
    #expect(Self.near(h.stats.p50Ms, 500, tolerance))  // h = 2
    #expect(Self.near(h.stats.p95Ms, 27_050, tolerance))  // h = 2.9: 500 + 0.9 × 29500
    #expect(Self.near(h.stats.p99Ms, 29_410, tolerance))  // h = 2.98: 500 + 0.98 × 29500
  }

  /// A > 1 MiB file of 6000 lines over 5 series, with every 97th line
  /// truncated (malformed), every 11th without `cost_usd`, and a window that
  /// drops the first and last 500 lines.
  static func writeLargeFile(_ path: String) throws -> (lines: Int, malformed: [Int], inWindow: Int) {
    let series = [
      ("gpt-4o", "model", "v1", "stable"), ("gpt-4o", "model", "v2", "canary"),
      ("helpdesk", "agent", "v7", "stable"), ("summarise", "prompt", "p3", "shadow"),
      ("claude-sonnet-4-5", "model", "2025-09-29", "stable"),
    ]
    var text = ""
    var malformed: [Int] = []
    var inWindow = 0
    let count = 6000
    for i in 1...count {
      // Line i is at t0 + i seconds (i ≤ 6000 < 24 h).
      let ts = String(format: "2025-06-01T%02d:%02d:%02d.000Z", i / 3600, i / 60 % 60, i % 60)
      if i % 97 == 0 && i > 1 {
        text += "{\"ts\":\"\(ts)\",\"request_id\":\"x\(i)\",\"artefact\":\n"
        malformed.append(i)
        continue
      }
      let (artefact, kind, version, route) = series[(i * 7) % series.count]
      let latency = String(format: "%.3f", 20 + Double((i * 7919) % 100_000) / 37)
      let cost: String? = i % 11 == 0 ? nil : String(format: "%.6f", Double((i * 31) % 1000) / 100_000)
      let status = i % 13 == 0 ? "error" : (i % 29 == 0 ? "timeout" : "ok")
      text +=
        Self.line(
          ts, "req-\(i)-\(String(repeating: "z", count: i % 40))", artefact: artefact, kind: kind,
          version: version, route: route, latency: latency, input: (i * 37) % 5000, output: (i * 13) % 700,
          cost: cost, status: status) + "\n"
      if i > 500 && i <= count - 500 { inWindow += 1 }
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return (count, malformed, inWindow)
  }

  /// The batch fast path prices cache and reasoning tokens at their own rates too, and sums
  /// them per series. gpt-4o at $2.50 in, $1.25 cached, $10 out:
  /// - r1: 10 000 in of which 8 000 cached, 500 out:
  ///   2000 × 2.5 + 8000 × 1.25 + 500 × 10 = 5000 + 10000 + 5000 = 20 000 → 0.02;
  /// - r2 (an escape: the general decoder's path): 4 000 in, 1 000 cached, 100 out of which 60
  ///   reasoning (at the output price): 3000 × 2.5 + 1000 × 1.25 + 100 × 10 = 7500 + 1250 +
  ///   1000 = 9 750 → 0.00975;
  /// total 0.02975 USD; 14 000 input tokens, 9 000 read from the cache.
  @Test func cacheTokensArePricedOnBothPaths() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("cache.jsonl").path
    let head =
      #"{"ts":"2025-06-01T00:00:01.000Z","artefact":"gpt-4o","kind":"model","version":"v1","route":"stable","latency_ms":0.021341,"status":"ok","#
    let lines = [
      head + #""request_id":"r1","input_tokens":10000,"output_tokens":500,"cache_read_tokens":8000}"#,
      head
        + #""request_id":"r2","input_tokens":4000,"output_tokens":100,"cache_read_tokens":1000,"reasoning_tokens":60}"#,
    ]
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    var options = ReplayOptions()
    options.prices = PriceTable(prices: [
      "gpt-4o": ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10, cacheReadPerMillion: 1.25)
    ])
    options.threads = 1
    let result = try ReplayAggregator.run(paths: [path], options: options)
    #expect(result.records == 2)
    let row = try #require(result.rows.first)
    #expect(abs(row.stats.costUSD - 0.02975) < 1e-15)
    #expect(row.stats.inputTokens == 14_000)
    #expect(row.stats.cacheReadTokens == 9_000)
    #expect(row.stats.reasoningTokens == 60)
    // Both latencies 21 341 ns: every quantile is 0.021341 ms, not 0.021.
    #expect(row.stats.p50Ms == 0.021341)
  }

  @Test func twoThreadsGiveTheSameRowsAsOne() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("large.jsonl").path
    let file = try Self.writeLargeFile(path)
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    #expect(size > 1 << 20)  // else the file is not split

    var options = ReplayOptions()
    options.from = Timestamp(millisecondsSinceEpoch: Self.t0 + 500 * 1000 + 1)  // after line 500
    // Exclusive end at line 5501's time: lines up to 5500 count.
    options.to = Timestamp(millisecondsSinceEpoch: Self.t0 + Int64(file.lines - 499) * 1000)
    options.errorLimit = 1000
    options.threads = 1
    let one = try ReplayAggregator.run(paths: [path], options: options)
    options.threads = 2
    let two = try ReplayAggregator.run(paths: [path], options: options)

    // Independent counts from the generator's own bookkeeping.
    #expect(one.records == file.inWindow)
    #expect(one.malformedLines == file.malformed.count)
    #expect(one.errors.map(\.line) == file.malformed)
    #expect(one.outsideWindow == file.lines - file.malformed.count - file.inWindow)
    #expect(one.rows.count == 5)

    #expect(two.records == one.records)
    #expect(two.outsideWindow == one.outsideWindow)
    #expect(two.malformedLines == one.malformedLines)
    #expect(two.errors == one.errors)  // same lines: the second part's numbers are offset
    #expect(two.rows.map(\.key) == one.rows.map(\.key))
    #expect(two.rows.map(\.kind) == one.rows.map(\.kind))
    // Counts, tokens, cost (exact sums) and (merged histogram) quantiles exactly.
    #expect(two.rows.map(\.stats) == one.rows.map(\.stats))
  }

  /// Collects lines as strings.
  struct LineCollector: ChunkedLineSink {
    var lines: [String] = []
    mutating func line(_ bytes: UnsafeRawBufferPointer, index: Int) {
      lines.append(String(decoding: bytes, as: UTF8.self))
    }
    mutating func oversizedLine(index: Int) {}
  }

  @Test func splitRangesNeverSplitsALine() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("lines.txt").path
    // Lines of 1 … 3000 bytes (deterministic), about 1.5 MiB in all, and no
    // newline at the very end.
    var expected: [String] = []
    var total = 0
    var i = 0
    while total < 3 << 19 {
      let length = 1 + (i * 7919) % 3000
      let s = String(repeating: Character(UnicodeScalar(UInt8(97 + i % 26))), count: length)
      expected.append(s)
      total += length + 1
      i += 1
    }
    try expected.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let fd = open(path, O_RDONLY)
    #expect(fd >= 0)
    defer { close(fd) }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    for parts in 1...7 {
      let ranges = try ChunkedLineReader.splitRanges(fileSize: bytes.count, parts: parts, fd: fd, path: path)
      #expect(ranges.count >= 1 && ranges.count <= parts)
      #expect(ranges.first?.lowerBound == 0)
      #expect(ranges.last?.upperBound == bytes.count)
      for (r, next) in zip(ranges, ranges.dropFirst()) {
        #expect(r.upperBound == next.lowerBound)  // contiguous, no gap, no overlap
        #expect(bytes[next.lowerBound - 1] == 0x0A)  // every part starts right after a newline
      }
      var collector = LineCollector()
      for r in ranges {
        try ChunkedLineReader.forEachLine(fd: fd, path: path, range: r, readBytes: 4096, into: &collector)
      }
      #expect(collector.lines == expected)
    }
  }
}
