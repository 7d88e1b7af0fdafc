import Foundation
import Testing

@testable import FlightDeckCore

/// Differential tests against Prometheus's own rule engine: one generated
/// request stream is fed to FlightDeck as telemetry (records through an
/// ``AlertEngine`` ticking on a manual clock) and to `promtool test rules`
/// as the series Prometheus would scrape; FlightDeck's alert states at every
/// evaluation become promtool's `alert_rule_test` expectations, so promtool
/// fails when the two engines disagree anywhere.
///
/// The scraped series (one sample per second, at `s` for the requests in
/// `[s − 1 s, s)`): `fd_requests`, `fd_errors` and the cumulative
/// `fd_latency_ms_bucket{le="500"|"1000"|"+Inf"}`, labelled by artefact and
/// route. A FlightDeck window `[at − d, at)` is then exactly PromQL's
/// `sum_over_time(x[d − 1ms])` at `at`: Prometheus 2.x range selectors are
/// closed, `[at − d + 1 ms, at]`, which holds the samples `at − d + 1 s … at`,
/// i.e. the requests of `[at − d, at)`. No `rate()`, whose extrapolation
/// estimates rather than counts. Pending is compared through a twin rule
/// (`…Holds`, no `for`, no `keep_firing_for`) that fires exactly when the
/// condition holds: an alert is pending iff its twin fires and it does not.
/// Documented in RulesLanguage.md ("Identical to Prometheus").
@Suite struct PromtoolDifferentialTests {
  /// `promtool` on the PATH, if any.
  static let promtool: URL? = {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("promtool")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }()

  /// In CI (`CI=true`) the suite runs, and fails, without promtool.
  static let required = ProcessInfo.processInfo.environment["CI"] == "true"

  /// One second of one route's traffic: `requests` spread evenly over the
  /// second, the first `slow` of them at 1000 ms (others 100 ms), the last
  /// `errors` of them errors.
  struct Second: Hashable, Sendable {
    var requests: Int
    var errors: Int = 0
    var slow: Int = 0
  }

  /// A rule in both languages. `promql` is written with ``sum(_:_:_:by:)``
  /// and friends so both read the same windows.
  struct Rule: Sendable {
    var name: String
    var flightdeck: String
    var promql: String
    var forMs: Int64 = 0
    var keepMs: Int64 = 0
  }

  /// A request stream and the rules evaluated over it.
  struct Scenario: CustomTestStringConvertible, Sendable {
    var name: String
    /// Length in seconds.
    var seconds: Int
    /// Traffic per route and second.
    var traffic: [Route: @Sendable (Int) -> Second]
    var rules: [Rule]
    /// A rule that must reach `firing` (resp. stay out of it) at 15 s, so a
    /// scenario cannot pass by never doing anything.
    var mustFire: [String] = []
    var mustNotFire: [String] = []
    var testDescription: String { name }
  }

  static let artefact = "support-bot"

  /// `sum by (labels) (sum_over_time(fd_<metric>{sel}[d − 1ms]))`: the
  /// count of `[at − d, at)` (see the suite's comment).
  static func sum(_ metric: String, _ selector: String, _ windowS: Int, by: String) -> String {
    "sum by (\(by)) (sum_over_time(fd_\(metric){\(selector)}[\(windowS * 1000 - 1)ms]))"
  }

  static func rate(_ selector: String, _ w: Int, by: String = "artefact") -> String {
    "(\(sum("requests", selector, w, by: by)) / \(w))"
  }

  static func errorRate(_ selector: String, _ w: Int, by: String = "artefact") -> String {
    "(\(sum("errors", selector, w, by: by)) / \(sum("requests", selector, w, by: by)))"
  }

  static func p95(_ selector: String, _ w: Int) -> String {
    "histogram_quantile(0.95, \(sum("latency_ms_bucket", selector, w, by: "artefact, le")))"
  }

  static let sel = #"artefact="support-bot""#

