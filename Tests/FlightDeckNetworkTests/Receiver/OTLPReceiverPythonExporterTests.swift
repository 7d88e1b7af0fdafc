import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckNetwork

/// The real OpenTelemetry Python exporter (`Tests/Tools/otlp-http-export.py`:
/// opentelemetry-sdk + opentelemetry-exporter-otlp-proto-http) sends GenAI
/// spans to a running receiver; every span the script reports sending must
/// arrive with its model, tokens, latency and error status. Skipped with a
/// message when python3 or the packages are missing, except under
/// `CI=true` (`.ci/run` installs them).
@Suite struct OTLPReceiverPythonExporterTests {
  static let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  struct Sent: Decodable {
    var results: [String]
    var spans: [Span]
    struct Span: Decodable {
      var requestId: String
      var model: String
      var responseModel: String?
      var inputTokens: Int
      var outputTokens: Int
      var cacheReadTokens: Int
      var latencyMs: Double
      var error: Bool
    }
  }

  /// Runs the script against `endpoint` on a Dispatch thread; `nil` when it
  /// could not run (python3 or the packages missing).
  static func export(_ arguments: [String]) async -> (status: Int32, stdout: Data, stderr: Data)? {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        guard
          let o = try? ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", repoRoot.appendingPathComponent("Tests/Tools/otlp-http-export.py").path] + arguments,
            timeoutSeconds: 120)
        else {
          continuation.resume(returning: nil)
          return
        }
        continuation.resume(returning: (o.status, o.stdout, o.stderr))
      }
    }
  }

  static func skipOrFail(_ why: String) {
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      Issue.record(
        "CI=true but Tests/Tools/otlp-http-export.py did not run (\(why)): .ci/run must install opentelemetry-sdk and opentelemetry-exporter-otlp-proto-http"
      )
    } else {
      print("SKIPPED OTLPReceiverPythonExporterTests: \(why)")
    }
  }

  @Test(arguments: [false, true])
  func spansFromThePythonExporterArriveAsSent(gzip: Bool) async throws {
    let sink = RecordingSink()
    let token = "py-exporter-token"
    let run = try await ReceiverHarness.withReceiver(ReceiverHarness.configuration(token: token), sink: sink)
    {
      port in
      await Self.export(
        ["http://127.0.0.1:\(port)/v1/traces", "--token", token] + (gzip ? ["--gzip"] : []))
    }
    guard let run else { return Self.skipOrFail("python3 not found") }
    if run.status == 3 { return Self.skipOrFail(String(decoding: run.stderr, as: UTF8.self)) }
    #expect(run.status == 0, "\(String(decoding: run.stderr, as: UTF8.self))")
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let sent = try decoder.decode(Sent.self, from: run.stdout)
    #expect(sent.results.allSatisfy { $0 == "SUCCESS" })
    #expect(sent.results.count == 2)  // 6 spans, batches of 4
    #expect(sent.spans.count == 5)
    let received = Dictionary(uniqueKeysWithValues: sink.records.map { ($0.requestID, $0) })
    #expect(received.count == sent.spans.count)  // the HTTP span was skipped
    for span in sent.spans {
      guard let r = received[span.requestId] else {
        Issue.record("span \(span.requestId) (\(span.model)) did not arrive")
        continue
      }
      #expect(r.artefact == span.model)
      #expect(r.inputTokens == span.inputTokens)
      #expect(r.outputTokens == span.outputTokens)
      #expect(r.cacheReadTokens == span.cacheReadTokens)
      #expect(r.latencyMs == span.latencyMs)
      #expect(r.status == (span.error ? .error : .ok))
      #expect(r.provider == "openai")
      // A failed call has no response model: it counts against the version
      // the same model's successful call resolved to.
      let version =
        span.responseModel
        ?? sent.spans.first { $0.model == span.model && $0.responseModel != nil }?.responseModel
      #expect(r.version == version)
    }
  }
}
