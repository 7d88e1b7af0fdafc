import FlightDeckCore
import FlightDeckNetwork
import FlightDeckTestSupport
import Foundation
import Glibc
import Hummingbird
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `/metrics`: the exposition counts what the engine admitted, in the
/// Prometheus text format — checked by hand on three records, linted by the
/// real `promtool check metrics`, and scraped by the real `prometheus`, whose
/// PromQL answers must equal what `replay` computes from the same file.
@Suite struct TelemetryPrometheusMetricsTests {
  /// 2025-06-01T00:10:00Z.
  static let now = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  /// Debian's `promtool` and `prometheus` (the `prometheus` package), or nil.
  static func tool(_ name: String) -> URL? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }
  static let required = ProcessInfo.processInfo.environment["CI"] == "true"

  /// The exposition's samples: `name{labels}` → value.
  static func samples(_ text: String) -> [String: Double] {
    var out: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      guard let space = line.lastIndex(of: " "), let v = Double(line[line.index(after: space)...]) else {
        continue
      }
      out[String(line[..<space])] = v
    }
    return out
  }

  @Test func threeRecordsCountedByHand() {
    let m = TelemetryPrometheusMetrics()
    func record(_ artefact: String, _ route: Route, _ latency: Double, _ status: RequestStatus, cost: Double?)
      -> TelemetryRecord
    {
      TelemetryRecord(
        timestamp: Self.now, requestID: "r", artefact: artefact, kind: .agent, version: "v1", route: route,
        latencyMs: latency, inputTokens: 100, outputTokens: 20, costUSD: cost, status: status, ttftMs: 80)
    }
    m.observe(record("bot", .stable, 120, .ok, cost: 0.002))
    m.observe(record("bot", .stable, 3_000, .error, cost: nil))
    m.observe(record("we\"ird\\bot\nx", .canary, 400, .timeout, cost: 0.5))
    let s = Self.samples(String(decoding: m.exposition(), as: UTF8.self))
    let bot = #"artefact="bot",version="v1",route="stable""#
    #expect(s["flightdeck_requests_total{\(bot)}"] == 2)
    #expect(s["flightdeck_request_errors_total{\(bot)}"] == 1)
    #expect(s["flightdeck_request_timeouts_total{\(bot)}"] == 0)
    // 120 ms ≤ 0.25 s; 3 s ≤ 5 s: cumulative buckets 0, 1 (0.25), 1 (2.5), 2 (5), 2 (+Inf).
    #expect(s["flightdeck_request_latency_seconds_bucket{\(bot),le=\"0.1\"}"] == 0)
    #expect(s["flightdeck_request_latency_seconds_bucket{\(bot),le=\"0.25\"}"] == 1)
    #expect(s["flightdeck_request_latency_seconds_bucket{\(bot),le=\"2.5\"}"] == 1)
    #expect(s["flightdeck_request_latency_seconds_bucket{\(bot),le=\"5.0\"}"] == 2)
    #expect(s["flightdeck_request_latency_seconds_bucket{\(bot),le=\"+Inf\"}"] == 2)
    #expect(s["flightdeck_request_latency_seconds_count{\(bot)}"] == 2)
    #expect(abs((s["flightdeck_request_latency_seconds_sum{\(bot)}"] ?? 0) - 3.12) < 1e-12)
    #expect(s["flightdeck_tokens_total{\(bot),type=\"input\"}"] == 200)
    #expect(s["flightdeck_tokens_total{\(bot),type=\"output\"}"] == 40)
    #expect(s["flightdeck_cost_usd_total{\(bot)}"] == 0.002)
    #expect(s["flightdeck_cost_unknown_requests_total{\(bot)}"] == 1)
    // The hostile name: the newline shown as `\x0A` (TerminalText), then quote
    // and backslashes escaped as the format says.
    let odd = #"artefact="we\"ird\\bot\\x0Ax",version="v1",route="canary""#
    #expect(s["flightdeck_requests_total{\(odd)}"] == 1)
    #expect(s["flightdeck_request_timeouts_total{\(odd)}"] == 1)
    #expect(s["flightdeck_records_ingested_total"] == 3)
  }

  /// `count` native lines over `artefacts`, seeded, within the last 5 minutes.
  static func writeTelemetry(to url: URL, count: Int, seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let artefacts = ["support-bot", "rag \"answer\"", "back\\slash", "café-bot"]
    var text = ""
    for i in 0..<count {
      let a = artefacts[Int(rng.next() % UInt64(artefacts.count))]
      let route: Route = [.stable, .stable, .canary, .shadow][Int(rng.next() % 4)]
      let status: RequestStatus = [.ok, .ok, .ok, .ok, .error, .timeout][Int(rng.next() % 6)]
      let latency = Double(rng.next() % 60_000) / 10
      let cost: Double? = rng.next() % 5 == 0 ? nil : Double(rng.next() % 10_000) / 1_000_000
      text +=
        TelemetryRecord(
          timestamp: now.adding(milliseconds: -Int64(rng.next() % 300_000)), requestID: "r\(i)", artefact: a,
          kind: .agent, version: "v\(rng.next() % 3)", route: route, latencyMs: latency,
          inputTokens: Int(rng.next() % 2_000), outputTokens: Int(rng.next() % 500), costUSD: cost,
          status: status,
          ttftMs: rng.next() % 2 == 0 ? latency / 4 : nil
        ).jsonLine + "\n"
    }
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  /// The engine's admitted records through ``TelemetryPrometheusMetrics``, as `serve` wires it.
  static func ingest(_ dir: URL) -> TelemetryPrometheusMetrics {
    let metrics = TelemetryPrometheusMetrics()
    let engine = DashboardEngine(patterns: [dir.path], clock: TestClock(start: now))
    engine.recordObserver = { metrics.observe($0) }
    while engine.pump() {}
    return metrics
  }

  /// A TCP port free on 127.0.0.1 just now (bound to port 0, read, closed).
  static func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0
      }
    }
    guard bound else { throw CocoaError(.fileWriteUnknown) }
    return Int(UInt16(bigEndian: addr.sin_port))
  }

  static func tempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-metrics-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// promtool runs for a second or more on a loaded machine: off the
  /// cooperative pool (``DedicatedThreadExecutor``).
  @Test func promtoolAcceptsTheExposition() async throws {
    try await DedicatedThreadExecutor.run("promtool-exposition") { try Self.promtoolAccepts() }
  }

  static func promtoolAccepts() throws {
    guard let promtool = Self.tool("promtool") else {
      #expect(!Self.required, "promtool is required under CI=true (apt-get install prometheus)")
      if !Self.required { print("TelemetryPrometheusMetricsTests: promtool not found; skipped") }
      return
    }
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.writeTelemetry(to: dir.appendingPathComponent("t.jsonl"), count: 500, seed: 7)
    let exposition = Self.ingest(dir).exposition()
    let o = try ChildProcess.run(
      promtool, ["check", "metrics"], stdin: Data(exposition), timeoutSeconds: 120)
    let said = o.text + String(decoding: o.stderr, as: UTF8.self)
    #expect(o.status == 0 && !o.signalled, "promtool check metrics: \(said)")
  }

  @Test func prometheusScrapesWhatReplayCounts() async throws {
    guard let prometheus = Self.tool("prometheus") else {
      #expect(!Self.required, "prometheus is required under CI=true (apt-get install prometheus)")
      if !Self.required { print("TelemetryPrometheusMetricsTests: prometheus not found; skipped") }
      return
    }
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("telemetry")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try Self.writeTelemetry(to: data.appendingPathComponent("t.jsonl"), count: 3_000, seed: 42)
    let metrics = Self.ingest(data)
    let replay = try ReplayAggregator.run(paths: [data.path], options: ReplayOptions())
    #expect(replay.records == 3_000)

    // FlightDeck's exposition on a loopback port.
    let router = Router()
    router.get("/metrics") { _, _ -> Response in
      Response(
        status: .ok, headers: [.contentType: TelemetryPrometheusMetrics.contentType],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    try await withThrowingTaskGroup(of: Void.self) { group in
      let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) })
      group.addTask { try await app.runService() }
      var iterator = ports.makeAsyncIterator()
      let metricsPort = try #require(await iterator.next())

      // The real Prometheus scrapes it every second.
      let promPort = try Self.freeLoopbackPort()
      let running = try PrometheusScraper.start(
        prometheus, port: promPort, targetPort: metricsPort, folder: dir)
      defer {
        running.send(SIGTERM)
        running.waitOrKill(seconds: 30)
      }

      func query(_ promQL: String) async throws -> [(labels: [String: String], value: Double)] {
        var components = URLComponents(string: "http://127.0.0.1:\(promPort)/api/v1/query")!
        components.queryItems = [URLQueryItem(name: "query", value: promQL)]
        // URLComponents leaves "+" alone, which a form decoder reads as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(
          of: "+", with: "%2B")
        let (body, _) = try await URLSession.shared.data(from: components.url!)
        let json = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        let result = ((json?["data"] as? [String: Any])?["result"] as? [[String: Any]]) ?? []
        return result.map { item in
          let labels = (item["metric"] as? [String: String]) ?? [:]
          let value = ((item["value"] as? [Any])?.last as? String).flatMap(Double.init) ?? .nan
          return (labels, value)
        }
      }
      // Wait (up to 60 s) for the first scrape to be queryable.
      var ready = false
      for _ in 0..<120 where !ready {
        ready = ((try? await query("flightdeck_records_ingested_total")) ?? []).first?.value == 3_000
        if !ready { try await Task.sleep(for: .milliseconds(500)) }
      }
      #expect(ready, "prometheus never scraped the exposition")

      func byKey(_ promQL: String) async throws -> [SeriesKey: Double] {
        var out: [SeriesKey: Double] = [:]
        for r in try await query(promQL) {
          let key = SeriesKey(
            artefact: r.labels["artefact"] ?? "", version: r.labels["version"] ?? "",
            route: Route(rawValue: r.labels["route"] ?? "") ?? .stable)
          out[key] = r.value
        }
        return out
      }
      let rows = Dictionary(uniqueKeysWithValues: replay.rows.map { ($0.key, $0.stats) })
      #expect(rows.count > 20)
      let requests = try await byKey("flightdeck_requests_total")
      let errors = try await byKey("flightdeck_request_errors_total + flightdeck_request_timeouts_total")
      let latencyCount = try await byKey("flightdeck_request_latency_seconds_count")
      let input = try await byKey(#"flightdeck_tokens_total{type="input"}"#)
      let cost = try await byKey("flightdeck_cost_usd_total")
      #expect(Set(requests.keys) == Set(rows.keys))
      for (key, stats) in rows {
        #expect(requests[key] == Double(stats.requests), "\(key)")
        #expect(errors[key] == Double(stats.errors + stats.timeouts), "\(key)")
        #expect(latencyCount[key] == Double(stats.requests), "\(key)")
        #expect(input[key] == Double(stats.inputTokens), "\(key)")
        #expect(abs((cost[key] ?? -1) - stats.costUSD) <= 1e-9 * max(1, stats.costUSD), "\(key)")
      }
      group.cancelAll()
    }
  }
}

