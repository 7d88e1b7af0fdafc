import Foundation
import Testing

@testable import FlightDeckCore

/// The real OTLP/JSON files of `../shared/corpus/otlp`, fed line by line as
/// the engine will, with the expected figures worked out by hand from the files.
@Suite struct OTLPCorpusTests {
  /// Totals of decoding one file.
  struct Totals {
    var records: [TelemetryRecord] = []
    var skipped = 0
    var errors: [TelemetryDecodeError] = []
    var pendingLines = 0
  }

  static func decodeFile(_ relative: String, format: TelemetryFormat = .auto) throws -> Totals {
    let lines = try DecodingFixtures.lines(of: DecodingFixtures.corpus(relative))
    var decoder = TelemetryLineDecoder(format: format, prices: try PriceTable.bundled())
    var t = Totals()
    func add(_ r: TelemetryDecodeResult) {
      t.records += r.records
      t.skipped += r.skippedSpans
      t.errors += r.errors
      if r.isPending { t.pendingLines += 1 }
    }
    for line in lines { add(line.withUnsafeBytes { decoder.decode(line: $0) }) }
    if let last = decoder.finish() { add(last) }
    return t
  }

  @Test(arguments: [TelemetryFormat.auto, .otlp])
  func tokenomicsGenAISpans(format: TelemetryFormat) throws {
    let t = try Self.decodeFile("otlp/tokenomics-genai-otlp_traces.json", format: format)
    // One pretty-printed document of 235 lines: 234 pending, the last closes it.
    #expect(t.pendingLines == 234)
    #expect(t.errors.isEmpty)
    #expect(t.skipped == 0)
    try #require(t.records.count == 2)
    let gpt = t.records[0]
    // traceId zE9+rPKKO6OTpRgGpi/r+A== and spanId QON/QMx9eKU= are base64; decoded
    // independently (python3 base64.b64decode(...).hex()).
    #expect(gpt.requestID == "cc4f7eacf28a3ba393a51806a62febf8" + "40e37f40cc7d78a5")
    #expect(gpt.artefact == "gpt-4o")  // gen_ai.request.model
    #expect(gpt.version == "gpt-4o-2024-08-06")  // gen_ai.response.model
    #expect(gpt.route == .stable)
    #expect(gpt.kind == .model)
    #expect(gpt.provider == "openai")
    #expect(gpt.status == .ok)  // status: {}
    #expect(gpt.inputTokens == 10_000)
    #expect(gpt.outputTokens == 500)
    #expect(gpt.cacheReadTokens == 8_000)  // gen_ai.usage.cache_read.input_tokens
    #expect(gpt.cacheWriteTokens == 0)
    #expect(gpt.reasoningTokens == 0)
    // 1787297955670945879 − 1787297955670900503 = 45 376 ns = 0.045376 ms (not 0).
    #expect(gpt.latencyMs == 0.045376)
    // start 1787297955670900503 ns → 1787297955670 ms.
    #expect(gpt.timestamp.millisecondsSinceEpoch == 1_787_297_955_670)
    // gpt-4o: $2.50 input, $1.25 cached input, $10.00 output per 1M. The 10 000 input tokens
    // include the 8 000 read from the cache (OTel convention; OpenAI's prompt_tokens include
    // cached_tokens too), so 2 000 are uncached:
    // 2000 × 2.5/1e6 + 8000 × 1.25/1e6 + 500 × 10/1e6 = 0.005 + 0.01 + 0.005 = 0.02.
    // (Before: every input token at $2.50 → 0.025 + 0.005 = 0.03, 1.5× the bill.)
    #expect(abs((gpt.costUSD ?? -1) - 0.02) < 1e-12)

    let claude = t.records[1]
    #expect(claude.requestID == "389b7e8d82858b8becab5a94cf266540" + "f3301031a292183d")
    #expect(claude.artefact == "claude-sonnet-4-5")
    #expect(claude.version == "claude-sonnet-4-5-20250929")
    #expect(claude.provider == "anthropic")
    #expect(claude.inputTokens == 93_200)
    #expect(claude.outputTokens == 800)
    #expect(claude.cacheReadTokens == 90_000)  // gen_ai.usage.cache_read.input_tokens
    #expect(claude.cacheWriteTokens == 2_000)  // gen_ai.usage.cache_write.input_tokens
    // 1787297955671063831 − 1787297955671042490 = 21 341 ns = 0.021341 ms.
    #expect(claude.latencyMs == 0.021341)
    #expect(claude.timestamp.millisecondsSinceEpoch == 1_787_297_955_671)
    // claude-sonnet-4-5: $3 input, $0.30 cache read (0.1×), $3.75 cache write (1.25×, 5-minute
    // cache), $15 output per 1M. 93 200 input = 90 000 read + 2 000 written + 1 200 uncached:
    // 1200 × 3/1e6 + 90000 × 0.3/1e6 + 2000 × 3.75/1e6 + 800 × 15/1e6
    //   = 0.0036 + 0.027 + 0.0075 + 0.012 = 0.0501.
    // (Before: 93200 × 3/1e6 + 800 × 15/1e6 = 0.2796 + 0.012 = 0.2916, 5.82× the bill.)
    #expect(abs((claude.costUSD ?? -1) - 0.0501) < 1e-12)
  }

