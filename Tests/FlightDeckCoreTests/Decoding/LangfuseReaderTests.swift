import Foundation
import Testing

@testable import FlightDeckCore

/// Langfuse trace exports (the corpus files, copied to Fixtures/readers) read
/// with figures worked out by hand from the files.
@Suite struct LangfuseReaderTests {
  @Test(arguments: [TelemetryFormat.auto, .langfuse])
  func openAIAgentsTrace(format: TelemetryFormat) throws {
    let t = try ReaderFixtures.decodeFile("langfuse-seeder-openai-agents-trace.json", format: format)
    #expect(t.errors.isEmpty, "\(t.errors)")
    // 5 observations: AGENT, AGENT, GENERATION, GENERATION, TOOL.
    #expect(t.skipped == 3)
    try #require(t.records.count == 2)
    let a = t.records[0]
    #expect(a.requestID == "90d94774e8e3724d")
    #expect(a.artefact == "gpt-4.1-2025-04-14")
    #expect(a.version == "gpt-4.1-2025-04-14")  // no prompt, no observation or trace version
    #expect(a.kind == .model)
    // 2025-09-30T09:04:01.001Z → 1 759 223 041 001 ms; to 09:04:02.151Z: 1 150 ms.
    #expect(a.timestamp.millisecondsSinceEpoch == 1_759_223_041_001)
    #expect(a.latencyMs == 1150)
    #expect(a.ttftMs == nil)  // completionStartTime null
    #expect(a.inputTokens == 85)
    #expect(a.outputTokens == 29)
    #expect(a.cacheReadTokens == 0)  // prompt_details.cache_read 0
    #expect(a.costUSD == 0.000402)  // costDetails.total
    // gpt-4.1 at 2 / 8 USD per 1M: 85 × 2e-6 + 29 × 8e-6 = 0.00017 + 0.000232 = 0.000402: the same.
    #expect(a.recomputedCostUSD == nil)
    #expect(a.status == .ok)
    let b = t.records[1]
    #expect(b.requestID == "98870087af69bf06")
    #expect(b.timestamp.millisecondsSinceEpoch == 1_759_223_039_963)
    #expect(b.latencyMs == 1036)  // 09:03:59.963 → 09:04:00.999
    #expect(b.inputTokens == 55)
    #expect(b.outputTokens == 15)
    #expect(b.costUSD == 0.00023)
  }

  @Test func geminiReasoningInsideOutput() throws {
    let t = try ReaderFixtures.decodeFile("langfuse-seeder-google-gemini-trace.json")
    #expect(t.errors.isEmpty, "\(t.errors)")
    try #require(t.records.count == 1)
    let r = t.records[0]
    #expect(r.requestID == "b7a63ca7e1d083bc")
    #expect(r.artefact == "gemini-2.5-flash")
    #expect(r.timestamp.millisecondsSinceEpoch == 1_754_054_520_147)
    #expect(r.latencyMs == 12_032)  // 13:22:00.147 → 13:22:12.179 (the latency field says 12032 too, in ms)
    // total 2061 = input 6 + output 2055: the output includes the 1104 reasoning tokens.
    #expect(r.inputTokens == 6)
    #expect(r.outputTokens == 2055)
    #expect(r.reasoningTokens == 1104)
    #expect(r.costUSD == 0.005139299999)
    // gemini-2.5-flash at 0.30 / 2.50 per 1M: 6 × 3e-7 + 2055 × 2.5e-6 = 0.0000018 + 0.0051375 = 0.0051393,
    // within 1e-9 (relative) of the ingested 0.005139299999: float noise, not a different figure.
    #expect(r.recomputedCostUSD == nil)
  }

  @Test func pydanticTraceVersionAndSession() throws {
    let t = try ReaderFixtures.decodeFile("langfuse-test-pydantic-ai-trace.json")
    #expect(t.errors.isEmpty, "\(t.errors)")
    #expect(t.skipped == 2)  // two SPANs
    try #require(t.records.count == 1)
    let r = t.records[0]
    #expect(r.requestID == "5cb389a3bdd21a6e")
    #expect(r.artefact == "gpt-4o")
    #expect(r.version == "1.0.0")  // trace.version
    #expect(r.sessionID == "session_abc")  // trace.sessionId
    #expect(r.timestamp.millisecondsSinceEpoch == 1_749_220_828_562)
    // 14:40:28.562 → 14:40:33.356 = 4 794 ms (the file's latency field says 4.794, in seconds).
    #expect(r.latencyMs == 4794)
    #expect(r.inputTokens == 31)
    #expect(r.outputTokens == 96)
    #expect(r.costUSD == 0.0010375)
  }

