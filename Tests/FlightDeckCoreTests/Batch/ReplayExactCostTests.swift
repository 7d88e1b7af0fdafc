import Foundation
import Testing

@testable import FlightDeckCore

/// `replay`'s cost totals are exact: the same with 1, 2 or 4 threads and
/// whatever the order of the lines, and equal to the sum worked out in
/// integer micro-dollars (breaker report L2).
@Suite struct ReplayExactCostTests {
  /// A file of 24 000 lines (over 1 MiB, so 2 and 4 threads split it) over 3
  /// series; costs are written with 6 decimals (`cost_usd`), and every 5th
  /// line has none and is priced at 2.50 / 10.00 USD per million tokens.
  /// Returns the exact cost of each series in units of 10⁻⁷ USD (a priced
  /// line costs `in × 2.5 + out × 10` millionths of a dollar, a multiple of
  /// 10⁻⁷ USD), summed as integers.
  static func write(_ path: String, reversed: Bool) throws -> [String: Int] {
    let series = ["alpha", "beta", "gamma"]
    var lines: [String] = []
    var exact: [String: Int] = [:]  // 10^-7 USD
    for i in 0..<24_000 {
      let artefact = series[(i * 7 + i / 5) % 3]
      let ts = String(
        format: "2025-06-01T%02d:%02d:%02d.%03dZ", i / 3_600_000, i / 60_000 % 60, i / 1000 % 60, i % 1000)
      let input = (i * 37) % 5000
      let output = (i * 13) % 700
      let costPart: String
      if i % 5 == 4 {
        costPart = ""
        exact[artefact, default: 0] += input * 25 + output * 100
      } else {
        // Micro-dollars: a spread of magnitudes (0.000001 to 0.999999 USD).
        let micro = (i * 7_919 + 13) % 1_000_000 / (1 + i % 4 * 333)
        costPart = "\"cost_usd\":0.\(String(repeating: "0", count: 6 - String(micro).count))\(micro),"
        exact[artefact, default: 0] += micro * 10
      }
      lines.append(
        "{\"ts\":\"\(ts)\",\"request_id\":\"r\(i)\",\"artefact\":\"\(artefact)\",\"kind\":\"model\","
          + "\"version\":\"v1\",\"route\":\"stable\",\"latency_ms\":\(10 + i % 97),"
          + "\"input_tokens\":\(input),\"output_tokens\":\(output),\(costPart)\"status\":\"ok\"}")
    }
    if reversed { lines.reverse() }
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return exact
  }

  /// The `Double` nearest to `units` × 10⁻⁷ USD, by parsing its exact
  /// decimal digits (a correctly rounded conversion, independent of
  /// ``CostSum``).
  static func usd(tenMillionths units: Int) -> Double {
    let digits = String(units % 10_000_000)
    return Double("\(units / 10_000_000).\(String(repeating: "0", count: 7 - digits.count))\(digits)")!
  }

  @Test func costTotalsAreExactWithAnyThreadCountAndLineOrder() throws {
    let dir = try ReplayAggregatorTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let forward = dir.appendingPathComponent("forward.jsonl").path
    let backward = dir.appendingPathComponent("backward.jsonl").path
    let exact = try Self.write(forward, reversed: false)
    #expect(try Self.write(backward, reversed: true) == exact)
    let size = try FileManager.default.attributesOfItem(atPath: forward)[.size] as? Int ?? 0
    #expect(size > 1 << 20)  // else the file is not split

    var options = ReplayOptions()
    options.prices = PriceTable(prices: [
      "alpha": ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10),
      "beta": ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10),
      "gamma": ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10),
    ])
    var results: [ReplayResult] = []
    for path in [forward, backward] {
      for threads in [1, 2, 4] {
        options.threads = threads
        results.append(try ReplayAggregator.run(paths: [path], options: options))
      }
    }
    let first = results[0]
    #expect(first.records == 24_000)
    #expect(first.rows.map(\.key.artefact) == ["alpha", "beta", "gamma"])
    for row in first.rows {
      let want = Self.usd(tenMillionths: exact[row.key.artefact] ?? -1)
      #expect(row.stats.costUSD == want, "\(row.key.artefact): \(row.stats.costUSD) vs \(want)")
      #expect(row.stats.costUnknownRequests == 0)
    }
    // Every column, cost included, equal to the last digit.
    for other in results.dropFirst() {
      #expect(other.rows == first.rows)
    }
  }
}