  /// The two spans through the metrics store, as the dashboard sees them: costs, cache totals
  /// and sub-millisecond latencies at their nanosecond precision.
  @Test func tokenomicsSpansThroughTheMetricsStore() throws {
    let t = try Self.decodeFile("otlp/tokenomics-genai-otlp_traces.json")
    var store = MetricsStore()
    for r in t.records { store.record(r) }
    let from = Timestamp(millisecondsSinceEpoch: 1_787_297_950_000)
    let to = from.adding(milliseconds: 10_000)
    let gpt = store.stats(
      for: [SeriesKey(artefact: "gpt-4o", version: "gpt-4o-2024-08-06", route: .stable)], from: from, to: to)
    // One span of 45 376 ns: p50 = 0.045376 ms exactly (was 0.045 at µs resolution).
    #expect(gpt.p50Ms == 0.045376)
    #expect(gpt.cacheReadTokens == 8_000)
    // 8 000 of 10 000 input tokens from the cache: 80 %.
    #expect(gpt.cachedInputShare == 0.8)
    let claude = store.stats(
      for: [SeriesKey(artefact: "claude-sonnet-4-5", version: "claude-sonnet-4-5-20250929", route: .stable)],
      from: from, to: to)
    // 21 341 ns = 0.021341 ms (was 0.021, "21 µs").
    #expect(claude.p50Ms == 0.021341)
    #expect(claude.p99Ms == 0.021341)
    #expect(claude.cacheReadTokens == 90_000)
    #expect(claude.cacheWriteTokens == 2_000)
    // 90 000 / 93 200 = 0.965665…
    #expect(abs((claude.cachedInputShare ?? -1) - 90_000.0 / 93_200) < 1e-15)
    // Both spans: 0.02 + 0.0501 = 0.0701 USD (see tokenomicsGenAISpans).
    let both = store.stats(
      for: [
        SeriesKey(artefact: "gpt-4o", version: "gpt-4o-2024-08-06", route: .stable),
        SeriesKey(artefact: "claude-sonnet-4-5", version: "claude-sonnet-4-5-20250929", route: .stable),
      ], from: from, to: to)
    #expect(abs(both.costUSD - 0.0701) < 1e-12)
    #expect(both.inputTokens == 103_200)
    #expect(both.cacheReadTokens == 98_000)
    // p50 of {0.021341, 0.045376} = their mean, 0.0333585 ms.
    #expect(abs((both.p50Ms ?? -1) - 0.0333585) < 1e-12)
  }

  @Test func protoExampleHasOneNonGenAISpan() throws {
    let t = try Self.decodeFile("otlp/otel-proto-example-trace.json")
    // One server span with only my.span.attr: skipped, not an error (upper-case hex ids are valid).
    #expect(t.records.isEmpty)
    #expect(t.skipped == 1)
    #expect(t.errors.isEmpty)
    // 51 lines (50 newlines, none after the last): 50 pending + the closing one.
    #expect(t.pendingLines == 50)
  }

