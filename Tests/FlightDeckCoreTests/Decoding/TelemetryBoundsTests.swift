import Foundation
import Testing

@testable import FlightDeckCore

/// Range checks of numeric fields (`TelemetryBounds`): the value at the bound
/// is accepted, anything above is `field: out of range (…)`, identically in the
/// fast scanner, the general decoder and the line decoder; OTLP likewise.
@Suite struct TelemetryBoundsTests {
  typealias Outcome = DecoderDifferentialTests.Outcome

  /// A valid line with `key` set to `raw` (written as JSON text).
  static func line(_ key: String, _ raw: String) -> [UInt8] {
    var fields: [(String, String)] = [
      ("ts", "\"2025-06-01T00:00:00Z\""), ("request_id", "\"r1\""), ("artefact", "\"gpt-4o\""),
      ("kind", "\"model\""), ("version", "\"v1\""), ("route", "\"stable\""), ("latency_ms", "100"),
      ("input_tokens", "10"), ("output_tokens", "20"), ("cost_usd", "0.5"), ("status", "\"ok\""),
    ]
    if let i = fields.firstIndex(where: { $0.0 == key }) {
      fields[i].1 = raw
    } else {
      fields.append((key, raw))
    }
    return Array(("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}").utf8)
  }

  /// The same line with a string escape (`"r\u0031"` = "r1"), which the
  /// scanner declines, so the general decoder alone decides.
  static func escapedLine(_ key: String, _ raw: String) -> [UInt8] {
    let plain = String(decoding: line(key, raw), as: UTF8.self)
    return Array(plain.replacingOccurrences(of: "\"r1\"", with: #""r\u0031""#).utf8)
  }

  static let ms = "out of range (0 to 86400000 ms, one day)"
  static let tokens = "out of range (0 to 1000000000000 tokens)"
  static let cost = "out of range (0 to 1000000 USD per request)"

  /// Values above each bound: both paths reject them with the same field and
  /// reason; via the escaped line the general decoder gives that answer too.
  @Test(arguments: [
    ("latency_ms", "86400000.001", ms), ("latency_ms", "1e308", ms), ("latency_ms", "86400001", ms),
    ("ttft_ms", "86400000.5", ms), ("ttft_ms", "1e20", ms),
    ("input_tokens", "1000000000001", tokens), ("output_tokens", "999999999999999", tokens),
    ("cost_usd", "1000000.01", cost), ("cost_usd", "1e300", cost),
  ])
  func aboveTheBoundIsMalformedInBothPaths(key: String, raw: String, reason: String) {
    let expected = Outcome.malformed(TelemetryDecodeError(field: key, reason: reason))
    let l = Self.line(key, raw)
    #expect(DecoderDifferentialTests.fast(l) == expected)
    #expect(DecoderDifferentialTests.general(l) == expected)
    let e = Self.escapedLine(key, raw)
    #expect(DecoderDifferentialTests.fast(e) == .declined)
    #expect(DecoderDifferentialTests.general(e) == expected)
    var decoder = TelemetryLineDecoder(format: .auto, prices: .default)
    let result = l.withUnsafeBytes { decoder.decode(line: $0) }
    #expect(result.records.isEmpty)
    #expect(result.errors.map(\.description) == ["\(key): \(reason)"])
  }

  /// Token counts in forms the scanner declines (exponent, > 15 digits) are
  /// range-checked by the general decoder: 1e13 = 10^13 > 10^12.
  @Test func tokenFormsTheScannerDeclinesAreCheckedToo() {
    for raw in ["1e13", "12345678901234567890", "1.0e12"] {
      let l = Self.line("input_tokens", raw)
      #expect(DecoderDifferentialTests.fast(l) == .declined, "\(raw)")
    }
    let expected = Outcome.malformed(TelemetryDecodeError(field: "input_tokens", reason: Self.tokens))
    #expect(DecoderDifferentialTests.general(Self.line("input_tokens", "1e13")) == expected)
    #expect(DecoderDifferentialTests.general(Self.line("input_tokens", "12345678901234567890")) == expected)
    // 1.0e12 = 10^12 exactly: the bound itself is accepted.
    guard case .record(let r) = DecoderDifferentialTests.general(Self.line("input_tokens", "1.0e12")) else {
      Issue.record("1.0e12 tokens must be accepted")
      return
    }
    #expect(r.inputTokens == 1_000_000_000_000)
  }

  /// The bounds themselves are accepted, with their exact values, by both paths.
  @Test func valuesAtTheBoundsAreAccepted() {
    var l = Self.line("latency_ms", "86400000")
    l = Array(
      String(decoding: l, as: UTF8.self).replacingOccurrences(
        of: "\"cost_usd\":0.5", with: "\"cost_usd\":1000000"
      )
      .replacingOccurrences(of: "\"input_tokens\":10", with: "\"input_tokens\":1000000000000")
      .replacingOccurrences(of: "\"output_tokens\":20", with: "\"output_tokens\":0")
      .utf8)
    l = Array(l.dropLast()) + Array(",\"ttft_ms\":86400000,\"score\":1}".utf8)
    let fast = DecoderDifferentialTests.fast(l)
    #expect(fast == DecoderDifferentialTests.general(l))
    guard case .record(let r) = fast else {
      Issue.record("expected a record, got \(fast)")
      return
    }
    #expect(r.latencyMs == 86_400_000)
    #expect(r.ttftMs == 86_400_000)
    #expect(r.inputTokens == 1_000_000_000_000)
    #expect(r.outputTokens == 0)
    #expect(r.costUSD == 1_000_000)
    #expect(r.score == 1)
  }

  // MARK: - OTLP

  /// One OTLP/JSON line with one span of `durationNs` and `inputTokens`
  /// (as an `intValue` string); `model` nil makes it a non-GenAI span.
  static func otlp(durationNs: Int64, inputTokens: String, model: String? = "gpt-4o") -> [UInt8] {
    let start: Int64 = 1_748_736_000_000_000_000
    var attrs = [#"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"\#(inputTokens)"}}"#]
    if let model { attrs.append(#"{"key":"gen_ai.request.model","value":{"stringValue":"\#(model)"}}"#) }
    let span =
      #"{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"chat","#
      + #""startTimeUnixNano":"\#(start)","endTimeUnixNano":"\#(start + durationNs)","#
      + #""attributes":[\#(attrs.joined(separator: ","))]}"#
    return Array(#"{"resourceSpans":[{"scopeSpans":[{"spans":[\#(span)]}]}]}"#.utf8)
  }

  static func decodeOTLP(_ line: [UInt8]) -> TelemetryDecodeResult {
    var decoder = TelemetryLineDecoder(format: .auto, prices: .default)
    return line.withUnsafeBytes { decoder.decode(line: $0) }
  }

  static let spanPath = "resourceSpans[0].scopeSpans[0].spans[0]"

  @Test func otlpSpanLongerThanADayIsAnError() {
    // One day = 86 400 000 ms = 86 400 000 000 000 ns: accepted, latency exact.
    let day: Int64 = 86_400_000 * 1_000_000
    let ok = Self.decodeOTLP(Self.otlp(durationNs: day, inputTokens: "5"))
    #expect(ok.errors.isEmpty)
    #expect(ok.records.map(\.latencyMs) == [86_400_000])
    // One nanosecond more: an error on the span's end time.
    let long = Self.decodeOTLP(Self.otlp(durationNs: day + 1, inputTokens: "5"))
    #expect(long.records.isEmpty)
    #expect(
      long.errors.map(\.description) == [
        "\(Self.spanPath).endTimeUnixNano: out of range (span longer than 86400000 ms, one day)"
      ])
    // A long span without GenAI attributes is skipped, not an error.
    let http = Self.decodeOTLP(Self.otlp(durationNs: day * 3, inputTokens: "5", model: nil))
    #expect(http.errors.isEmpty && http.records.isEmpty && http.skippedSpans == 1)
  }

  @Test func otlpTokensAboveTheBoundAreAnError() {
    // A model without a price: 10^12 gpt-4o tokens would be priced at
    // 2.5 million USD, over the cost bound (PricedCostBoundTests).
    let atBound = Self.decodeOTLP(
      Self.otlp(durationNs: 1_000_000, inputTokens: "1000000000000", model: "unpriced-model"))
    #expect(atBound.records.map(\.inputTokens) == [1_000_000_000_000])
    let above = Self.decodeOTLP(Self.otlp(durationNs: 1_000_000, inputTokens: "1000000000001"))
    #expect(above.records.isEmpty)
    #expect(
      above.errors.map(\.description) == [
        "\(Self.spanPath).attributes[gen_ai.usage.input_tokens]: \(Self.tokens)"
      ])
  }
}
