import Foundation
import Testing

@testable import FlightDeckCore

/// The data folder stores received spans as FlightDeck JSON Lines and the
/// screen, `replay` and `retro` read them back: every field must come back
/// as the very value that was written, through both decoder paths.
@Suite struct TelemetryJSONLineRoundTripTests {
  static let prices = PriceTable(prices: [
    "gpt-4o-mini": ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.6, cacheReadPerMillion: 0.075)
  ])

  /// Both decoders' answers for `line` (fast scanner, then the general decoder).
  static func decoded(_ line: String) -> [TelemetryRecord?] {
    let bytes = Array(line.utf8)
    return bytes.withUnsafeBytes { buf -> [TelemetryRecord?] in
      var fast = TelemetryLineDecoder(format: .flightdeck, prices: prices)
      let viaScanner = fast.decode(line: buf).records.first
      let viaGeneral = try? FlightDeckGeneralDecoder.decode(buf, prices: prices).get()
      return [viaScanner, viaGeneral]
    }
  }

  /// A span as the receiver maps it: durations from nanosecond timestamps
  /// (1 234 567 ns = 1.234567 ms), a cost of a few cheap tokens
  /// (10 input tokens at 0.15 USD per million = 1.5e-6 USD), cached and
  /// reasoning tokens, an error class.
  static let received = TelemetryRecord(
    timestamp: Timestamp(millisecondsSinceEpoch: 1_764_984_600_007),
    requestID: "4bf92f3577b34da6a3ce929d0e0e4736",
    artefact: "gpt-4o-mini", kind: .model, version: "gpt-4o-mini-2024-07-18", route: .stable,
    latencyMs: 1.234567, inputTokens: 10, outputTokens: 3, costUSD: 0.0000015, status: .error,
    ttftMs: 0.987654321, sessionID: "conv-1", errorType: "openai.RateLimitError", score: 0.123456789,
    provider: "openai", cacheReadTokens: 4, cacheWriteTokens: 2, reasoningTokens: 1)

  @Test func aReceivedSpanComesBackExactly() {
    let line = Self.received.jsonLine
    for record in Self.decoded(line) {
      #expect(record == Self.received, "\(line)")
    }
  }

  @Test func awkwardDoublesComeBackBitForBit() throws {
    // Values no fixed number of decimals holds: 0.1 + 0.2, a third, sub-microsecond
    // latencies, a cost of one token at 0.075 USD per million (7.5e-8 USD), the largest
    // latency the bounds allow less one nanosecond.
    let latencies = [0.1 + 0.2, 1.0 / 3.0, 0.000001, 86_399_999.999999, 12.5, 0]
    let costs: [Double?] = [7.5e-8, 0.1 + 0.2, 123.456789012, 999_999.9999999, nil, 0]
    let scores = [1.0 / 3.0, 0.00001, 1, 0.5, 0.1 + 0.2, 0]
    for i in latencies.indices {
      var r = Self.received
      r.latencyMs = latencies[i]
      // Another awkward value, but never after the end of the call (refused: ttft_ms > latency_ms).
      r.ttftMs = min(latencies[(i + 1) % latencies.count], latencies[i])
      r.costUSD = costs[i]
      r.score = scores[i]
      // A cost absent from the line is priced again by the reader from the same table.
      let expected =
        r.costUSD == nil
        ? {
          var e = r;
          e.costUSD = Self.prices.recordCost(artefact: r.artefact, version: r.version, usage: r.usage);
          return e
        }() : r
      for record in Self.decoded(r.jsonLine) {
        let got = try #require(record, "\(r.jsonLine)")
        #expect(got == expected, "\(r.jsonLine)")
        #expect(got.latencyMs.bitPattern == r.latencyMs.bitPattern)
        #expect(got.costUSD?.bitPattern == expected.costUSD?.bitPattern)
      }
    }
  }

  @Test func valuesExactAtTheSchemaPrecisionKeepTheirFixedSpelling() {
    // The writer's fixed decimals stay where they already say the value exactly.
    var r = Self.received
    r.latencyMs = 12.5
    r.ttftMs = 3.25
    r.costUSD = 0.25
    r.score = 0.5
    #expect(r.jsonLine.contains(#""latency_ms":12.500,"#))
    #expect(r.jsonLine.contains(#""cost_usd":0.250000,"#))
    #expect(r.jsonLine.contains(#""ttft_ms":3.250,"#))
    #expect(r.jsonLine.contains(#""score":0.5000,"#))
  }
}
