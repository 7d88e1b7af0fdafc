import Foundation
import Testing

@testable import FlightDeckCore

/// A cost worked out from the price table is bounded like `cost_usd`
/// (1 000 000 USD per request): token counts within their own bound (10^12)
/// times a real price can exceed it (issue 11: a record cost above the bound
/// passed when it was priced rather than given).
@Suite struct PricedCostBoundTests {
  typealias Agreement = DecoderAgreementTests

  /// gpt-4o at 2.5 USD per million input and 10 per million output tokens
  /// (``DecoderDifferentialTests/prices``).
  static func line(input: Int, output: Int, extra: String = "") -> [UInt8] {
    Array(
      (#"{"ts":"2025-06-01T00:00:00Z","request_id":"r","artefact":"gpt-4o","kind":"model","version":"v1","route":"stable","latency_ms":5,"input_tokens":\#(input),"output_tokens":\#(output),"status":"ok""#
        + extra + "}").utf8)
  }

  @Test func aPricedCostAboveTheBoundIsMalformedOnEveryPath() {
    // 4 × 10^11 input tokens × 2.5 USD / 10^6 = 1 000 000 USD exactly: kept.
    guard case .record(let r) = DecoderDifferentialTests.general(Self.line(input: 400_000_000_000, output: 0))
    else {
      Issue.record("the bound itself is refused")
      return
    }
    #expect(r.costUSD == 1_000_000)
    // 10^12 × 2.5 / 10^6 + 10^12 × 10 / 10^6 = 12 500 000 USD: refused.
    let expected = DecoderDifferentialTests.Outcome.malformed(
      TelemetryDecodeError(
        field: "cost_usd",
        reason: "out of range (priced from the token counts at 1.25e+07 USD; 0 to 1000000 USD per request)"))
    Agreement.expectBoth(Self.line(input: 1_000_000_000_000, output: 1_000_000_000_000), expected)
    // An escaped key sends the line to the general decoder: same answer.
    Agreement.expectBoth(
      Self.line(input: 1_000_000_000_000, output: 1_000_000_000_000, extra: #","\u0073ession_id":"s""#),
      expected)
    // A cost given on the line is not priced: within the bound it stands.
    guard
      case .record(let given) = DecoderDifferentialTests.general(
        Self.line(input: 1_000_000_000_000, output: 0, extra: #","cost_usd":3"#))
    else {
      Issue.record("a given cost was refused")
      return
    }
    #expect(given.costUSD == 3)
  }

  @Test func anOTLPSpanPricedAboveTheBoundIsMalformed() {
    // gpt-4o-mini at 0.15 / 0.60 USD per million: 10^12 × 0.6 / 10^6 = 600 000 USD
    // of output plus 10^12 × 0.15 / 10^6 = 150 000 of input: 750 000, kept.
    let ok = OTLPMappingTests.document(
      resource: [], span: Self.usage(input: 1_000_000_000_000, output: 1_000_000_000_000),
      ids: ("5B8EFFF798038103D269B633813FC60C", "EEE19B7EC3C1B174"))
    #expect(OTLPMappingTests.decode(ok).records.first?.costUSD == 750_000)
    let price = PriceTable(prices: ["gpt-4o-mini": ModelPrice(inputPerMillion: 1, outputPerMillion: 1)])
    var d = TelemetryLineDecoder(format: .auto, prices: price)
    let r = Array(ok.utf8).withUnsafeBytes { d.decode(line: $0) }
    #expect(r.records.isEmpty)
    #expect(
      r.errors.map(\.reason).first?.hasPrefix("out of range (priced from the token counts at 2e+06 USD")
        == true)
  }

  /// `replay`'s own fast path refuses the same line, with one thread and
  /// two, and counts the others (1 M lines is the parallel threshold: the
  /// file is small, so both runs read one part; the option still covers
  /// the per-thread path when it splits).
  @Test(arguments: [1, 2]) func replayRefusesThePricedCostAboveTheBound(threads: Int) throws {
    let dir = try ReplayAggregatorTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.path + "/t.jsonl"
    func line(_ id: String, input: Int, output: Int, cost: String? = nil) -> String {
      ReplayAggregatorTests.line(
        "2025-06-01T00:00:00Z", id, artefact: "gpt-4o", kind: "model", version: "v1", route: "stable",
        latency: "100", input: input, output: output, cost: cost, status: "ok")
    }
    let lines = [
      line("r1", input: 1000, output: 100),  // 0.0025 + 0.001 = 0.0035 USD
      line("r2", input: 1_000_000_000_000, output: 0),  // 2 500 000 USD: refused
      line("r3", input: 1_000_000_000_000, output: 0, cost: "7"),  // given: kept
      line("r4", input: 400_000_000_000, output: 0),  // 1 000 000 USD exactly: kept
    ]
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    var options = ReplayOptions()
    options.prices = PriceTable(prices: ["gpt-4o": ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10)])
    options.threads = threads
    let result = try ReplayAggregator.run(paths: [path], options: options)
    #expect(result.records == 3)
    #expect(result.malformedLines == 1)
    #expect(
      result.errors == [
        IngestError(
          path: path, line: 2, field: "cost_usd",
          reason: "out of range (priced from the token counts at 2.5e+06 USD; 0 to 1000000 USD per request)")
      ])
    #expect(result.rows.first.map { abs($0.stats.costUSD - 1_000_007.0035) < 1e-6 } == true)
  }

  static func usage(input: Int, output: Int) -> [String] {
    [
      OTLPMappingTests.attr("gen_ai.request.model", #"{"stringValue":"gpt-4o-mini"}"#),
      OTLPMappingTests.attr("gen_ai.usage.input_tokens", #"{"intValue":"\#(input)"}"#),
      OTLPMappingTests.attr("gen_ai.usage.output_tokens", #"{"intValue":"\#(output)"}"#),
    ]
  }
}
