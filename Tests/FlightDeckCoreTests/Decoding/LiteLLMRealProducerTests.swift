import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// Files written by the real `litellm` package (pinned 1.82.6, in a virtual
/// environment used only by the tests: `.ci/run` creates it at
/// `/tmp/fd-litellm-venv`, or set `FD_LITELLM_PYTHON`): three calls with
/// `mock_response` (two answers, one `RateLimitError`), whose
/// `StandardLoggingPayload`s a custom logger callback writes as JSON lines
/// (`Tests/Tools/litellm-producer.py`). Skipped with a message when the
/// environment is missing, except under `CI=true`.
@Suite struct LiteLLMRealProducerTests {
  /// The venv's python, if present.
  static var python: String? {
    let path = ProcessInfo.processInfo.environment["FD_LITELLM_PYTHON"] ?? "/tmp/fd-litellm-venv/bin/python"
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }

  /// Runs the producer; the JSON lines it wrote, or `nil` after skipping / recording the failure.
  static func produce() throws -> [UInt8]? {
    guard let python else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record(
          "CI=true but no litellm venv: .ci/run must create /tmp/fd-litellm-venv with litellm==1.82.6")
      } else {
        print(
          "SKIPPED LiteLLMRealProducerTests: no /tmp/fd-litellm-venv/bin/python (see .ci/run) or FD_LITELLM_PYTHON"
        )
      }
      return nil
    }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flightdeck-litellm-\(ProcessInfo.processInfo.processIdentifier).jsonl")
    defer { try? FileManager.default.removeItem(at: out) }
    let script = DecodingFixtures.repoRoot.appendingPathComponent("Tests/Tools/litellm-producer.py")
    let o = try ChildProcess.run(URL(fileURLWithPath: python), [script.path, out.path], timeoutSeconds: 300)
    try #require(
      o.status == 0 && !o.signalled,
      "litellm-producer.py failed: \(String(decoding: o.stderr, as: UTF8.self))")
    return Array(try Data(contentsOf: out))
  }

  @Test func payloadsWrittenByLiteLLM() throws {
    guard let bytes = try Self.produce() else { return }
    // The same lines read independently (Foundation's JSON, Python's float seconds), for the times.
    let objects = DecodingFixtures.split(bytes).map {
      (try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any] ?? [:]
    }
    let t = try ReaderFixtures.decode(bytes)
    #expect(t.errors.isEmpty, "\(t.errors)")
    try #require(t.records.count == 3 && objects.count == 3)
    for (r, o) in zip(t.records, objects) {
      #expect(r.requestID == o["id"] as? String)
      #expect(r.artefact == "gpt-4o" && r.version == "gpt-4o")  // no model group: the model
      #expect(r.provider == "openai")
      let start = try #require(o["startTime"] as? Double)
      let end = try #require(o["endTime"] as? Double)
      #expect(abs(r.latencyMs - (end - start) * 1000) < 0.002)
      #expect(r.timestamp.millisecondsSinceEpoch == Int64((start * 1000).rounded(.down)))
    }
    // mock_response: LiteLLM's mock usage is 10 prompt + 20 completion tokens, priced from its
    // own map at gpt-4o's 2.5e-6 / 1e-5 USD per token: 10 × 2.5e-6 + 20 × 1e-5 = 0.000225.
    for r in t.records.prefix(2) {
      #expect(r.status == .ok)
      #expect(r.inputTokens == 10 && r.outputTokens == 20)
      #expect(r.costUSD == 0.00022500000000000002)
      #expect(r.recomputedCostUSD == nil)  // the bundled table agrees
    }
    let failed = t.records[2]
    #expect(failed.status == .error)
    #expect(failed.errorType == "RateLimitError")
    #expect(failed.inputTokens == 0 && failed.costUSD == 0)
  }
}
