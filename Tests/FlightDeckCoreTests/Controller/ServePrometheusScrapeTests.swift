import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#endif

/// `flightdeck serve` scraped by Debian's real `prometheus`: the real binary
/// follows a telemetry file, Prometheus scrapes its `--listen` `/metrics`,
/// and PromQL's request counts per (artefact, version, route) must equal
/// what ``ReplayAggregator`` (`flightdeck replay`) counts from the same file,
/// as must the per-source records and malformed lines.
///
/// Runs real processes in real time (polling with deadlines; nothing asserted
/// depends on how long anything took), off the cooperative pool. Needs the
/// `flightdeck` binary (``ReceiverKillTests/binary``), `prometheus` and
/// `curl`; without them it is skipped, and under CI=true it fails.
@Suite(.serialized) struct ServePrometheusScrapeTests {
  static let curl = URL(fileURLWithPath: "/usr/bin/curl")

  /// Debian's `prometheus` on PATH, or nil.
  static var prometheus: URL? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("prometheus")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }

  /// An instant PromQL query through curl: each result's labels and value.
  static func query(_ port: Int, _ promQL: String) -> [(labels: [String: String], value: Double)] {
    guard
      let o = try? ChildProcess.run(
        curl,
        [
          "-s", "--max-time", "5", "-G", "--data-urlencode", "query=\(promQL)",
          "http://127.0.0.1:\(port)/api/v1/query",
        ], captureStderr: false, timeoutSeconds: 30),
      let json = try? JSONSerialization.jsonObject(with: Data(o.text.utf8)) as? [String: Any],
      let result = (json["data"] as? [String: Any])?["result"] as? [[String: Any]]
    else { return [] }
    return result.map { item in
      let labels = (item["metric"] as? [String: String]) ?? [:]
      let value = ((item["value"] as? [Any])?.last as? String).flatMap(Double.init) ?? .nan
      return (labels, value)
    }
  }

  /// `count` native lines over four artefacts, seeded, stamped within the
  /// last minute of `now`, with a malformed line after every 100th.
  static func telemetry(count: Int, now: Timestamp, seed: UInt64) -> (text: String, malformed: Int) {
    var rng = SplitMix64(seed: seed)
    let artefacts = ["support-bot", "rag \"answer\"", "back\\slash", "café-bot"]
    var text = ""
    var malformed = 0
    for i in 0..<count {
      let route: Route = [.stable, .stable, .canary, .shadow][Int(rng.next() % 4)]
      let status: RequestStatus = [.ok, .ok, .ok, .error, .timeout][Int(rng.next() % 5)]
      text +=
        TelemetryRecord(
          timestamp: now.adding(milliseconds: -Int64(rng.next() % 60_000)), requestID: "r\(i)",
          artefact: artefacts[Int(rng.next() % 4)], kind: .agent, version: "v\(rng.next() % 3)", route: route,
          latencyMs: Double(rng.next() % 5_000), inputTokens: 10, outputTokens: 5, costUSD: 0.001,
          status: status
        ).jsonLine + "\n"
      if i % 100 == 99 {
        text += "{\"ts\": \"not a time\"}\n"
        malformed += 1
      }
    }
    return (text, malformed)
  }

  @Test func prometheusScrapesWhatReplayCountsFromTheServeBinary() async throws {
    try await DedicatedThreadExecutor.run("serve-prometheus") { try Self.scrape() }
  }

  static func scrape() throws {
    guard let binary = ReceiverKillTests.binary, let prometheus = Self.prometheus,
      FileManager.default.isExecutableFile(atPath: curl.path)
    else {
      if ReceiverKillTests.required { Issue.record("the flightdeck binary, prometheus or curl is missing") }
      return
    }
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("fd-scrape-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let workspace = root.appendingPathComponent("ws").path
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    _ = try SQLiteRegistryStore.create(
      path: workspace + "/registry.sqlite", clock: SystemClock(), actor: RegistryFixture.alice)
    let file = root.appendingPathComponent("telemetry.jsonl")
    let (text, malformed) = Self.telemetry(count: 2_000, now: SystemClock().now(), seed: 14)
    try text.write(to: file, atomically: true, encoding: .utf8)
    let replay = try ReplayAggregator.run(paths: [file.path], options: ReplayOptions())
    #expect(replay.records == 2_000 && replay.malformedLines == malformed && malformed == 20)

    // The controller, its /metrics on a free loopback port.
    let metricsPort = try ReceiverKillTests.freePort()
    let serve = Process()
    serve.executableURL = binary
    serve.arguments = [
      "serve", "--workspace", workspace, "--listen", "127.0.0.1:\(metricsPort)", "--lease-ttl", "2s",
      "--heartbeat", "500ms", file.path,
    ]
    let log = root.appendingPathComponent("serve.log").path
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    serve.standardOutput = handle
    serve.standardError = handle
    let controller = try ChildProcess(starting: serve)
    defer {
      controller.send(SIGTERM)
      controller.waitOrKill(seconds: 30)
      print("serve-prometheus: serve's log:\n" + ReceiverKillTests.lines(log).joined(separator: "\n"))
    }
    try ReceiverKillTests.waitFor(60, "serve to take the lease") {
      guard controller.isRunning else { throw ReceiverKillTests.CLIWaitTimeout(what: "serve (it exited)") }
      return ReceiverKillTests.lines(log).contains { $0.contains("holding the controller lease") }
    }

    // The real Prometheus scrapes it every second.
    let promPort = try ReceiverKillTests.freePort()
    let scraper = try PrometheusScraper.start(
      prometheus, port: promPort, targetPort: metricsPort, folder: root)
    defer {
      scraper.send(SIGTERM)
      scraper.waitOrKill(seconds: 30)
    }
    // Until a scrape has every record (the engine reads the file in polls).
    try ReceiverKillTests.waitFor(120, "prometheus to scrape all 2000 requests") {
      guard scraper.isRunning else { throw ReceiverKillTests.CLIWaitTimeout(what: "prometheus (it exited)") }
      return Self.query(promPort, "sum(flightdeck_requests_total)").first?.value == 2_000
    }
    #expect(Self.query(promPort, #"up{job="flightdeck"}"#).first?.value == 1)

    var requests: [SeriesKey: Double] = [:]
    for r in Self.query(promPort, "flightdeck_requests_total") {
      let key = SeriesKey(
        artefact: r.labels["artefact"] ?? "", version: r.labels["version"] ?? "",
        route: Route(rawValue: r.labels["route"] ?? "") ?? .stable)
      requests[key] = r.value
    }
    let rows = Dictionary(uniqueKeysWithValues: replay.rows.map { ($0.key, Double($0.stats.requests)) })
    #expect(rows.count > 20)
    #expect(requests == rows)
    let errors = Self.query(promPort, "sum(flightdeck_request_errors_total)").first?.value
    #expect(errors == Double(replay.rows.reduce(0) { $0 + $1.stats.errors }))
    let source = #"{source="\#(file.path)"}"#
    #expect(Self.query(promPort, "flightdeck_telemetry_records_total\(source)").first?.value == 2_000)
    #expect(
      Self.query(promPort, "flightdeck_telemetry_malformed_lines_total\(source)").first?.value
        == Double(malformed))
  }
}
