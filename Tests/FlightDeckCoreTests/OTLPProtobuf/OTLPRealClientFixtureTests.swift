import Foundation
import Testing

@testable import FlightDeckCore

/// Request bodies captured from real clients (`Tests/Tools/otlp-capture-server.py`),
/// decoded by ``OTLPProtobufDecoder``, with figures worked out by hand from the
/// scripts' inputs. Each `.pb` sits beside the `.expected.json` its script
/// printed in the same run (span ids and times as the Python SDK ended them).
///
/// - `openai-instrumentation-v2.pb`: `Tests/Tools/openai-instrumentation-client.py`
///   (opentelemetry-instrumentation-openai-v2 2.4b0, openai 3.63.0, default
///   semantic conventions) against its stub: two answers, a 500, a 429, a stream;
///   `openai-instrumentation-v2-latest.pb` the same with `--semconv latest`.
/// - `langfuse-sdk-v3.pb`: `Tests/Tools/langfuse-client.py` (langfuse 3.15.0):
///   three generations, a tool observation and the root span.
@Suite struct OTLPRealClientFixtureTests {
  /// Prices per million tokens: gpt-4o with a cache-read rate, gpt-4o-mini.
  static let prices = PriceTable(prices: [
    "gpt-4o-mini": ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.60, cacheReadPerMillion: 0.075),
    "gpt-4o": ModelPrice(inputPerMillion: 2.50, outputPerMillion: 10.00, cacheReadPerMillion: 1.25),
  ])

  static func fixture(_ name: String) -> URL {
    DecodingFixtures.repoRoot.appendingPathComponent(
      "Tests/FlightDeckCoreTests/Fixtures/otlp-clients/" + name)
  }

  static func decode(_ name: String, prices: PriceTable = prices) throws -> TelemetryDecodeResult {
    let body = Array(try Data(contentsOf: fixture(name + ".pb")))
    return try OTLPProtobufDecoder(prices: prices).decode(body)
  }

  /// The script's printed spans (or observations), read by Foundation.
  static func expected(_ name: String, _ key: String) throws -> [[String: Any]] {
    let data = try Data(contentsOf: fixture(name + ".expected.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(object[key] as? [[String: Any]])
  }

  static func nanos(_ any: Any?) throws -> Int64 { try #require((any as? NSNumber)?.int64Value) }

  /// Both semantic-conventions modes of the instrumentation: the default (v1.30.0: `gen_ai.system`)
  /// and `OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental` (`gen_ai.provider.name`).
  @Test(arguments: ["openai-instrumentation-v2", "openai-instrumentation-v2-latest"])
  func openAIInstrumentationSpans(fixture: String) throws {
    let r = try Self.decode(fixture)
    let spans = try Self.expected(fixture, "spans")
    #expect(r.errors.isEmpty && r.skippedSpans == 0)
    try #require(r.records.count == 5 && spans.count == 5)
    for (record, span) in zip(r.records, spans) {
      let start = try Self.nanos(span["start_ns"])
      let end = try Self.nanos(span["end_ns"])
      #expect(record.requestID == (span["trace_id"] as? String ?? "") + (span["span_id"] as? String ?? ""))
      #expect(record.timestamp.millisecondsSinceEpoch == start / 1_000_000)
      #expect(record.latencyMs == Double(end - start) / 1_000_000)
      #expect(record.artefact == "gpt-4o-mini" && record.kind == .model && record.provider == "openai")
      #expect(record.ttftMs == nil)  // 2.4b0 records no time to first token for chat completions
    }
    let (cached, plain, failed500, failed429, stream) = (
      r.records[0], r.records[1], r.records[2], r.records[3], r.records[4]
    )
    // The stub answered prompt_tokens 1200 with prompt_tokens_details.cached_tokens 1024, but the
    // instrumentation (2.4b0, either semantic-conventions mode) sets only gen_ai.usage.input_tokens
    // and gen_ai.usage.output_tokens for chat completions: no cache-read attribute reaches us.
    #expect(cached.inputTokens == 1200 && cached.outputTokens == 80 && cached.cacheReadTokens == 0)
    // 1200 × 0.15 + 80 × 0.60 = 180 + 48 = 228 per million.
    #expect(abs((cached.costUSD ?? -1) - 228e-6) < 1e-15)
    #expect(cached.status == .ok && cached.errorType == nil)
    // 300 × 0.15 + 40 × 0.60 = 45 + 24 = 69 per million.
    #expect(plain.inputTokens == 300 && plain.outputTokens == 40)
    #expect(abs((plain.costUSD ?? -1) - 69e-6) < 1e-15)
    // The failures: error status (span status ERROR), the exception's class as error.type.
    #expect(failed500.status == .error && failed500.errorType == "InternalServerError")
    #expect(failed429.status == .error && failed429.errorType == "RateLimitError")
    #expect(failed500.inputTokens == 0 && failed500.costUSD == 0)
    // The stream's usage chunk: 50 × 0.15 + 3 × 0.60 = 7.5 + 1.8 = 9.3 per million.
    #expect(stream.inputTokens == 50 && stream.outputTokens == 3 && stream.status == .ok)
    #expect(abs((stream.costUSD ?? -1) - 9.3e-6) < 1e-15)
  }

  /// The failed calls carry no gen_ai.response.model: they count against the version the
  /// successful calls before them resolved to (OTLPVersionMemory), so the version has 5 requests
  /// and 2 errors, and there is no second, phantom version.
  @Test(arguments: ["openai-instrumentation-v2", "openai-instrumentation-v2-latest"])
  func openAIFailedCallsCountAgainstTheSuccessfulCallsVersion(fixture: String) throws {
    let r = try Self.decode(fixture)
    #expect(Set(r.records.map(\.version)) == ["gpt-4o-mini-2024-07-18"])
    #expect(r.records.filter { $0.status == .error }.count == 2)
  }

  @Test func langfuseSDKGenerations() throws {
    let r = try Self.decode("langfuse-sdk-v3")
    let observations = try Self.expected("langfuse-sdk-v3", "observations")
    #expect(r.errors.isEmpty)
    #expect(r.skippedSpans == 2)  // the tool observation and the root span
    try #require(r.records.count == 3)
    let byName = Dictionary(uniqueKeysWithValues: observations.map { ($0["name"] as? String ?? "", $0) })
    for (record, name) in zip(r.records, ["answer", "fallback", "failed"]) {
      let o = try #require(byName[name])
      let start = try Self.nanos(o["start_ns"])
      let end = try Self.nanos(o["end_ns"])
      #expect(record.requestID == (o["trace_id"] as? String ?? "") + (o["span_id"] as? String ?? ""))
      #expect(record.latencyMs == Double(end - start) / 1_000_000)
      #expect(record.timestamp.millisecondsSinceEpoch == start / 1_000_000)
    }
    let (answer, fallback, failed) = (r.records[0], r.records[1], r.records[2])
    // The managed prompt names the artefact and version.
    #expect(answer.artefact == "support-answer" && answer.version == "3" && answer.kind == .prompt)
    // usage_details input 500, input_cached_tokens 1000, output 200, total 1700 = 500 + 200 + 1000:
    // the input excluded the cached tokens → input 1500, of which 1000 cache reads.
    #expect(answer.inputTokens == 1500 && answer.cacheReadTokens == 1000 && answer.outputTokens == 200)
    // cost_details.total wins; the table agrees: (1500 − 1000) × 2.50 + 1000 × 1.25 + 200 × 10
    // = 1250 + 1250 + 2000 = 4500 per million = 0.0045.
    #expect(answer.costUSD == 0.0045 && answer.recomputedCostUSD == nil)
    // completion_start_time − start (the SDK writes microseconds).
    let o = try #require(byName["answer"])
    let first = try Self.nanos(o["completion_start_ns"])
    #expect(answer.ttftMs == Double(first - (try Self.nanos(o["start_ns"]))) / 1_000_000)
    #expect(answer.status == .ok && answer.errorType == nil)
    // No prompt, no cost details: the model, priced by the table: 300 × 0.15 + 40 × 0.60 = 69 per million.
    #expect(
      fallback.artefact == "gpt-4o-mini" && fallback.version == "gpt-4o-mini" && fallback.kind == .model)
    #expect(fallback.inputTokens == 300 && fallback.outputTokens == 40)
    #expect(abs((fallback.costUSD ?? -1) - 69e-6) < 1e-15 && fallback.recomputedCostUSD == nil)
    #expect(fallback.ttftMs == nil)
    // level ERROR: an error, its status message as the error type.
    #expect(failed.artefact == "support-answer" && failed.version == "3")
    #expect(failed.status == .error && failed.errorType == "RateLimitError: stub 429")
  }

  /// A table that prices gpt-4o's cached tokens at the full input rate disagrees with the ingested
  /// cost: the ingested cost stays, the table's figure is kept beside it.
  @Test func langfuseIngestedCostWinsOverADifferentTableFigure() throws {
    let prices = PriceTable(prices: ["gpt-4o": ModelPrice(inputPerMillion: 2.50, outputPerMillion: 10.00)])
    let r = try Self.decode("langfuse-sdk-v3", prices: prices)
    let answer = try #require(r.records.first)
    #expect(answer.costUSD == 0.0045)
    // 1500 × 2.50 + 200 × 10 = 3750 + 2000 = 5750 per million.
    #expect(abs((answer.recomputedCostUSD ?? -1) - 0.00575) < 1e-15)
  }
}
