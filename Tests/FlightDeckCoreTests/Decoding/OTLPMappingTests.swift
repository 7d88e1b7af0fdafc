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
    // No flightdeck.version and no response model (a failed call): the version the request was
    // sent to, the request model, never a phantom "unversioned" (issue 12).
    #expect(rec.version == "gpt-4o-mini")
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

  /// The GenAI conventions' token parts: `gen_ai.usage.cache_read.input_tokens`,
  /// `gen_ai.usage.cache_creation.input_tokens` (part of `gen_ai.usage.input_tokens`) and
  /// `gen_ai.usage.reasoning.output_tokens` (part of `gen_ai.usage.output_tokens`), priced at
  /// their own rates; parts larger than their total are located errors, not costs counted twice.
  @Test func cacheAndReasoningTokensPerTheGenAIConventions() throws {
    let prices = PriceTable(prices: [
      "o4-mini": ModelPrice(
        inputPerMillion: 1.1, outputPerMillion: 4.4, cacheReadPerMillion: 0.275, cacheWritePerMillion: 1.1)
    ])
    func decode(_ parts: [String]) -> TelemetryDecodeResult {
      let text = Self.document(
        resource: [],
        span: [
          Self.attr("gen_ai.request.model", #"{"stringValue":"o4-mini"}"#),
          Self.attr("gen_ai.usage.input_tokens", #"{"intValue":"4000"}"#),
          Self.attr("gen_ai.usage.output_tokens", #"{"intValue":"1000"}"#),
        ] + parts, ids: ("5B8EFFF798038103D269B633813FC60C", "EEE19B7EC3C1B174"))
      var d = TelemetryLineDecoder(format: .auto, prices: prices)
      return Array(text.utf8).withUnsafeBytes { d.decode(line: $0) }
    }
    let r = decode([
      Self.attr("gen_ai.usage.cache_read.input_tokens", #"{"intValue":"3000"}"#),
      Self.attr("gen_ai.usage.cache_creation.input_tokens", #"{"intValue":200}"#),
      Self.attr("gen_ai.usage.reasoning.output_tokens", #"{"intValue":"640"}"#),
    ])
    #expect(r.errors.isEmpty)
    let rec = try #require(r.records.first)
    #expect(rec.cacheReadTokens == 3_000 && rec.cacheWriteTokens == 200 && rec.reasoningTokens == 640)
    // o4-mini: $1.10 in, $0.275 cached, $4.40 out (reasoning billed as output).
    // 4000 in = 3000 read + 200 written + 800 uncached; 1000 out = 640 reasoning + 360:
    // 800 × 1.1 + 3000 × 0.275 + 200 × 1.1 + 360 × 4.4 + 640 × 4.4
    //   = 880 + 825 + 220 + 1584 + 2816 = 6 325 → 0.006325 USD
    // (every input token at $1.10: 4400 + 4400 = 8 800 → 0.0088).
    #expect(abs((rec.costUSD ?? -1) - 0.006325) < 1e-15)

    let overRead = decode([Self.attr("gen_ai.usage.cache_read.input_tokens", #"{"intValue":"4001"}"#)])
    #expect(overRead.records.isEmpty)
    #expect(
      overRead.errors.map(\.field) == [
        "resourceSpans[0].scopeSpans[0].spans[0].attributes[gen_ai.usage.cache_read.input_tokens]"
      ])
    // Anthropic's raw input_tokens exclude the cache: written as is, the parts overflow.
    let overWrite = decode([
      Self.attr("gen_ai.usage.cache_read.input_tokens", #"{"intValue":"3000"}"#),
      Self.attr("gen_ai.usage.cache_write.input_tokens", #"{"intValue":"1500"}"#),
    ])
    #expect(
      overWrite.errors.map(\.field) == [
        "resourceSpans[0].scopeSpans[0].spans[0].attributes[gen_ai.usage.cache_write.input_tokens]"
      ])
    #expect(overWrite.errors.first?.reason.contains("exceed gen_ai.usage.input_tokens") == true)
    let overReasoning = decode([Self.attr("gen_ai.usage.reasoning.output_tokens", #"{"intValue":"1001"}"#)])
    #expect(
      overReasoning.errors.map(\.field) == [
        "resourceSpans[0].scopeSpans[0].spans[0].attributes[gen_ai.usage.reasoning.output_tokens]"
      ])
    let negative = decode([Self.attr("gen_ai.usage.cache_creation.input_tokens", #"{"intValue":"-1"}"#)])
    #expect(negative.errors.first?.reason == "must be a non-negative integer")
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