  /// The scenarios: each runs at 10 s, 15 s and 30 s evaluation intervals.
  static let scenarios: [Scenario] = {
    var out: [Scenario] = []
    // `for` longer and shorter than the breach: 10 % errors for 90 s, then
    // for 4 min; `for: 2m` stays pending through the first, fires in the second.
    out.append(
      Scenario(
        name: "for longer and shorter than the breach", seconds: 720,
        traffic: [
          .stable: { s in
            Second(requests: 10, errors: (60..<150).contains(s) || (330..<570).contains(s) ? 1 : 0)
          }
        ],
        rules: [
          Rule(
            name: "ErrorsFor2m", flightdeck: "error_rate[1m] > 0.05",
            promql: "\(errorRate(sel, 60)) > 0.05", forMs: 120_000),
          Rule(
            name: "ErrorsFor30s", flightdeck: "error_rate[1m] > 0.05",
            promql: "\(errorRate(sel, 60)) > 0.05", forMs: 30_000),
        ], mustFire: ["ErrorsFor2m", "ErrorsFor30s"]))
    // A flap inside `for`: 20 s bad, 25 s good, repeated; the 10 s window
    // drops below the threshold inside every 1-minute `for`.
    out.append(
      Scenario(
        name: "a flap inside for", seconds: 600,
        traffic: [
          .stable: { s in Second(requests: 10, errors: s >= 60 && s % 45 < 20 ? 2 : 0) }
        ],
        rules: [
          Rule(
            name: "FlapFor1m", flightdeck: "error_rate[10s] > 0.05",
            promql: "\(errorRate(sel, 10)) > 0.05", forMs: 60_000)
        ], mustNotFire: ["FlapFor1m"]))
    // keep_firing_for 30 s over dips of 10 … 90 s of clean traffic between
    // 60 s breaches: at every interval some dips are shorter than, equal to
    // and longer than the hold, counted in false evaluations.
    var dips: [Range<Int>] = []
    var t = 60
    for dip in [10, 20, 30, 40, 50, 60, 90] {
      t += 60
      dips.append(t..<(t + dip))
      t += dip
    }
    let end = t + 120
    let dipRanges = dips
    out.append(
      Scenario(
        name: "keep_firing_for over dips shorter than, equal to and longer than the hold", seconds: end,
        traffic: [
          .stable: { s in
            Second(
              requests: 10, errors: s >= 60 && s < end - 120 && !dipRanges.contains { $0.contains(s) } ? 2 : 0
            )
          }
        ],
        rules: [
          Rule(
            name: "ErrorsKeep30s", flightdeck: "error_rate[10s] > 0.05",
            promql: "\(errorRate(sel, 10)) > 0.05", keepMs: 30_000),
          Rule(
            name: "ErrorsKeep1m", flightdeck: "error_rate[10s] > 0.05",
            promql: "\(errorRate(sel, 10)) > 0.05", keepMs: 60_000),
        ], mustFire: ["ErrorsKeep30s"]))
    // p95 latency: 20 requests every second (so every 1-minute window holds
    // a multiple of 20, where PromQL's histogram_quantile over buckets
    // le=500/1000 and FlightDeck's type-7 p95 over 100 ms / 1000 ms values
    // fall on the same side of 500 ms: both exceed it iff more than 5 % are
    // slow); the slow share ramps 0 → 15 % and back.
    out.append(
      Scenario(
        name: "p95 latency", seconds: 720,
        traffic: [
          .stable: { s in
            let slow = s < 120 ? 0 : s < 480 ? min(3, (s - 120) / 60) : max(0, 3 - (s - 480) / 40)
            return Second(requests: 20, slow: slow)
          }
        ],
        rules: [
          Rule(
            name: "SlowP95", flightdeck: "p95_latency_ms[1m] > 500", promql: "\(p95(sel, 60)) > 500",
            forMs: 30_000)
        ], mustFire: ["SlowP95"]))
    // A route selector with `and`: canary errors above 5 % while the canary
    // takes more than 1 req/s; the stable route's errors must not count.
    let canary = #"artefact="support-bot",route="canary""#
    out.append(
      Scenario(
        name: "a route selector with and", seconds: 600,
        traffic: [
          .stable: { s in Second(requests: 10, errors: s % 10 == 0 ? 1 : 0) },
          .canary: { s in
            let n = s < 200 ? 1 : s < 400 ? 3 : 1
            return Second(requests: n, errors: (250..<450).contains(s) && s % 2 == 0 ? 1 : 0)
          },
        ],
        rules: [
          Rule(
            name: "CanaryErrors",
            flightdeck: #"error_rate{route="canary"}[1m] > 0.05 and request_rate{route="canary"}[1m] > 1"#,
            promql:
              "\(errorRate(canary, 60, by: "artefact, route")) > 0.05 and \(rate(canary, 60, by: "artefact, route")) > 1",
            forMs: 30_000)
        ], mustFire: ["CanaryErrors"]))
    // A gap in traffic: 10 req/s with 10 % errors, nothing for 3 minutes,
    // then clean traffic. The rate rule goes pending and fires in the gap;
    // the error rule has no data there (PromQL: 0/0 = NaN, not > 0.05) and
    // rides it out only for keep_firing_for. Also the issue's traffic-drop
    // rule, which a steady 10 req/s must never trip.
    out.append(
      Scenario(
        name: "a gap in traffic", seconds: 720,
        traffic: [
          .stable: { s in
            (240..<420).contains(s) ? Second(requests: 0) : Second(requests: 10, errors: s < 240 ? 1 : 0)
          }
        ],
        rules: [
          Rule(
            name: "TrafficDrop", flightdeck: "request_rate[1m] < 9.5", promql: "\(rate(sel, 60)) < 9.5",
            forMs: 30_000),
          Rule(
            name: "ErrorsKeep1m", flightdeck: "error_rate[1m] > 0.05",
            promql: "\(errorRate(sel, 60)) > 0.05", keepMs: 60_000),
        ], mustFire: ["TrafficDrop", "ErrorsKeep1m"]))
    return out
  }()

