import Foundation
import Testing

@testable import FlightDeckCore

/// An ingested cost (LiteLLM's `response_cost`, Langfuse's cost details) wins;
/// the price table's figure travels beside it only where the two differ, through
/// the schema (`recomputed_cost_usd`), the metrics store and replay.
@Suite struct RecomputedCostTests {
  static let head =
    #"{"ts":"2025-06-01T00:00:00Z","request_id":"r","artefact":"gpt-4o","kind":"model","version":"v1","route":"stable","latency_ms":1,"input_tokens":1000,"output_tokens":100,"status":"ok""#

  static func line(_ tail: String) -> [UInt8] { Array((head + tail + "}").utf8) }

  @Test func bothDecodersKeepItOnlyBesideADifferentIngestedCost() throws {
    // gpt-4o at $2.5 / $10 per 1M: 1000 × 2.5 + 100 × 10 = 3500 → the table says $0.0035.
    let cases: [(String, Double?, Double?)] = [
      (#","cost_usd":0.003,"recomputed_cost_usd":0.0035"#, 0.003, 0.0035),
      (#","cost_usd":0.0035,"recomputed_cost_usd":0.0035"#, 0.0035, nil),  // equal: nothing beside
      (#","recomputed_cost_usd":0.004"#, 0.0035, nil),  // no ingested cost: the table prices it
      (#","cost_usd":0.003,"recomputed_cost_usd":null"#, 0.003, nil),
    ]
    for (tail, cost, recomputed) in cases {
      let l = Self.line(tail)
      let fast = DecoderDifferentialTests.fast(l)
      #expect(fast == DecoderDifferentialTests.general(l), "\(tail)")
      guard case .record(let r) = fast else {
        Issue.record("\(tail): \(fast)")
        continue
      }
      #expect(r.costUSD.map { abs($0 - cost!) < 1e-15 } == true, "\(tail)")
      #expect(r.recomputedCostUSD == recomputed, "\(tail)")
    }
    for (tail, reason) in [
      (#","cost_usd":0.003,"recomputed_cost_usd":-1"#, "must be >= 0"),
      (#","cost_usd":0.003,"recomputed_cost_usd":"1""#, "expected a number"),
    ] {
      let l = Self.line(tail)
      #expect(DecoderDifferentialTests.fast(l) == DecoderDifferentialTests.general(l), "\(tail)")
      guard case .malformed(let e) = DecoderDifferentialTests.general(l) else {
        Issue.record("\(tail) must be refused")
        continue
      }
      #expect(e.field == "recomputed_cost_usd" && e.reason.contains(reason), "\(e)")
    }
  }

  @Test func aRecordWithARecomputedCostRoundTripsThroughItsJSONLine() {
    let rec = TelemetryRecord(
      timestamp: Timestamp(millisecondsSinceEpoch: 1_748_736_000_000), requestID: "r", artefact: "gpt-4o",
      kind: .model, version: "v1", route: .stable, latencyMs: 1, inputTokens: 1000, outputTokens: 100,
      costUSD: 0.003, status: .ok, recomputedCostUSD: 0.0035)
    #expect(rec.jsonLine.hasSuffix(#""recomputed_cost_usd":0.003500}"#))
    #expect(DecoderDifferentialTests.fast(Array(rec.jsonLine.utf8)) == .record(rec))
  }

  @Test func theStoreSumsTheTableFigureBesideTheIngestedOne() {
    // Three requests: ingested 0.003 (table 0.0035), ingested 0.010 (table 0.008), and one priced by
    // the table alone at 0.002. Ingested total = 0.015; the table's = 0.0035 + 0.008 + 0.002 = 0.0135.
    var b = MetricBucket(index: 0)
    let t = Timestamp(millisecondsSinceEpoch: 0)
    b.add(
      MetricSample(
        timestamp: t, latencyMs: 1, status: .ok, inputTokens: 1, outputTokens: 1, costUSD: 0.003,
        recomputedCostUSD: 0.0035), digits: .two)
    b.add(
      MetricSample(
        timestamp: t, latencyMs: 1, status: .ok, inputTokens: 1, outputTokens: 1, costUSD: 0.010,
        recomputedCostUSD: 0.008), digits: .two)
    b.add(
      MetricSample(timestamp: t, latencyMs: 1, status: .ok, inputTokens: 1, outputTokens: 1, costUSD: 0.002),
      digits: .two)
    let s = MetricsStore.stats(of: b, windowSeconds: 60)
    #expect(abs(s.costUSD - 0.015) < 1e-15)
    #expect(s.recomputedCostRequests == 2)
    #expect(abs((s.recomputedCostUSD ?? -1) - 0.0135) < 1e-15)
    var none = MetricBucket(index: 0)
    none.add(
      MetricSample(timestamp: t, latencyMs: 1, status: .ok, inputTokens: 1, outputTokens: 1, costUSD: 0.002),
      digits: .two)
    #expect(MetricsStore.stats(of: none, windowSeconds: 60).recomputedCostUSD == nil)
  }

  @Test func replayCarriesItOnTheScannerAndTheReaderPaths() throws {
    let dir = try ReplayAggregatorTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // Native lines (the scanner's path): ingested 0.003 with table 0.0035, then one the table prices.
    let native = dir.appendingPathComponent("native.jsonl")
    try
      (String(decoding: Self.line(#","cost_usd":0.003,"recomputed_cost_usd":0.0035"#), as: UTF8.self) + "\n"
      + String(decoding: Self.line(""), as: UTF8.self) + "\n").write(
        to: native, atomically: true, encoding: .utf8)
    var options = ReplayOptions()
    options.threads = 1
    options.prices = PriceTable(prices: ["gpt-4o": ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10)])
    let r = try ReplayAggregator.run(paths: [native.path], options: options)
    let row = try #require(r.rows.first)
    // Ingested 0.003 + table-priced 0.0035 = 0.0065; the table alone: 0.0035 + 0.0035 = 0.007.
    #expect(abs(row.stats.costUSD - 0.0065) < 1e-15)
    #expect(row.stats.recomputedCostRequests == 1)
    #expect(abs((row.stats.recomputedCostUSD ?? -1) - 0.007) < 1e-15)
  }
}
