import FlightDeckCore
import Foundation
import Testing

/// The headless controller's metrics store keeps what its rules read, not
/// the dashboard's default hour (``EngineOptions/fitMetricsToController(_:)``):
/// the benchmark's rule shape (`error_rate{…}[5m] > 0.5` every 15 s) over one
/// series with a request every 10 s for 20 minutes. Values worked out by hand.
@Suite struct ControllerRetentionTests {
  /// 2025-06-01T00:10:00Z.
  let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  func engine() throws -> AlertEngine {
    var config = AlertConfiguration()
    config.evaluationIntervalMs = 15_000
    let rule = AlertRule(
      name: "Errors", group: "g",
      expression: try AlertExpressionParser.parse("error_rate{artefact=\"bot-0001\"}[5m] > 0.5"))
    return AlertEngine(configuration: config, groups: [AlertRuleGroup(name: "g", rules: [rule])])
  }

  /// 20 minutes of one request every 10 s into a store configured by `options`.
  func fill(_ options: EngineOptions) -> MetricsStore {
    var store = MetricsStore(configuration: options.metrics)
    for k in Int64(0)..<120 {
      store.record(
        TelemetryRecord(
          timestamp: t0.adding(milliseconds: k * 10_000), requestID: "r\(k)", artefact: "bot-0001",
          kind: .model,
          version: "v1", route: .stable, latencyMs: 100, inputTokens: 1, outputTokens: 1, costUSD: 0,
          status: k % 2 == 0 ? .error : .ok))
    }
    return store
  }

  /// Retention 5 min + 15 s + 10 s = 325 s: 33 buckets of 10 s behind the
  /// newest (index ≥ newest − ⌈325 / 10⌉) are kept, 34 with the newest,
  /// where the default hour keeps all 120. The rule's window, the last 5
  /// minutes before an evaluation at the newest record + 10 s, still holds
  /// its 30 requests, 15 of them errors.
  @Test func theStoreKeepsTheLongestWindowNotTheHour() throws {
    let alerts = try engine()
    var dashboard = EngineOptions()
    dashboard.fitMetricsToAlerts(alerts)
    #expect(dashboard.metrics.retentionMs == 3_600_000)
    #expect(fill(dashboard).totalBucketCount == 120)

    var controller = EngineOptions()
    controller.fitMetricsToController(alerts)
    #expect(controller.metrics.retentionMs == 325_000)
    // The cells (5 s under 10 s buckets) come from the alerts, as for a dashboard.
    #expect(controller.metrics.cellWidthMs == 5_000)
    let store = fill(controller)
    #expect(store.totalBucketCount == 34)
    let end = t0.adding(milliseconds: 1_200_000)
    let counts = store.counts(for: store.seriesKeys, from: end.adding(milliseconds: -300_000), to: end)
    #expect(counts.requests == 30 && counts.errors == 15)
  }

  /// A retention set in the configuration stays (`[metrics] retention`).
  @Test func anExplicitRetentionStays() throws {
    var options = EngineOptions()
    options.metrics.retentionMs = 7_200_000
    options.retentionIsExplicit = true
    options.fitMetricsToController(try engine())
    #expect(options.metrics.retentionMs == 7_200_000)
  }

  /// The benchmark's shape (<doc:Benchmarks>, "The controller"): N series
  /// (200 here; `FLIGHTDECK_BENCH_SERIES=10000` for the benchmark's 10,000,
  /// which also prints the process's `VmRSS` before and after) with a
  /// request every 10 s for 19 minutes (10 minutes of history and 9 live),
  /// in 10 s buckets and 5 s cells. The dashboard's hour keeps all 114
  /// buckets of each series; the controller's 5 min 25 s keeps 34.
  @Test(arguments: ["dashboard", "controller"]) func benchmarkShapeBucketsKept(_ fit: String) throws {
    let environment = ProcessInfo.processInfo.environment
    let seriesCount = environment["FLIGHTDECK_BENCH_SERIES"].flatMap { Int($0) } ?? 200
    if let only = environment["FLIGHTDECK_BENCH_FIT"], only != fit { return }
    var options = EngineOptions()
    if fit == "dashboard" {
      options.fitMetricsToAlerts(try engine())
    } else {
      options.fitMetricsToController(try engine())
    }
    let before = Self.residentKiB()
    var store = MetricsStore(configuration: options.metrics)
    for tick in Int64(0)..<114 {
      for n in 0..<seriesCount {
        let artefact = "bot-\(n / 4)"
        store.record(
          TelemetryRecord(
            timestamp: t0.adding(milliseconds: tick * 10_000 + Int64(n % 10) * 1_000),
            requestID: "r\(tick)-\(n)",
            artefact: artefact, kind: .agent, version: n % 2 == 0 ? "v1" : "v2",
            route: n % 4 < 2 ? .stable : .canary,
            latencyMs: Double(50 + n % 3000), inputTokens: 100, outputTokens: 20, costUSD: 0.0002,
            status: n % 50 == 0 ? .error : .ok))
      }
    }
    let after = Self.residentKiB()
    #expect(store.seriesCount == seriesCount)
    #expect(store.totalBucketCount == seriesCount * (fit == "dashboard" ? 114 : 34))
    if environment["FLIGHTDECK_BENCH_SERIES"] != nil {
      print(
        "\(fit): \(seriesCount) series, retention \(options.metrics.retentionMs) ms, \(store.totalBucketCount) buckets (\(MemoryLayout<MetricBucket>.stride) bytes each inline), VmRSS \(before / 1024) -> \(after / 1024) MiB"
      )
    }
  }

  /// The process's resident set, KiB (`VmRSS` of /proc/self/status; 0 where there is none).
  static func residentKiB() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    let line = text.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
    return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
  }
}
