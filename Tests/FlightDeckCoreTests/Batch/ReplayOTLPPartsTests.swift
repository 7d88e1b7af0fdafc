import Foundation
import Testing

@testable import FlightDeckCore

/// `replay` on an OTLP/JSON lines file over 1 MiB reads it in parts, one per
/// thread, as it reads FlightDeck JSON Lines; a span without a version
/// attribute in a later part, whose version an earlier part taught
/// (``OTLPVersionMemory``), must still get that version: the file is then
/// read again in one pass.
@Suite struct ReplayOTLPPartsTests {
  /// 2025-06-01T00:00:00Z in ns since the epoch.
  static let t0: Int64 = 1_748_736_000_000_000_000

  /// One OTLP/JSON line holding one GenAI span `i` seconds after `t0`,
  /// lasting `latencyMs`; `response` nil leaves `gen_ai.response.model` out
  /// (a failed call), `error` sets status code 2.
  static func line(_ i: Int, model: String, response: String?, latencyMs: Int, error: Bool = false) -> String
  {
    let start = t0 + Int64(i) * 1_000_000_000
    let end = start + Int64(latencyMs) * 1_000_000
    let trace = String(format: "%032x", i + 1)
    let span = String(format: "%016x", i + 1)
    var attributes = [
      #"{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}}"#,
      #"{"key":"gen_ai.request.model","value":{"stringValue":"\#(model)"}}"#,
      #"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"100"}}"#,
      #"{"key":"gen_ai.usage.output_tokens","value":{"intValue":"10"}}"#,
      #"{"key":"server.address","value":{"stringValue":"api.example.com"}}"#,
    ]
    if let response {
      attributes.append(#"{"key":"gen_ai.response.model","value":{"stringValue":"\#(response)"}}"#)
    }
    let status = error ? #"{"code":2}"# : "{}"
    return
      #"{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"chat"}}]},"#
      + #""scopeSpans":[{"scope":{"name":"openai"},"spans":[{"traceId":"\#(trace)","spanId":"\#(span)","#
      + #""name":"chat","kind":3,"startTimeUnixNano":"\#(start)","endTimeUnixNano":"\#(end)","#
      + #""attributes":[\#(attributes.joined(separator: ","))],"status":\#(status)}]}]}]}"#
  }

  static func write(_ lines: [String]) throws -> (dir: URL, path: String) {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("flightdeck-replay-otlp-parts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("spans.jsonl").path
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    #expect(size > 1 << 20)  // else the file is not split
    return (dir, path)
  }

  /// 4 000 spans of `filler` (version `filler-2025`), then, in the second
  /// half, 20 failed spans of `gpt-4o` without a response model. The first
  /// line taught `gpt-4o` → `gpt-4o-2024-08-06`: one pass gives the failed
  /// spans that version (21 requests, 20 errors), never a phantom version
  /// `gpt-4o` (the request model, what a second part alone would say).
  @Test func aVersionTaughtInAnEarlierPartIsKept() throws {
    var lines = [Self.line(0, model: "gpt-4o", response: "gpt-4o-2024-08-06", latencyMs: 800)]
    for i in 1...4_000 {
      lines.append(Self.line(i, model: "filler", response: "filler-2025", latencyMs: 100 + i % 50))
    }
    for i in 4_001...4_020 {
      lines.append(Self.line(i, model: "gpt-4o", response: nil, latencyMs: 50, error: true))
    }
    let (dir, path) = try Self.write(lines)
    defer { try? FileManager.default.removeItem(at: dir) }
    var options = ReplayOptions()
    options.threads = 2
    let two = try ReplayAggregator.run(paths: [path], options: options)
    #expect(two.rows.map(\.key.version) == ["filler-2025", "gpt-4o-2024-08-06"])
    let gpt = try #require(two.rows.first { $0.key.artefact == "gpt-4o" })
    #expect(gpt.stats.requests == 21)
    #expect(gpt.stats.errors == 20)
    options.threads = 1
    let one = try ReplayAggregator.run(paths: [path], options: options)
    #expect(two.rows == one.rows)
    #expect(two.records == 4_021)
  }

  /// Spans that all carry their version: two parts give exactly the rows of
  /// one pass (counts, tokens, costs, merged latency histograms), and the
  /// errors at the same lines.
  @Test func twoPartsGiveTheRowsOfOnePass() throws {
    var lines: [String] = []
    let models = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4"]
    for i in 0..<5_000 {
      let model = models[i % 3]
      lines.append(
        Self.line(
          i, model: model, response: model + "-v\(i % 2)", latencyMs: 20 + (i * 37) % 900, error: i % 17 == 0)
      )
    }
    lines[3_500] = #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz"}]}]}]}"#
    let (dir, path) = try Self.write(lines)
    defer { try? FileManager.default.removeItem(at: dir) }
    var options = ReplayOptions()
    options.errorLimit = 10
    options.threads = 1
    let one = try ReplayAggregator.run(paths: [path], options: options)
    options.threads = 2
    let two = try ReplayAggregator.run(paths: [path], options: options)
    #expect(one.records == 4_999)
    #expect(one.rows.count == 6)
    #expect(one.malformedLines == 1)
    #expect(one.errors.map(\.line) == [3_501])
    #expect(two.records == one.records)
    #expect(two.errors == one.errors)
    #expect(two.rows == one.rows)
  }
}