/// The controller's state at a scrape, counted by hand.
@Suite struct ControllerStateMetricsTests {
  @Test func alertsAreCountedPerRuleStateAndSeverity() {
    func alert(_ rule: String, _ state: AlertState, _ artefact: String, severity: String) -> AlertInstance {
      var a = AlertInstance(
        ruleName: rule, group: "g", labels: ["alertname": rule, "artefact": artefact, "severity": severity])
      a.state = state
      return a
    }
    let alerts = [
      alert("CanaryErrors", .firing, "a", severity: "page"),
      alert("CanaryErrors", .firing, "b", severity: "page"),
      alert("CanaryErrors", .pending, "c", severity: "page"),
      alert("SLOBurnRate", .firing, "a", severity: "ticket"),
      alert("SLOBurnRate", .inactive, "b", severity: "ticket"),
      alert("SLOBurnRate", .nodata, "c", severity: "ticket"),
    ]
    let text = String(
      decoding: ControllerStateMetrics.exposition(registry: nil, alerts: alerts, leaseHeld: true),
      as: UTF8.self)
    let s = TelemetryPrometheusMetricsTests.samples(text)
    #expect(s[#"flightdeck_alerts{alertname="CanaryErrors",state="firing",severity="page"}"#] == 2)
    #expect(s[#"flightdeck_alerts{alertname="CanaryErrors",state="pending",severity="page"}"#] == 1)
    #expect(s[#"flightdeck_alerts{alertname="SLOBurnRate",state="firing",severity="ticket"}"#] == 1)
    #expect(s.keys.filter { $0.hasPrefix("flightdeck_alerts{") }.count == 3)
    #expect(s["flightdeck_controller_lease_held"] == 1)
    // No registry read: the store did not answer.
    #expect(s["flightdeck_store_reachable"] == 0)
  }
}
