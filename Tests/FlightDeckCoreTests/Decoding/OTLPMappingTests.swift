import Foundation
import Testing

@testable import FlightDeckCore

/// OTLP mapping rules on small hand-written documents.
@Suite struct OTLPMappingTests {
  static let prices = PriceTable(prices: [
    "gpt-4o-mini": ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.60)
  ])

  static func attr(_ key: String, _ value: String) -> String { #"{"key":"\#(key)","value":\#(value)}"# }

  static func document(resource: [String], span: [String], ids: (String, String), status: String = "{}")
    -> String
  {
    #"{"resourceSpans":[{"resource":{"attributes":[\#(resource.joined(separator: ","))]},"scopeSpans":[{"spans":[{"traceId":"\#(ids.0)","spanId":"\#(ids.1)","name":"chat","kind":3,"startTimeUnixNano":1700000000123456789,"endTimeUnixNano":"1700000001623456789","status":\#(status),"attributes":[\#(span.joined(separator: ","))]},{"traceId":"\#(ids.0)","spanId":"0000000000000001","name":"db","startTimeUnixNano":"1","endTimeUnixNano":"2","attributes":[\#(attr("db.system", #"{"stringValue":"postgres"}"#))]}]}]}]}"#
  }

  static func decode(_ text: String, mapping: OTLPAttributeMapping = .default) -> TelemetryDecodeResult {
    var d = TelemetryLineDecoder(format: .auto, mapping: mapping, prices: prices)
    return Array(text.utf8).withUnsafeBytes { d.decode(line: $0) }
  }

  @Test func flightdeckAttributesDeprecatedTokensAndErrorStatus() throws {
    let text = Self.document(
      resource: [
        Self.attr("flightdeck.route", #"{"stringValue":"canary"}"#),
        Self.attr("service.version", #"{"stringValue":"2.1.3"}"#),
      ],
      span: [
        Self.attr("gen_ai.system", #"{"stringValue":"openai"}"#),
        Self.attr("gen_ai.request.model", #"{"stringValue":"gpt-4o-mini"}"#),
        Self.attr("gen_ai.usage.prompt_tokens", #"{"intValue":1234}"#),
        Self.attr("gen_ai.usage.completion_tokens", #"{"intValue":"567"}"#),
        Self.attr("flightdeck.artefact", #"{"stringValue":"support-bot"}"#),
        Self.attr("flightdeck.kind", #"{"stringValue":"agent"}"#),
        Self.attr("error.type", #"{"stringValue":"RateLimitError"}"#),
        Self.attr("session.id", #"{"stringValue":"s-9"}"#),
      ], ids: ("5B8EFFF798038103D269B633813FC60C", "EEE19B7EC3C1B174"), status: #"{"code":2}"#)
    let r = Self.decode(text)
    #expect(r.errors.isEmpty)
    #expect(r.skippedSpans == 1)  // the db span
    let rec = try #require(r.records.first)
    #expect(rec.requestID == "5b8efff798038103d269b633813fc60c" + "eee19b7ec3c1b174")  // lower-cased hex
    #expect(rec.artefact == "support-bot")
    #expect(rec.kind == .agent)
    #expect(rec.route == .canary)  // from the resource
    #expect(rec.version == "unversioned")  // no flightdeck.version, no response model
    #expect(rec.status == .error)
    #expect(rec.errorType == "RateLimitError")
    #expect(rec.sessionID == "s-9")
    #expect(rec.provider == "openai")
    #expect(rec.inputTokens == 1234 && rec.outputTokens == 567)
    // 1700000001623456789 − 1700000000123456789 = 1 500 000 000 ns = 1500 ms.
    #expect(rec.latencyMs == 1500)
    #expect(rec.timestamp.millisecondsSinceEpoch == 1_700_000_000_123)
    // 1234 × 0.15/1e6 + 567 × 0.60/1e6 = 0.0001851 + 0.0003402 = 0.0005253.
    #expect(abs((rec.costUSD ?? -1) - 0.0005253) < 1e-15)

    // A custom mapping: version from the resource's service.version.
    let mapped = Self.decode(text, mapping: OTLPAttributeMapping(versionKeys: ["service.version"]))
    #expect(mapped.records.first?.version == "2.1.3")
  }

  @Test func unknownModelHasUnknownCostAndStringStatusCode() throws {
    let text = Self.document(
      resource: [],
      span: [
        Self.attr("gen_ai.response.model", #"{"stringValue":"mystery-1"}"#),
        Self.attr("gen_ai.usage.input_tokens", #"{"intValue":"7"}"#),
      ], ids: ("aYQql5kRA2zz6CIIbsqgBw==", "Wmn8F4uo+Dc="), status: #"{"code":"STATUS_CODE_ERROR"}"#)
    let rec = try #require(Self.decode(text).records.first)
    #expect(rec.costUSD == nil)  // unknown, never 0
    #expect(rec.artefact == "mystery-1")
    #expect(rec.version == "mystery-1")
    #expect(rec.status == .error)
    #expect(rec.inputTokens == 7 && rec.outputTokens == 0)
  }

  @Test func badAttributeValuesAreErrorsNamingTheAttribute() {
    let badRoute = Self.document(
      resource: [],
      span: [
        Self.attr("gen_ai.request.model", #"{"stringValue":"gpt-4o-mini"}"#),
        Self.attr("flightdeck.route", #"{"stringValue":"blue"}"#),
      ], ids: ("5B8EFFF798038103D269B633813FC60C", "EEE19B7EC3C1B174"))
    #expect(
      Self.decode(badRoute).errors == [
        TelemetryDecodeError(
          field: "resourceSpans[0].scopeSpans[0].spans[0].attributes[flightdeck.route]",
          reason: "expected one of stable, canary, shadow")
      ])
    let negativeTokens = Self.document(
      resource: [],
      span: [
        Self.attr("gen_ai.request.model", #"{"stringValue":"gpt-4o-mini"}"#),
        Self.attr("gen_ai.usage.output_tokens", #"{"intValue":"-3"}"#),
      ], ids: ("5B8EFFF798038103D269B633813FC60C", "EEE19B7EC3C1B174"))
    #expect(
      Self.decode(negativeTokens).errors.map(\.field) == [
        "resourceSpans[0].scopeSpans[0].spans[0].attributes[gen_ai.usage.output_tokens]"
      ])
    let badSpanID = Self.document(
      resource: [], span: [], ids: ("5B8EFFF798038103D269B633813FC60C", "00000000000000000"))
    #expect(Self.decode(badSpanID).errors.map(\.field) == ["resourceSpans[0].scopeSpans[0].spans[0].spanId"])
  }
}
