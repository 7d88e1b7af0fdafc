import Foundation
import Testing

@testable import FlightDeckCore

/// LiteLLM's logs (the corpus files, copied to Fixtures/readers) read with
/// figures worked out by hand from the files.
@Suite struct LiteLLMReaderTests {
  /// Both corpus files describe one `gpt-4o` call: 10 prompt + 20 completion
  /// tokens, 0.00022500000000000002 USD, 09:20:46.847371 → 09:20:46.851954.
  func expectTheCorpusCall(_ r: TelemetryRecord, id: String) {
    #expect(r.requestID == id)
    #expect(r.artefact == "gpt-4o")  // model_group "" → model
    #expect(r.version == "gpt-4o")  // model
    #expect(r.kind == .model)
    #expect(r.route == .stable)
    // 2025-01-24 09:20:46.847 UTC (no zone written: read as UTC) = 1 737 710 446 847 ms
    // (python3 datetime(…, tzinfo=utc).timestamp()).
    #expect(r.timestamp.millisecondsSinceEpoch == 1_737_710_446_847)
    // 46.851954 − 46.847371 s = 4 583 µs = 4.583 ms.
    #expect(r.latencyMs == 4.583)
    // completionStartTime = endTime → 4.583 ms.
    #expect(r.ttftMs == 4.583)
    #expect(r.inputTokens == 10)
    #expect(r.outputTokens == 20)
    #expect(r.cacheReadTokens == 0)
    #expect(r.cacheWriteTokens == 0)
    #expect(r.reasoningTokens == 0)
    #expect(r.costUSD == 0.00022500000000000002)  // ingested as written
    // gpt-4o at 2.50 / 10.00 USD per 1M: 10 × 2.5e-6 + 20 × 1e-5 = 0.000225: the same, so no second figure.
    #expect(r.recomputedCostUSD == nil)
    #expect(r.status == .ok)
    #expect(r.errorType == nil)
    #expect(r.provider == "openai")
  }

  @Test(arguments: [TelemetryFormat.auto, .litellm])
  func standardLoggingPayloadPrettyPrinted(format: TelemetryFormat) throws {
    let t = try ReaderFixtures.decodeFile("litellm-standard_logging_payload.json", format: format)
    #expect(t.errors.isEmpty, "\(t.errors)")
    #expect(t.pendingLines == 178)  // 179 lines (no final newline), the last closes the document
    try #require(t.records.count == 1)
    expectTheCorpusCall(t.records[0], id: "chatcmpl-2299b6a2-82a3-465a-b47c-04e685a2227f")
    #expect(t.records[0].sessionID == nil)  // trace_id null
  }

  @Test(arguments: [TelemetryFormat.auto, .litellm])
  func spendLogRowPrettyPrinted(format: TelemetryFormat) throws {
    let t = try ReaderFixtures.decodeFile("litellm-spend_logs_payload.json", format: format)
    #expect(t.errors.isEmpty, "\(t.errors)")
    try #require(t.records.count == 1)
    expectTheCorpusCall(t.records[0], id: "chatcmpl-2283081b-dc89-41f6-93e6-d4f914774027")
    #expect(t.records[0].sessionID == "1234567890")
  }

  /// The two records as JSON Lines, then as one JSON array: the same records.
  @Test func jsonLinesAndArray() throws {
    let a = try ReaderFixtures.oneLine("litellm-standard_logging_payload.json")
    let b = try ReaderFixtures.oneLine("litellm-spend_logs_payload.json")
    let lines = try ReaderFixtures.decode(text: a + "\n" + b + "\n")
    let array = try ReaderFixtures.decode(text: "[" + a + ",\n" + b + "]\n", format: .litellm)
    #expect(lines.errors.isEmpty && array.errors.isEmpty)
    try #require(lines.records.count == 2)
    #expect(lines.records == array.records)
    expectTheCorpusCall(lines.records[1], id: "chatcmpl-2283081b-dc89-41f6-93e6-d4f914774027")
  }

