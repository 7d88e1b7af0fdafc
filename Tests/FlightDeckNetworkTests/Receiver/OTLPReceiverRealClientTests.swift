import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckNetwork

/// Real clients against a running receiver: the official OpenAI instrumentation
/// (`Tests/Tools/openai-instrumentation-client.py`: opentelemetry-instrumentation-openai-v2
/// with the `openai` client calling the script's stub of the chat-completions API, exported by
/// opentelemetry-exporter-otlp-proto-http) and the Langfuse SDK (`Tests/Tools/langfuse-client.py`,
/// langfuse 3.15.0 with `LANGFUSE_HOST` at the receiver). The records the receiver hands its
/// sink are compared with what each script reports sending. Skipped with a message when the
/// clients' venv (`/tmp/fd-otel-clients-venv`, made by `.ci/run`) is missing, except under
/// `CI=true`.
@Suite struct OTLPReceiverRealClientTests {
  static let prices = PriceTable(prices: [
    "gpt-4o-mini": ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.60, cacheReadPerMillion: 0.075),
    "gpt-4o": ModelPrice(inputPerMillion: 2.50, outputPerMillion: 10.00, cacheReadPerMillion: 1.25),
  ])

  /// Both semantic-conventions modes, the second with gzip bodies.
  @Test(arguments: [["--semconv", "default"], ["--semconv", "latest", "--compression", "gzip"]])
  func openAIInstrumentation(arguments: [String]) async throws {
    guard let python = RealClientRun.pythonOrSkip("OTLPReceiverRealClientTests") else { return }
    let sink = RecordingSink()
    let output = try await ReceiverHarness.withReceiver(sink: sink, prices: Self.prices) { port in
      try await RealClientRun.run(
        python: python, script: "openai-instrumentation-client.py", endpoint: "http://127.0.0.1:\(port)",
        arguments: arguments)
    }
    RealClientRun.expectOpenAIRecords(sink.records, output: try RealClientRun.object(output))
    // The answers priced by the table: 1200 × 0.15 + 80 × 0.60 = 228 per million for the first.
    #expect(abs((sink.records.first?.costUSD ?? -1) - 228e-6) < 1e-15)
  }

  /// The Langfuse SDK posts to /api/public/otel/v1/traces with `Basic base64(public:secret)`: with
  /// a token configured, the secret key is the token.
  @Test func langfuseSDK() async throws {
    guard let python = RealClientRun.pythonOrSkip("OTLPReceiverRealClientTests") else { return }
    let sink = RecordingSink()
    let configuration = ReceiverHarness.configuration(token: "sk-lf-flightdeck-test")
    let output = try await ReceiverHarness.withReceiver(configuration, sink: sink, prices: Self.prices) {
      port in
      try await RealClientRun.run(
        python: python, script: "langfuse-client.py", endpoint: "http://127.0.0.1:\(port)")
    }
    RealClientRun.expectLangfuseRecords(sink.records, output: try RealClientRun.object(output))
  }
}
