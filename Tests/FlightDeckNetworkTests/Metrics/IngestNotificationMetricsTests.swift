import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import HummingbirdTesting
import Testing

@testable import FlightDeckNetwork

/// The ingestion and notification counters of `serve`'s `/metrics`, counted
/// by hand from known inputs (real HTTP requests to a real receiver, real
/// files through the engine, sender reports), and linted by the real
/// `promtool check metrics` together with the rest of the exposition.
@Suite struct IngestNotificationMetricsTests {
  typealias T = TelemetryPrometheusMetricsTests

  /// Two partly invalid requests (1 span stored, 2 rejected, 1 skipped
  /// each), a GET (405), a wrong path (404), a wrong media type (415), and a
  /// request to a receiver whose sink is behind (429).
  @Test func receiverRequestsAndSpansCountedByHand() async throws {
    let m = OTLPReceiverPrometheusMetrics()
    let body = OTLPReceiverStatusTests.partlyInvalid
    let statuses = try await ReceiverHarness.withReceiver(sink: RecordingSink(), observer: m) { port in
      var out: [Int] = []
      out.append(try await ReceiverHarness.postProtobuf(port: port, body).status.code)
      out.append(try await ReceiverHarness.postProtobuf(port: port, body).status.code)
      out.append(try await ReceiverHarness.send(port: port, method: .get).status.code)
      out.append(try await ReceiverHarness.postProtobuf(port: port, body, path: "/v1/logs").status.code)
      out.append(
        try await ReceiverHarness.send(port: port, headers: [.contentType: "text/plain"], body: body).status
          .code)
      return out
    }
    #expect(statuses == [200, 200, 405, 404, 415])
    let behind = try await ReceiverHarness.withReceiver(
      sink: RecordingSink(refusal: .behind(retryAfterSeconds: 2)), observer: m
    ) { port in try await ReceiverHarness.postProtobuf(port: port, body).status.code }
    #expect(behind == 429)
    let s = T.samples(String(decoding: m.exposition(), as: UTF8.self))
    #expect(s[#"flightdeck_otlp_requests_total{code="200"}"#] == 2)
    #expect(s[#"flightdeck_otlp_requests_total{code="405"}"#] == 1)
    #expect(s[#"flightdeck_otlp_requests_total{code="404"}"#] == 1)
    #expect(s[#"flightdeck_otlp_requests_total{code="415"}"#] == 1)
    #expect(s[#"flightdeck_otlp_requests_total{code="429"}"#] == 1)
    #expect(s.keys.filter { $0.hasPrefix("flightdeck_otlp_requests_total") }.count == 5)
    // 1 valid span per 200; the refused request's span is in neither counter.
    #expect(s["flightdeck_otlp_accepted_spans_total"] == 2)
    #expect(s["flightdeck_otlp_rejected_spans_total"] == 4)
  }