  static let intervals: [Int64] = [10, 15, 30]

  @Test(
    .enabled(
      if: promtool != nil || required,
      "promtool not found on PATH (Debian: apt-get install prometheus); set CI=true to require it"),
    arguments: scenarios, intervals)
  func alertStatesEqualPrometheus(scenario: Scenario, intervalS: Int64) throws {
    let promtool = try #require(Self.promtool, "CI=true but promtool is not installed")
    let result = try Self.run(scenario, intervalMs: intervalS * 1000)
    // The scenario does what it is for (worked out from its traffic).
    for name in scenario.mustFire {
      #expect(result.everFired.contains(name), "\(scenario.name) @\(intervalS)s: \(name) never fired")
    }
    for name in scenario.mustNotFire {
      #expect(!result.everFired.contains(name), "\(scenario.name) @\(intervalS)s: \(name) fired")
      #expect(result.everPending.contains(name), "\(scenario.name) @\(intervalS)s: \(name) never pending")
    }
    // FLIGHTDECK_PROMTOOL_KEEP=<dir> keeps the generated files there (to rerun promtool by hand).
    let keep = ProcessInfo.processInfo.environment["FLIGHTDECK_PROMTOOL_KEEP"]
    let base = keep.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
    let slug = scenario.name.filter { $0.isLetter || $0 == " " }.replacingOccurrences(of: " ", with: "-")
    let dir = base.appendingPathComponent(
      keep == nil ? "flightdeck-promtool-\(UUID().uuidString)" : "\(slug)-\(intervalS)s")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }
    try Self.rulesFile(scenario).write(
      to: dir.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
    try Self.testFile(scenario, intervalS: intervalS, result: result).write(
      to: dir.appendingPathComponent("test.yml"), atomically: true, encoding: .utf8)
    let (status, text) = try LabelRegexPromtoolTests.run(promtool, ["test", "rules", "test.yml"], in: dir)
    #expect(
      status == 0, "\(scenario.name) @\(intervalS)s: promtool disagrees:\n\(text.prefix(4000))")
  }

  /// FlightDeck's firing instances (labels) per evaluation second and rule.
  struct Result {
    var firing: [Int: [String: [[String: String]]]] = [:]
    var everFired: Set<String> = []
    var everPending: Set<String> = []
  }

  static func engineRules(_ scenario: Scenario) throws -> [AlertRule] {
    try scenario.rules.flatMap { r in
      let expr = try AlertExpressionParser.parse(r.flightdeck)
      return [
        AlertRule(
          name: r.name, group: "diff", expression: expr, forMs: r.forMs, keepFiringForMs: r.keepMs,
          labels: ["severity": "page"]),
        AlertRule(name: r.name + "Holds", group: "diff", expression: expr, labels: ["severity": "page"]),
      ]
    }
  }

  /// Feeds the scenario's requests to an ``AlertEngine`` on a manual clock
  /// (ticking every 500 ms of the stream) and collects its states.
  static func run(_ scenario: Scenario, intervalMs: Int64) throws -> Result {
    var config = AlertConfiguration()
    config.evaluationIntervalMs = intervalMs
    var engine = AlertEngine(
      configuration: config, groups: [AlertRuleGroup(name: "diff", rules: try engineRules(scenario))])
    var options = EngineOptions()
    options.fitMetricsToAlerts(engine)
    var store = MetricsStore(configuration: options.metrics)
    let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)  // on every interval's grid
    var result = Result()
    let routes = scenario.traffic.keys.sorted { $0.rawValue < $1.rawValue }
    for s in 0...scenario.seconds {
      for half: Int64 in [0, 500] {
        let now = t0.adding(milliseconds: Int64(s) * 1000 + half)
        guard engine.tick(now: now, store: store), let slot = engine.lastEvaluation else { continue }
        let second = Int(slot.milliseconds(since: t0) / 1000)
        var states: [String: [[String: String]]] = [:]
        for rule in scenario.rules {
          states[rule.name] = []
          states[rule.name + "Holds"] = []
        }
        for i in engine.instances where i.evaluatedAt == slot {
          if i.state == .firing {
            states[i.ruleName, default: []].append(i.labels)
            result.everFired.insert(i.ruleName)
          }
          if i.state == .pending { result.everPending.insert(i.ruleName) }
        }
        result.firing[second] = states
      }
      guard s < scenario.seconds else { break }
      for route in routes {
        let sec = scenario.traffic[route]!(s)
        for k in 0..<sec.requests {
          let at = t0.adding(milliseconds: Int64(s) * 1000 + Int64(k * 1000 / sec.requests))
          store.record(
            TelemetryRecord(
              timestamp: at, requestID: "\(route)-\(s)-\(k)", artefact: artefact, kind: .agent,
              version: "v1", route: route, latencyMs: k < sec.slow ? 1000 : 100, inputTokens: 1,
              outputTokens: 1, costUSD: 0, status: k >= sec.requests - sec.errors ? .error : .ok))
        }
      }
    }
    return result
  }

  static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

  static func rulesFile(_ scenario: Scenario) -> String {
    var y = "groups:\n  - name: diff\n    rules:\n"
    for r in scenario.rules {
      for holds in [false, true] {
        y += "      - alert: \(r.name)\(holds ? "Holds" : "")\n"
        y += "        expr: \(quoted(r.promql))\n"
        if !holds && r.forMs > 0 { y += "        for: \(AlertDuration.format(r.forMs))\n" }
        if !holds && r.keepMs > 0 { y += "        keep_firing_for: \(AlertDuration.format(r.keepMs))\n" }
        y += "        labels:\n          severity: page\n"
      }
    }
    return y
  }

  static func testFile(_ scenario: Scenario, intervalS: Int64, result: Result) -> String {
    var y = "rule_files:\n  - rules.yml\nevaluation_interval: \(intervalS)s\ntests:\n  - interval: 1s\n"
    y += "    input_series:\n"
    for (route, traffic) in scenario.traffic.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      let seconds = (0..<scenario.seconds).map(traffic)
      let labels = #"artefact="\#(artefact)",route="\#(route.rawValue)""#
      // The sample at s counts [s − 1, s); none at 0.
      func series(_ name: String, _ value: (Second) -> Int) {
        y += "      - series: \(quoted("\(name){\(labels)}"))\n"
        y += "        values: \(quoted("_ " + seconds.map { String(value($0)) }.joined(separator: " ")))\n"
      }
      series("fd_requests") { $0.requests }
      series("fd_errors") { $0.errors }
      for (le, value) in [
        ("500", { (s: Second) in s.requests - s.slow }), ("1000", { $0.requests }), ("+Inf", { $0.requests }),
      ] {
        y += "      - series: \(quoted("fd_latency_ms_bucket{\(labels),le=\"\(le)\"}"))\n"
        y += "        values: \(quoted("_ " + seconds.map { String(value($0)) }.joined(separator: " ")))\n"
      }
    }
    y += "    alert_rule_test:\n"
    for second in result.firing.keys.sorted() {
      for (name, alerts) in result.firing[second]!.sorted(by: { $0.key < $1.key }) {
        y += "      - eval_time: \(second)s\n        alertname: \(name)\n"
        if alerts.isEmpty {
          y += "        exp_alerts: []\n"
          continue
        }
        y += "        exp_alerts:\n"
        for labels in alerts {
          y += "          - exp_labels:\n"
          for (k, v) in labels.sorted(by: { $0.key < $1.key }) where k != "alertname" {
            y += "              \(k): \(quoted(v))\n"
          }
        }
      }
    }
    return y
  }
}