  /// A failed call, a cache hit, cached and reasoning tokens, model group and
  /// deployment, a cost that differs from the table, epoch-second times.
  @Test func failureCachedTokensAndRecomputedCost() throws {
    let ok = """
      {"id":"r1","call_type":"completion","model_group":"support-bot","model":"gpt-4o","model_id":"dep-eu",\
      "startTime":1700000000.25,"endTime":1700000001.5,"completionStartTime":1700000000.75,"stream":true,\
      "prompt_tokens":1000,"completion_tokens":100,"response_cost":0.0015,"status":"success",\
      "metadata":{"usage_object":{"prompt_tokens_details":{"cached_tokens":800},\
      "completion_tokens_details":{"reasoning_tokens":40}}}}
      """
    let failed = """
      {"id":"r2","call_type":"completion","model_group":"support-bot","model":"gpt-4o",\
      "startTime":"2023-11-14T22:13:20Z","endTime":"2023-11-14T22:13:50.000250Z","stream":false,\
      "completionStartTime":"2023-11-14T22:13:50Z","prompt_tokens":0,"completion_tokens":0,\
      "response_cost":0,"status":"failure","error_information":{"error_class":"Timeout","error_code":"408"}}
      """
    let hit = """
      {"id":"r3","call_type":"completion","model":"gpt-4o","startTime":1700000000,"endTime":1700000000.002,\
      "prompt_tokens":10,"completion_tokens":20,"response_cost":0.0,"cache_hit":true,"status":"success"}
      """
    let t = try ReaderFixtures.decode(text: [ok, failed, hit].joined(separator: "\n"))
    #expect(t.errors.isEmpty, "\(t.errors)")
    try #require(t.records.count == 3)
    let r = t.records[0]
    #expect(r.artefact == "support-bot")
    #expect(r.version == "gpt-4o")
    #expect(r.timestamp.millisecondsSinceEpoch == 1_700_000_000_250)
    #expect(r.latencyMs == 1250)
    #expect(r.ttftMs == 500)
    #expect(r.inputTokens == 1000)
    #expect(r.cacheReadTokens == 800)
    #expect(r.reasoningTokens == 40)
    #expect(r.costUSD == 0.0015)
    // gpt-4o: 200 uncached × 2.5e-6 + 800 cached × 1.25e-6 + 100 × 1e-5 = 0.0005 + 0.001 + 0.001 = 0.0025.
    let recomputed = try #require(r.recomputedCostUSD)
    #expect(abs(recomputed - 0.0025) < 1e-15)
    let f = t.records[1]
    #expect(f.status == .timeout)  // error_class Timeout
    #expect(f.errorType == "Timeout")
    #expect(f.latencyMs == 30_000.25)
    #expect(f.ttftMs == nil)  // stream false: completionStartTime is the end time
    #expect(f.costUSD == 0)
    let h = t.records[2]
    #expect(h.costUSD == 0)  // served from LiteLLM's cache: never re-priced
    #expect(h.recomputedCostUSD == nil)
    #expect(h.latencyMs == 2)
  }

  /// The version fields are configurable.
  @Test func versionFromDeployment() throws {
    let line = """
      {"id":"r1","call_type":"completion","model_group":"support-bot","model":"azure/gpt-4o","model_id":"dep-eu",\
      "startTime":1700000000,"endTime":1700000001,"prompt_tokens":1,"completion_tokens":1,"response_cost":0.1}
      """
    let t = try ReaderFixtures.decode(
      Array(line.utf8), litellm: LiteLLMFieldMapping(versionFields: ["model_id"]))
    #expect(t.records.map(\.version) == ["dep-eu"])
  }

  /// Hostile records: each error names line and field; the good lines around them are kept.
  @Test func brokenRecordsLoseNothingElse() throws {
    let good = """
      {"id":"g","call_type":"completion","model":"gpt-4o","startTime":1700000000,"endTime":1700000001,\
      "prompt_tokens":1,"completion_tokens":1,"response_cost":0.1}
      """
    func bad(_ patch: String) -> String {
      "{\"call_type\":\"completion\",\"model\":\"gpt-4o\",\"response_cost\":0.1," + patch + "}"
    }
    let base = "\"id\":\"b\",\"startTime\":1700000000,\"endTime\":1700000001"
    let lines = [
      good,
      bad(base + ",\"prompt_tokens\":-3"),
      bad(base + ",\"prompt_tokens\":1.5"),
      bad("\"id\":\"b\",\"startTime\":1700000001,\"endTime\":1700000000"),
      bad("\"id\":\"b\",\"startTime\":\"yesterday\",\"endTime\":1700000000"),
      bad(
        base
          + ",\"prompt_tokens\":10,\"metadata\":{\"usage_object\":{\"prompt_tokens_details\":{\"cached_tokens\":11}}}"
      ),
      bad(base + ",\"status\":\"maybe\""),
      bad("\"startTime\":1700000000,\"endTime\":1700000001"),
      bad(base + ",\"prompt_tokens\":1e13"),
      good,
      "[" + good + ",7," + bad(base + ",\"completion_tokens\":\"x\"") + "]",
      bad(base + ",\"completionStartTime\":1700000005,\"stream\":true"),
    ]
    let t = try ReaderFixtures.decode(text: lines.joined(separator: "\n"))
    #expect(t.records.map(\.requestID) == ["g", "g", "g"])
    let got = t.errors.map { "\($0.line):\($0.error.field ?? "-"): \($0.error.reason)" }
    #expect(
      got == [
        "2:prompt_tokens: must be a non-negative integer",
        "3:prompt_tokens: must be a non-negative integer",
        "4:endTime: before startTime",
        "5:startTime: expected a date-time (YYYY-MM-DD HH:MM:SS[.ffffff], RFC 3339) or epoch seconds",
        "6:metadata.usage_object.prompt_tokens_details.cached_tokens: exceeds prompt_tokens (which count cached tokens too)",
        "7:status: expected one of success, failure",
        "8:id: missing required field",
        "9:prompt_tokens: out of range (0 to 1000000000000 tokens)",
        "11:[1]: not a JSON object",
        "11:[2].completion_tokens: must be a non-negative integer",
        "12:completionStartTime: after endTime",
      ])
  }
}
