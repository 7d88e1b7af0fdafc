import Foundation
import Testing

@testable import FlightDeckCore

/// Each file is read by the reader its content calls for, and a file of
/// another kind gets a message saying what it looks like (never a missing
/// `resourceSpans` for a file that was never OTLP).
@Suite struct TelemetryFormatDetectionTests {
  func messages(_ t: ReaderFixtures.Totals) -> [String] {
    t.errors.map { "\($0.line):\($0.error.field ?? "-"): \($0.error.reason)" }
  }

  @Test func langfuseFileReadAsOTLPSaysWhatItIs() throws {
    let t = try ReaderFixtures.decodeFile("langfuse-seeder-openai-agents-trace.json", format: .otlp)
    #expect(t.records.isEmpty)
    #expect(
      messages(t) == [
        "1:-: looks like a Langfuse trace export, not OTLP/JSON trace data: "
          + "read it with --input-format langfuse (or auto)"
      ])
  }

  @Test func liteLLMFileReadAsLangfuseSaysWhatItIs() throws {
    let t = try ReaderFixtures.decodeFile("litellm-spend_logs_payload.json", format: .langfuse)
    #expect(
      messages(t) == [
        "1:-: looks like a LiteLLM log record, not a Langfuse export: read it with --input-format litellm (or auto)"
      ])
  }

  @Test func unknownDocumentIsNotTelemetry() throws {
    let t = try ReaderFixtures.decode(text: "{\n  \"name\": \"x\",\n  \"items\": [1, 2]\n}\n")
    #expect(
      messages(t) == [
        "1:-: not a telemetry format FlightDeck reads (it reads: FlightDeck JSON Lines, OTLP/JSON, LiteLLM, Langfuse)"
      ])
  }

  @Test func promptfooOutputSaysWhatItIs() throws {
    let url = DecodingFixtures.corpus("promptfoo/promptfoo-test-fixture-sample-export.json")
    let bytes: [UInt8]
    if FileManager.default.fileExists(atPath: url.path) {
      bytes = Array(try Data(contentsOf: url))
    } else {
      bytes = Array("{\n\"evalId\": \"eval-1\",\n\"results\": {}\n}\n".utf8)
    }
    let t = try ReaderFixtures.decode(bytes)
    #expect(
      messages(t) == [
        "1:-: looks like a Promptfoo eval output: not a telemetry format FlightDeck reads "
          + "(it reads: FlightDeck JSON Lines, OTLP/JSON, LiteLLM, Langfuse)"
      ])
  }

  /// One file mixing the formats, line by line, in auto.
  @Test func mixedLinesEachReadByItsReader() throws {
    let flightdeck = """
      {"ts":"2025-01-01T00:00:00Z","request_id":"f1","artefact":"a","kind":"model","version":"v1",\
      "route":"stable","latency_ms":5,"input_tokens":1,"output_tokens":1,"cost_usd":0.1,"status":"ok"}
      """
    let litellm = try ReaderFixtures.oneLine("litellm-spend_logs_payload.json")
    let otlp = """
      {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",\
      "spanId":"eee19b7ec3c1b174","name":"chat","startTimeUnixNano":"1000000","endTimeUnixNano":"3000000",\
      "attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}}]}]}]}]}
      """
    let t = try ReaderFixtures.decode(text: [flightdeck, litellm, otlp].joined(separator: "\n"))
    #expect(t.errors.isEmpty, "\(t.errors)")
    #expect(
      t.records.map(\.requestID) == [
        "f1", "chatcmpl-2283081b-dc89-41f6-93e6-d4f914774027",
        "5b8efff798038103d269b633813fc60ceee19b7ec3c1b174",
      ])
  }

  /// A pretty-printed JSON array (as `json.dump(..., indent=2)` writes it) in auto:
  /// the `[` line opens a document, read element by element when it closes.
  @Test func prettyPrintedArrayInAuto() throws {
    let text = """
      [
        {
          "id": "o1", "traceId": "t", "type": "GENERATION", "model": "gpt-4o",
          "startTime": "2025-01-01T00:00:00Z", "endTime": "2025-01-01T00:00:00.750Z"
        },
        {
          "id": "s1", "traceId": "t", "type": "SPAN", "startTime": "2025-01-01T00:00:00Z"
        },
        {
          "id": "o2", "traceId": "t", "type": "GENERATION", "model": "gpt-4o",
          "startTime": "2025-01-01T00:00:00Z"
        }
      ]
      {"ts":"2025-01-01T00:00:00Z","request_id":"f1","artefact":"a","kind":"model","version":"v1",\
      "route":"stable","latency_ms":5,"input_tokens":1,"output_tokens":1,"cost_usd":0.1,"status":"ok"}

      """
    let t = try ReaderFixtures.decode(text: text)
    #expect(t.records.map(\.requestID) == ["o1", "f1"])
    #expect(t.records.first?.latencyMs == 750)
    #expect(t.skipped == 1)
    #expect(t.pendingLines == 12)  // 13 lines, the last closes the array
    // The error is reported on the array's first line.
    #expect(messages(t) == ["1:[2].endTime: missing required field (an unfinished generation)"])
  }

  @Test func everyFormatIsNamed() {
    #expect(TelemetryFormat.names == "auto, flightdeck, otlp, litellm, langfuse")
  }
}
