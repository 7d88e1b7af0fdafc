import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// Runs one of the real-client scripts (`Tests/Tools/openai-instrumentation-client.py`,
/// `Tests/Tools/langfuse-client.py`) in the clients' virtual environment
/// (`/tmp/fd-otel-clients-venv`, made by `.ci/run`; or `FD_OTEL_CLIENTS_PYTHON`) against an
/// endpoint, and returns what the script printed: what it sent, read by Foundation.
enum RealClientRun {
  /// The venv's python, if present.
  static var python: String? {
    let path =
      ProcessInfo.processInfo.environment["FD_OTEL_CLIENTS_PYTHON"] ?? "/tmp/fd-otel-clients-venv/bin/python"
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }

  /// The python, or `nil` after printing a skip message; under `CI=true` a missing venv is a
  /// recorded issue, never a skip.
  static func pythonOrSkip(_ suite: String) -> String? {
    if let python { return python }
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      Issue.record("CI=true but no /tmp/fd-otel-clients-venv: .ci/run must create it")
    } else {
      print(
        "SKIPPED \(suite): no /tmp/fd-otel-clients-venv/bin/python (see .ci/run) or FD_OTEL_CLIENTS_PYTHON")
    }
    return nil
  }

  /// The repository: this file is Tests/FlightDeckNetworkTests/Support/RealClientRun.swift.
  static let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Runs `script` with `--endpoint endpoint` and `arguments` on a Dispatch thread.
  /// - Returns: what the script printed on stdout (a JSON object, read by ``object(_:)``).
  /// - Throws: when the script cannot start or exits non-zero (its stderr in the message).
  static func run(python: String, script: String, endpoint: String, arguments: [String] = []) async throws
    -> Data
  {
    let url = repoRoot.appendingPathComponent("Tests/Tools/" + script)
    let outcome = try await withCheckedThrowingContinuation {
      (c: CheckedContinuation<ChildProcess.Outcome, Error>) in
      DispatchQueue.global().async {
        do {
          c.resume(
            returning: try ChildProcess.run(
              URL(fileURLWithPath: python), [url.path, "--endpoint", endpoint] + arguments,
              timeoutSeconds: 120))
        } catch { c.resume(throwing: error) }
      }
    }
    struct ScriptFailed: Error, CustomStringConvertible { var description: String }
    guard outcome.status == 0, !outcome.signalled else {
      let err = String(decoding: outcome.stderr, as: UTF8.self)
      throw ScriptFailed(
        description:
          "\(script) exited \(outcome.status)\(outcome.timedOut ? " (killed after 120 s)" : ""): \(err.suffix(2000))"
      )
    }
    return outcome.stdout
  }

  /// The JSON object a script printed.
  static func object(_ output: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
  }

  static func nanos(_ any: Any?) -> Int64 { (any as? NSNumber)?.int64Value ?? -1 }

  /// Checks the records a receiver made of the OpenAI script's spans against what the script
  /// printed: one record per span, in order, with its ids, model, version, tokens, latency,
  /// status and error type.
  static func expectOpenAIRecords(_ records: [TelemetryRecord], output: [String: Any]) {
    let spans = output["spans"] as? [[String: Any]] ?? []
    #expect(records.count == spans.count && spans.count == 5)
    var lastVersion: String?
    for (r, s) in zip(records, spans) {
      let a = s["attributes"] as? [String: Any] ?? [:]
      let start = nanos(s["start_ns"])
      let end = nanos(s["end_ns"])
      #expect(r.requestID == (s["trace_id"] as? String ?? "") + (s["span_id"] as? String ?? ""))
      #expect(r.artefact == a["gen_ai.request.model"] as? String)
      #expect(r.latencyMs == Double(end - start) / 1_000_000)
      #expect(r.timestamp.millisecondsSinceEpoch == start / 1_000_000)
      #expect(r.inputTokens == (a["gen_ai.usage.input_tokens"] as? Int ?? 0))
      #expect(r.outputTokens == (a["gen_ai.usage.output_tokens"] as? Int ?? 0))
      let failed = s["status"] as? String == "ERROR"
      #expect(r.status == (failed ? .error : .ok))
      #expect(r.errorType == a["error.type"] as? String)
      // A failure has no response model: it counts against the version of the answers before it.
      let version = a["gen_ai.response.model"] as? String ?? lastVersion
      #expect(r.version == version)
      lastVersion = version
    }
  }

  /// Checks the records a receiver made of the Langfuse script's observations: one per
  /// generation, with prompt or model, tokens, ingested cost, TTFT, latency and level.
  static func expectLangfuseRecords(_ records: [TelemetryRecord], output: [String: Any]) {
    let generations = (output["observations"] as? [[String: Any]] ?? []).filter {
      $0["type"] as? String == "generation"
    }
    #expect(records.count == generations.count && generations.count == 3)
    for (r, o) in zip(records, generations) {
      let start = nanos(o["start_ns"])
      let end = nanos(o["end_ns"])
      #expect(r.requestID == (o["trace_id"] as? String ?? "") + (o["span_id"] as? String ?? ""))
      #expect(r.latencyMs == Double(end - start) / 1_000_000)
      if let prompt = o["prompt_name"] as? String {
        #expect(
          r.artefact == prompt && r.version == "\(o["prompt_version"] as? Int ?? -1)" && r.kind == .prompt)
      } else {
        // No prompt: the model, and (no version attribute) the model as version.
        #expect(r.artefact == o["model"] as? String && r.version == o["model"] as? String && r.kind == .model)
      }
      let usage = o["usage_details"] as? [String: Int] ?? [:]
      // The script's usage: input excludes the cached tokens when total says so.
      let cached = usage["input_cached_tokens"] ?? 0
      #expect(r.inputTokens == (usage["input"] ?? 0) + cached && r.cacheReadTokens == cached)
      #expect(r.outputTokens == usage["output"] ?? 0)
      if let cost = (o["cost_details"] as? [String: Any])?["total"] as? Double { #expect(r.costUSD == cost) }
      if o["completion_start_ns"] != nil {
        #expect(r.ttftMs == Double(nanos(o["completion_start_ns"]) - start) / 1_000_000)
      } else {
        #expect(r.ttftMs == nil)
      }
      let failed = o["level"] as? String == "ERROR"
      #expect(r.status == (failed ? .error : .ok))
      #expect(r.errorType == (failed ? o["status_message"] as? String : nil))
    }
  }
}
