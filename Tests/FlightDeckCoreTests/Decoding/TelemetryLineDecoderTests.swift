import Foundation
import Testing

@testable import FlightDeckCore

@Suite struct TelemetryLineDecoderTests {
  static let record =
    #"{"ts":"2025-06-01T00:00:00.123Z","request_id":"r1","artefact":"gpt-4o","kind":"model","version":"v1","route":"stable","latency_ms":10,"input_tokens":1000,"output_tokens":100,"status":"ok"}"#
  static let otlpLine =
    #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","startTimeUnixNano":"1000000","endTimeUnixNano":"1020000","attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}}]}]}]}]}"#

  static func feed(_ d: inout TelemetryLineDecoder, _ s: String) -> TelemetryDecodeResult {
    Array(s.utf8).withUnsafeBytes { d.decode(line: $0) }
  }

  @Test func autoDetectsPerLine() throws {
    var d = TelemetryLineDecoder(prices: try PriceTable.bundled())
    let a = Self.feed(&d, Self.record)
    // No cost_usd: gpt-4o 1000 × 2.5/1e6 + 100 × 10/1e6 = 0.0025 + 0.001 = 0.0035.
    #expect(abs((a.records.first?.costUSD ?? -1) - 0.0035) < 1e-15)
    let b = Self.feed(&d, Self.otlpLine)
    #expect(b.records.count == 1)
    // 1020000 − 1000000 = 20 000 ns = 0.02 ms.
    #expect(b.records.first?.latencyMs == 0.02)
    #expect(Self.feed(&d, "").errors == [TelemetryDecodeError(field: nil, reason: "empty line")])
    #expect(Self.feed(&d, "  \t ").errors == [TelemetryDecodeError(field: nil, reason: "empty line")])
    #expect(d.finish() == nil)
  }

  @Test func forcedFormats() {
    var fd = TelemetryLineDecoder(format: .flightdeck, prices: .empty)
    #expect(
      Self.feed(&fd, Self.otlpLine).errors == [
        TelemetryDecodeError(field: "ts", reason: "missing required field")
      ])
    var otlp = TelemetryLineDecoder(format: .otlp, prices: .empty)
    // A FlightDeck record read as OTLP says what it is, not that `resourceSpans` is missing.
    #expect(
      Self.feed(&otlp, Self.record).errors == [
        TelemetryDecodeError(
          field: nil,
          reason: "looks like a FlightDeck JSON Lines record, not OTLP/JSON trace data: "
            + "read it with --input-format flightdeck (or auto)")
      ])
    #expect(Self.feed(&otlp, Self.otlpLine).records.count == 1)
    // Forced FlightDeck never collects lines: a lone "{" is just invalid JSON.
    #expect(
      Self.feed(&fd, "{").errors == [
        TelemetryDecodeError(
          field: nil, reason: "invalid JSON at column 2: truncated: the line ends inside an object")
      ])
  }

  @Test func prettyDocumentIsCollectedThenDecoded() throws {
    var d = TelemetryLineDecoder(prices: .empty)
    let pretty = try JSONSerialization.data(
      withJSONObject: JSONSerialization.jsonObject(with: Data(Self.otlpLine.utf8)), options: [.prettyPrinted])
    let lines = DecodingFixtures.split(Array(pretty))
    #expect(lines.count > 10)
    var results = lines.map { line in line.withUnsafeBytes { d.decode(line: $0) } }
    let last = results.removeLast()
    #expect(results.allSatisfy { $0 == .pending })
    #expect(last.records.count == 1)
    #expect(Self.feed(&d, Self.record).records.count == 1)  // back to per-line decoding
  }

  @Test func truncatedFlightDeckLineDoesNotSwallowTheNext() {
    var d = TelemetryLineDecoder(prices: .empty)
    // Cut after "{"ts":"2025-06-01T00:00:00.123Z"," — ends outside a string, depth 1.
    let cut = String(Self.record.prefix(33))
    #expect(
      Self.feed(&d, cut).errors == [
        TelemetryDecodeError(
          field: nil, reason: "invalid JSON at column 34: truncated: the line ends inside an object")
      ])
    #expect(!d.isPending)
    #expect(Self.feed(&d, Self.record).records.count == 1)
  }

  @Test func documentCapAndBreakage() {
    var d = TelemetryLineDecoder(format: .otlp, prices: .empty, maxDocumentBytes: 64)
    #expect(Self.feed(&d, "{") == .pending)
    #expect(Self.feed(&d, #"  "resourceSpans": ["#) == .pending)
    let over = Self.feed(&d, String(repeating: " ", count: 60) + "[],")
    #expect(
      over.errors == [
        TelemetryDecodeError(field: nil, reason: "document exceeds 64 bytes", linesBeforeCurrent: 2)
      ])
    #expect(!d.isPending)
    #expect(Self.feed(&d, "{") == .pending)
    #expect(Self.feed(&d, "}} x").errors.first?.reason == "data after the end of the document")
    #expect(Self.feed(&d, "{") == .pending)
    #expect(Self.feed(&d, "} x").errors.first?.reason == "data after the end of the document")
    // A closed document that is not OTLP.
    #expect(Self.feed(&d, "{") == .pending)
    #expect(Self.feed(&d, #""a": 1}"#).errors.first?.field == "resourceSpans")
  }
}