  /// `a.jsonl`: 3 records and 2 malformed lines; `b.jsonl`: 1 and 1.
  @Test func sourcesCountedByHand() throws {
    let dir = try T.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    func line(_ id: String) -> String {
      TelemetryRecord(
        timestamp: T.now.adding(milliseconds: -1_000), requestID: id, artefact: "bot", kind: .agent,
        version: "v1", route: .stable, latencyMs: 100, inputTokens: 1, outputTokens: 1, costUSD: 0.001,
        status: .ok
      ).jsonLine
    }
    let a = dir.appendingPathComponent("a.jsonl")
    let b = dir.appendingPathComponent("b.jsonl")
    try [line("1"), "not json", line("2"), #"{"ts": 1}"#, line("3"), ""].joined(separator: "\n")
      .write(to: a, atomically: true, encoding: .utf8)
    try [line("4"), #"{"ts": "not a time"}"#, ""].joined(separator: "\n").write(
      to: b, atomically: true, encoding: .utf8)
    let m = TelemetryPrometheusMetrics()
    let engine = DashboardEngine(patterns: [dir.path], clock: TestClock(start: T.now))
    engine.sourceObserver = m
    var pumps = 0
    while engine.pump() && pumps < 1_000 { pumps += 1 }
    let s = T.samples(String(decoding: m.exposition(), as: UTF8.self))
    #expect(s[#"flightdeck_telemetry_records_total{source="\#(a.path)"}"#] == 3)
    #expect(s[#"flightdeck_telemetry_malformed_lines_total{source="\#(a.path)"}"#] == 2)
    #expect(s[#"flightdeck_telemetry_records_total{source="\#(b.path)"}"#] == 1)
    #expect(s[#"flightdeck_telemetry_malformed_lines_total{source="\#(b.path)"}"#] == 1)
  }

  /// Past ``TelemetryPrometheusMetrics/maxSources`` sources, the rest share `(other)`.
  @Test func sourcesPastTheBoundShareOneLabel() {
    let m = TelemetryPrometheusMetrics()
    let n = TelemetryPrometheusMetrics.maxSources
    for i in 0..<(n + 5) { m.sourceDecoded(source: "/t/\(i).jsonl", records: 2, malformedLines: 1) }
    let s = T.samples(String(decoding: m.exposition(), as: UTF8.self))
    #expect(s.keys.filter { $0.hasPrefix("flightdeck_telemetry_records_total{") }.count == n + 1)
    #expect(s[#"flightdeck_telemetry_records_total{source="(other)"}"#] == 10)
    #expect(s[#"flightdeck_telemetry_malformed_lines_total{source="(other)"}"#] == 5)
    #expect(s[#"flightdeck_telemetry_records_total{source="/t/0.jsonl"}"#] == 2)
  }

  /// Two step reports: messages per receiver and outcome, and the delivery
  /// latencies 0.3 s, 4 s and 45 s in the histogram's buckets.
  @Test func notificationsCountedByHand() {
    let m = NotificationPrometheusMetrics()
    var r1 = NotificationSender.StepReport()
    r1.messages = [
      .init(receiver: "pager", result: .failedAttempt), .init(receiver: "hook", result: .delivered),
      .init(receiver: "pager", result: .failedAttempt),
    ]
    r1.deliveryLatenciesMs = [300]
    var r2 = NotificationSender.StepReport()
    r2.messages = [
      .init(receiver: "pager", result: .deadLetter), .init(receiver: "hook", result: .delivered),
    ]
    r2.deliveryLatenciesMs = [4_000, 45_000]
    m.stepFinished(r1)
    m.stepFinished(r2)
    let s = T.samples(String(decoding: m.exposition(), as: UTF8.self))
    let name = "flightdeck_notification_messages_total"
    #expect(s[#"\#(name){receiver="hook",outcome="delivered"}"#] == 2)
    #expect(s[#"\#(name){receiver="pager",outcome="failed_attempt"}"#] == 2)
    #expect(s[#"\#(name){receiver="pager",outcome="dead_letter"}"#] == 1)
    #expect(s.keys.filter { $0.hasPrefix(name) }.count == 3)
    let h = "flightdeck_notification_delivery_latency_seconds"
    #expect(s["\(h)_count"] == 3)
    #expect(abs((s["\(h)_sum"] ?? 0) - 49.3) < 1e-9)
    // Cumulative: 0.3 s ≤ 0.5; 4 s ≤ 5; 45 s ≤ 60.
    #expect(s[#"\#(h)_bucket{le="0.25"}"#] == 0)
    #expect(s[#"\#(h)_bucket{le="0.5"}"#] == 1)
    #expect(s[#"\#(h)_bucket{le="2.5"}"#] == 1)
    #expect(s[#"\#(h)_bucket{le="5.0"}"#] == 2)
    #expect(s[#"\#(h)_bucket{le="30.0"}"#] == 2)
    #expect(s[#"\#(h)_bucket{le="60.0"}"#] == 3)
    #expect(s[#"\#(h)_bucket{le="+Inf"}"#] == 3)
  }

  @Test func outboxDepthHasEveryState() {
    let text = String(
      decoding: ControllerStateMetrics.exposition(
        registry: nil, alerts: [], leaseHeld: false, outbox: [.pending: 3, .dead: 2]),
      as: UTF8.self)
    let s = T.samples(text)
    #expect(s[#"flightdeck_notification_outbox_entries{state="pending"}"#] == 3)
    #expect(s[#"flightdeck_notification_outbox_entries{state="failed"}"#] == 0)
    #expect(s[#"flightdeck_notification_outbox_entries{state="delivered"}"#] == 0)
    #expect(s[#"flightdeck_notification_outbox_entries{state="dead"}"#] == 2)
    // Without an outbox, no such series.
    let none = String(
      decoding: ControllerStateMetrics.exposition(registry: nil, alerts: [], leaseHeld: false), as: UTF8.self)
    #expect(!none.contains("flightdeck_notification_outbox_entries"))
  }

  /// The whole of what `serve` concatenates, with every new metric present
  /// (a hostile source path and receiver name among them): promtool accepts it.
  /// promtool runs for a second or more on a loaded machine: off the
  /// cooperative pool (``DedicatedThreadExecutor``), so the receivers of other
  /// tests keep their threads.
  @Test func promtoolAcceptsTheServeExposition() async throws {
    try await DedicatedThreadExecutor.run("promtool-serve-exposition") { try Self.promtoolAccepts() }
  }

  static func promtoolAccepts() throws {
    guard let promtool = T.tool("promtool") else {
      #expect(!T.required, "promtool is required under CI=true (apt-get install prometheus)")
      return
    }
    let telemetry = TelemetryPrometheusMetrics()
    telemetry.sourceDecoded(source: "/data/we\"ird\\\npath.jsonl", records: 3, malformedLines: 1)
    let receiver = OTLPReceiverPrometheusMetrics()
    receiver.receiverAnswered(status: 200, acceptedSpans: 4, rejectedSpans: 1)
    receiver.receiverAnswered(status: 429, acceptedSpans: 0, rejectedSpans: 0)
    let notifications = NotificationPrometheusMetrics()
    var r = NotificationSender.StepReport()
    r.messages = [
      .init(receiver: "hook \"x\"", result: .delivered), .init(receiver: "p", result: .deadLetter),
    ]
    r.deliveryLatenciesMs = [1_200]
    notifications.stepFinished(r)
    let exposition =
      telemetry.exposition() + receiver.exposition() + notifications.exposition()
      + ControllerStateMetrics.exposition(
        registry: nil, alerts: [], leaseHeld: true, outbox: [.pending: 1, .failed: 2])
    let o = try ChildProcess.run(
      promtool, ["check", "metrics"], stdin: Data(exposition), timeoutSeconds: 120)
    let said = o.text + String(decoding: o.stderr, as: UTF8.self)
    #expect(o.status == 0 && !o.signalled, "promtool check metrics: \(said)")
  }

  /// A NUL, an ESC and a C1 control in artefact and version names (breaker
  /// minor of issue 14) never reach a label value raw: they show as `\x00`,
  /// `\x1B`, `\x85` (``TerminalText/sanitize(_:)``, the format then
  /// doubling the backslash), and `promtool check metrics` accepts the whole.
  @Test func controlCharactersInNamesAreEscapedBeforeTheyReachLabels() async throws {
    try await DedicatedThreadExecutor.run("promtool-control-names") {
      let telemetry = TelemetryPrometheusMetrics()
      telemetry.observe(
        TelemetryRecord(
          timestamp: Timestamp(millisecondsSinceEpoch: 1_748_736_600_000), requestID: "r",
          artefact: "nul\u{0}byte\u{1B}[31m", kind: .agent, version: "v\u{85}1", route: .stable,
          latencyMs: 100,
          inputTokens: 1, outputTokens: 1, costUSD: 0.001, status: .ok, ttftMs: nil))
      telemetry.sourceDecoded(source: "/data/a\u{0}b.jsonl", records: 1, malformedLines: 0)
      let exposition = telemetry.exposition()
      let text = String(decoding: exposition, as: UTF8.self)
      #expect(!exposition.contains(0) && !exposition.contains(0x1B))
      #expect(!text.unicodeScalars.contains { $0.value == 0x85 })
      #expect(
        text.contains(
          #"flightdeck_requests_total{artefact="nul\\x00byte\\x1B[31m",version="v\\x851",route="stable"} 1"#))
      #expect(text.contains(#"source="/data/a\\x00b.jsonl""#))
      guard let promtool = T.tool("promtool") else {
        #expect(!T.required, "promtool is required under CI=true (apt-get install prometheus)")
        return
      }
      let o = try ChildProcess.run(
        promtool, ["check", "metrics"], stdin: Data(exposition), timeoutSeconds: 120)
      let said = o.text + String(decoding: o.stderr, as: UTF8.self)
      #expect(o.status == 0 && !o.signalled, "promtool check metrics: \(said)")
    }
  }
}
