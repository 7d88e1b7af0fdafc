import Foundation
import Testing

@testable import FlightDeckCore

/// Scanned lines are added two lines late (their series prefetched
/// meanwhile); lines the scanner declines go through the decoder at once.
/// The waiting lines must be added first, so that series are still created
/// in file order: an artefact's kind is its first record's.
@Suite struct ReplayLineOrderTests {
  @Test func anArtefactKeepsTheKindOfItsFirstRecordWhenTheDecoderTakesTheNextLine() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("flightdeck-replay-order-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("order.jsonl").path
    func line(_ ts: String, _ id: String, kind: String, version: String) -> String {
      "{\"ts\":\"2025-06-01T00:00:0\(ts).000Z\",\"request_id\":\"\(id)\",\"artefact\":\"a\",\"kind\":\"\(kind)\","
        + "\"version\":\"\(version)\",\"route\":\"stable\",\"latency_ms\":10,\"input_tokens\":1,"
        + "\"output_tokens\":1,\"cost_usd\":0.001,\"status\":\"ok\"}"
    }
    // Line 1 is scanned (and waits); line 2 has an escape in its request id,
    // which the scanner declines, so the decoder makes its series at once.
    let text = [
      line("1", "r1", kind: "agent", version: "v1"),
      line("2", "r\\u0032", kind: "prompt", version: "v2"),
      line("3", "r3", kind: "prompt", version: "v3"),
    ].joined(separator: "\n")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    var options = ReplayOptions()
    options.threads = 1
    let result = try ReplayAggregator.run(paths: [path], options: options)
    #expect(result.records == 3)
    #expect(result.rows.map(\.key.version) == ["v1", "v2", "v3"])
    #expect(result.rows.map(\.kind) == [.agent, .agent, .agent])
  }
}
