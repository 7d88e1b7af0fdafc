import Foundation
import Testing

@testable import FlightDeckCore

/// The Langfuse SDK's span attributes in the OTLP mapping, on small hand-written
/// OTLP/JSON documents (the span runs 1700000000.123456789 s → 1700000001.623456789 s).
@Suite struct OTLPLangfuseMappingTests {
  static let prices = PriceTable(prices: [
    "gpt-4o": ModelPrice(inputPerMillion: 2.50, outputPerMillion: 10.00, cacheReadPerMillion: 1.25)
  ])

  static func string(_ key: String, _ value: String) -> String {
    OTLPMappingTests.attr(key, #"{"stringValue":"\#(value.replacingOccurrences(of: "\"", with: "\\\""))"}"#)
  }

  static func decode(_ span: [String], mapping: OTLPAttributeMapping = .default) -> TelemetryDecodeResult {
    let text = OTLPMappingTests.document(
      resource: [], span: span, ids: ("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174"))
    var d = TelemetryLineDecoder(format: .auto, mapping: mapping, prices: prices)
    return Array(text.utf8).withUnsafeBytes { d.decode(line: $0) }
  }

  @Test func onlyGenerationsAreRequestsUnlessGenAIAttributesSaySo() throws {
    // A tool observation with a model name only: skipped (with the db span of the document).
    var r = Self.decode([
      Self.string("langfuse.observation.type", "tool"),
      Self.string("langfuse.observation.model.name", "gpt-4o"),
    ])
    #expect(r.records.isEmpty && r.errors.isEmpty && r.skippedSpans == 2)
    // The same span with gen_ai.request.model: a model call.
    r = Self.decode([
      Self.string("langfuse.observation.type", "span"), Self.string("gen_ai.request.model", "gpt-4o"),
    ])
    #expect(r.records.count == 1 && r.records.first?.artefact == "gpt-4o")
    // An embedding counts as Langfuse counts it.
    r = Self.decode([
      Self.string("langfuse.observation.type", "embedding"),
      Self.string("langfuse.observation.model.name", "gpt-4o"),
    ])
    #expect(r.records.count == 1)
  }

  @Test func openAIStyleUsageDetailsFromLangfusesOpenAIIntegration() throws {
    // Langfuse's OpenAI integration passes OpenAI's usage object through, details nested.
    let r = Self.decode([
      Self.string("langfuse.observation.type", "generation"),
      Self.string("langfuse.observation.model.name", "gpt-4o"),
      Self.string(
        "langfuse.observation.usage_details",
        #"{"prompt_tokens": 1200, "completion_tokens": 80, "total_tokens": 1280, "prompt_tokens_details": {"cached_tokens": 1024}}"#
      ),
    ])
    let rec = try #require(r.records.first)
    // total 1280 = 1200 + 80: prompt_tokens includes the 1024 cached tokens.
    #expect(rec.inputTokens == 1200 && rec.cacheReadTokens == 1024 && rec.outputTokens == 80)
    // (1200 − 1024) × 2.50 + 1024 × 1.25 + 80 × 10 = 440 + 1280 + 800 = 2520 per million.
    #expect(abs((rec.costUSD ?? -1) - 2520e-6) < 1e-15 && rec.recomputedCostUSD == nil)
    // No prompt, no version attribute: the request model, as for a GenAI span.
    #expect(rec.version == "gpt-4o" && rec.kind == .model)
  }

  @Test func genAITokenAttributesWinOverUsageDetails() throws {
    let r = Self.decode([
      Self.string("gen_ai.request.model", "gpt-4o"),
      OTLPMappingTests.attr("gen_ai.usage.input_tokens", #"{"intValue":10}"#),
      OTLPMappingTests.attr("gen_ai.usage.output_tokens", #"{"intValue":5}"#),
      Self.string("langfuse.observation.usage_details", #"{"input": 999, "output": 999}"#),
    ])
    let rec = try #require(r.records.first)
    #expect(rec.inputTokens == 10 && rec.outputTokens == 5)
  }

  @Test func badLangfuseAttributesAreRejectedByName() throws {
    func reject(_ extra: [String]) -> TelemetryDecodeError? {
      let r = Self.decode(
        [
          Self.string("langfuse.observation.type", "generation"),
          Self.string("langfuse.observation.model.name", "gpt-4o"),
        ] + extra)
      return r.records.isEmpty ? r.errors.first : nil
    }
    let prefix = "resourceSpans[0].scopeSpans[0].spans[0].attributes"
    var e = reject([Self.string("langfuse.observation.usage_details", "12 tokens")])
    #expect(e?.field == "\(prefix)[langfuse.observation.usage_details]")
    #expect(e?.reason == "expected a JSON object as text")
    e = reject([Self.string("langfuse.observation.usage_details", #"{"input": -3}"#)])
    #expect(e?.reason == "input: \(TelemetryDecodeError.Reason.nonNegativeInteger)")
    e = reject([
      Self.string("langfuse.observation.usage_details", #"{"input": 5, "cache_read_input_tokens": 9}"#)
    ])
    #expect(
      e?.reason == "cache_read_input_tokens: exceeds usage_details.input (which count cached tokens too)")
    e = reject([Self.string("langfuse.observation.cost_details", #"{"total": "cheap"}"#)])
    #expect(e?.field == "\(prefix)[langfuse.observation.cost_details]")
    #expect(e?.reason == "total: \(TelemetryDecodeError.Reason.expectedNumber)")
    // One microsecond after the span's end.
    e = reject([Self.string("langfuse.observation.completion_start_time", "\"2023-11-14T22:13:21.623458Z\"")])
    #expect(e?.field == "\(prefix)[langfuse.observation.completion_start_time]")
    #expect(e?.reason == "after the span's end")
    e = reject([Self.string("langfuse.observation.completion_start_time", "\"yesterday\"")])
    #expect(e?.field == "\(prefix)[langfuse.observation.completion_start_time]")
  }

  @Test func completionStartTimeAsJSONStringOrBareText() throws {
    // 1700000000.123456789 s is 2023-11-14T22:13:20.123456789Z; the first token 0.25 s later
    // (written to the microsecond: .373456, so 249 999 211 ns after the start).
    for value in ["\"2023-11-14T22:13:20.373456Z\"", "2023-11-14T22:13:20.373456Z"] {
      let r = Self.decode([
        Self.string("langfuse.observation.type", "generation"),
        Self.string("langfuse.observation.model.name", "gpt-4o"),
        Self.string("langfuse.observation.completion_start_time", value),
      ])
      #expect(r.records.first?.ttftMs == 249.999211, "\(value)")
    }
  }

  @Test func mappingArtefactKeysWinOverThePromptAndLangfuseVersionNamesTheVersion() throws {
    let span = [
      Self.string("langfuse.observation.type", "generation"),
      Self.string("langfuse.observation.model.name", "gpt-4o"),
      Self.string("langfuse.observation.prompt.name", "support-answer"),
      OTLPMappingTests.attr("langfuse.observation.prompt.version", #"{"intValue":"7"}"#),
      Self.string("langfuse.version", "1.4.2"),
      Self.string("flightdeck.artefact", "support-bot"),
    ]
    var rec = try #require(Self.decode(span).records.first)
    #expect(rec.artefact == "support-bot" && rec.version == "1.4.2" && rec.kind == .model)
    // Without flightdeck.artefact the prompt and its version.
    rec = try #require(Self.decode(Array(span.dropLast())).records.first)
    #expect(rec.artefact == "support-answer" && rec.version == "7" && rec.kind == .prompt)
  }

  @Test func levelErrorWithoutSpanStatusIsAnError() throws {
    let r = Self.decode([
      Self.string("langfuse.observation.type", "generation"),
      Self.string("langfuse.observation.model.name", "gpt-4o"),
      Self.string("langfuse.observation.level", "ERROR"),
      Self.string("langfuse.observation.status_message", "upstream timeout"),
    ])
    let rec = try #require(r.records.first)
    #expect(rec.status == .error && rec.errorType == "upstream timeout")
    // level WARNING is no error, and a status message alone names no error type.
    let ok = Self.decode([
      Self.string("langfuse.observation.type", "generation"),
      Self.string("langfuse.observation.model.name", "gpt-4o"),
      Self.string("langfuse.observation.level", "WARNING"),
      Self.string("langfuse.observation.status_message", "slow"),
    ])
    #expect(ok.records.first?.status == .ok && ok.records.first?.errorType == nil)
  }
}