  @Test func collectorJSONLinesAreSkippedSpans() throws {
    let t = try Self.decodeFile("otlp/otlp2parquet-traces.jsonl")
    // 19 lines, each one resourceSpans with one span; none has gen_ai.* attributes.
    #expect(t.records.isEmpty)
    #expect(t.skipped == 19)
    #expect(t.errors.isEmpty)
    #expect(t.pendingLines == 0)
  }

  @Test func prettyPrintedTraceHasTwoSkippedSpans() throws {
    let t = try Self.decodeFile("otlp/otlp2parquet-trace.json")
    // Envoy CLIENT + SERVER spans (http.* attributes only).
    #expect(t.records.isEmpty)
    #expect(t.skipped == 2)
    #expect(t.errors.isEmpty)
  }

  @Test func invalidBase64IDsAreLocatedErrors() throws {
    let t = try Self.decodeFile("otlp/invalid/otlp2parquet-trace_invalid_base64.json")
    try #require(t.errors.count == 1)
    #expect(t.errors[0].field == "resourceSpans[0].scopeSpans[0].spans[0].traceId")
    #expect(t.errors[0].reason.hasPrefix("invalid trace id"))
    // Reported on the closing line (34th); the document started 33 lines earlier.
    #expect(t.errors[0].linesBeforeCurrent == 33)
    #expect(t.records.isEmpty && t.skipped == 0)
  }

  @Test func invalidSpanKindIsALocatedError() throws {
    let t = try Self.decodeFile("otlp/invalid/otlp2parquet-trace_invalid_kind.json")
    try #require(t.errors.count == 1)
    #expect(t.errors[0].field == "resourceSpans[0].scopeSpans[0].spans[0].kind")
    #expect(t.errors[0].reason == "unknown span kind")
    #expect(t.records.isEmpty && t.skipped == 0)
  }

  @Test func mixedEncodingIDsAreLocatedErrors() throws {
    let t = try Self.decodeFile("otlp/invalid/otlp2parquet-trace_mixed_encoding.json")
    // traceId "zzz": not 32 hex digits; as base64 "zzz=" is 2 bytes, not 16.
    try #require(t.errors.count == 1)
    #expect(t.errors[0].field == "resourceSpans[0].scopeSpans[0].spans[0].traceId")
    #expect(t.errors[0].reason == "invalid trace id: decodes to 2 bytes, expected 16")
  }

  @Test func truncatedDocumentIsReportedAtFinish() throws {
    let t = try Self.decodeFile("otlp/invalid/otlp2parquet-malformed.json")
    // 21 lines, braces never close: 21 pending lines, then finish() reports it.
    #expect(t.pendingLines == 21)
    try #require(t.errors.count == 1)
    #expect(t.errors[0].reason == "unterminated JSON document (21 lines)")
    #expect(t.errors[0].linesBeforeCurrent == 20)
  }

  @Test func truncatedDocumentFollowedByMoreInputBreaksOnTheStringLineBreak() throws {
    // The truncated document followed by a line that ends inside a string: a
    // JSON string cannot hold a raw line break, so the document is reported
    // broken there rather than swallowing input until finish().
    var lines = try DecodingFixtures.lines(
      of: DecodingFixtures.corpus("otlp/invalid/otlp2parquet-malformed.json"))
    lines.append(Array("\"unterminated".utf8))
    var decoder = TelemetryLineDecoder(prices: .empty)
    var errors: [TelemetryDecodeError] = []
    for line in lines { errors += line.withUnsafeBytes { decoder.decode(line: $0) }.errors }
    // 22nd line ends inside a string: a raw line break cannot be in a JSON string.
    #expect(
      errors == [
        TelemetryDecodeError(
          field: nil,
          // `"unterminated` is 13 bytes: the line break after it is byte 14 of the document's line 22.
          reason: "invalid JSON at line 22, column 14 of the document: control character U+000A in a string",
          linesBeforeCurrent: 21)
      ])
    #expect(decoder.finish() == nil)
  }
}