  /// Observations one per line and in a `data` list: prompt name and version,
  /// level ERROR, cached tokens outside `input` (total decides), TTFT, cost
  /// priced by the table when the export has none.
  @Test func observationsPromptsErrorsAndCache() throws {
    let prompt = """
      {"id":"o1","traceId":"t1","type":"GENERATION","model":"gpt-4o","promptName":"answer","promptVersion":3,\
      "startTime":"2025-01-01T00:00:00.000Z","endTime":"2025-01-01T00:00:02.500Z",\
      "completionStartTime":"2025-01-01T00:00:00.400Z","level":"DEFAULT",\
      "usageDetails":{"input":200,"output":100,"input_cached_tokens":800,"total":1100},"costDetails":{}}
      """
    let failed = """
      {"id":"o2","traceId":"t1","type":"GENERATION","model":"gpt-4o","startTime":"2025-01-01T00:00:03Z",\
      "endTime":"2025-01-01T00:00:03.250Z","level":"ERROR","statusMessage":"rate limited","usageDetails":{}}
      """
    let t = try ReaderFixtures.decode(
      text: prompt + "\n" + failed + "\n{\"data\":[" + prompt + "," + failed + "],\"meta\":{}}\n")
    #expect(t.errors.isEmpty, "\(t.errors)")
    try #require(t.records.count == 4)
    #expect(t.records[0] == t.records[2] && t.records[1] == t.records[3])
    let p = t.records[0]
    #expect(p.artefact == "answer")
    #expect(p.version == "3")
    #expect(p.kind == .prompt)
    // total 1100 = 200 + 100 + 800: input excluded the cached tokens, so input = 1000, 800 of them cached.
    #expect(p.inputTokens == 1000)
    #expect(p.cacheReadTokens == 800)
    #expect(p.ttftMs == 400)
    #expect(p.latencyMs == 2500)
    // No cost in the export: gpt-4o from the table: 200 × 2.5e-6 + 800 × 1.25e-6 + 100 × 1e-5 = 0.0025.
    let cost = try #require(p.costUSD)
    #expect(abs(cost - 0.0025) < 1e-15)
    #expect(p.recomputedCostUSD == nil)
    let f = t.records[1]
    #expect(f.status == .error)
    #expect(f.latencyMs == 250)
    #expect(f.inputTokens == 0)
  }

  @Test func brokenObservationsLoseNothingElse() throws {
    func obs(_ id: String, _ extra: String) -> String {
      "{\"id\":\"\(id)\",\"traceId\":\"t\",\"type\":\"GENERATION\",\"model\":\"m\","
        + "\"startTime\":\"2025-01-01T00:00:00Z\"" + extra + "}"
    }
    let lines = [
      obs("a", ",\"endTime\":\"2025-01-01T00:00:01Z\""),
      obs("b", ""),
      obs("c", ",\"endTime\":\"2024-12-31T23:59:59Z\""),
      obs("d", ",\"endTime\":\"2025-01-01T00:00:01Z\",\"usageDetails\":{\"input\":\"many\"}"),
      obs(
        "e",
        ",\"endTime\":\"2025-01-01T00:00:01Z\",\"usageDetails\":{\"input\":5,\"output\":1,\"input_cached_tokens\":9,\"total\":6}"
      ),
      obs("f", ",\"endTime\":\"2025-01-01T00:00:01Z\",\"costDetails\":{\"total\":-1}"),
      "{\"trace\":{\"id\":\"t\"},\"observations\":[" + obs("g", ",\"endTime\":\"2025-01-01T00:00:01Z\"")
        + ",\"x\","
        + obs("h", ",\"endTime\":\"2025-01-01T00:00:01Z\",\"completionStartTime\":\"2024-01-01T00:00:00Z\"")
        + "]}",
      obs("i", ",\"endTime\":\"2025-01-01T00:00:01Z\",\"completionStartTime\":\"2025-01-01T00:00:05Z\""),
    ]
    let t = try ReaderFixtures.decode(text: lines.joined(separator: "\n"))
    #expect(t.records.map(\.requestID) == ["a", "g"])
    let got = t.errors.map { "\($0.line):\($0.error.field ?? "-"): \($0.error.reason)" }
    #expect(
      got == [
        "2:endTime: missing required field (an unfinished generation)",
        "3:endTime: before startTime",
        "4:usageDetails.input: must be a non-negative integer",
        "5:usageDetails.input_cached_tokens: exceeds usageDetails.input (which count cached tokens too)",
        "6:costDetails.total: must be >= 0",
        "7:observations[1]: expected an object",
        "7:observations[2].completionStartTime: before startTime",
        "8:completionStartTime: after endTime",
      ])
  }
}
