import Foundation
import Testing

@testable import FlightDeckCore

/// Our SRE Workbook burn-rate thresholds against Sloth's generated rules
/// for the same objectives: `../shared/corpus/prometheus-rules/`
/// `sloth-getting-started-burnrate.yml` (99.9 %) and
/// `sloth-kubernetes-apiserver-burnrate.yml` (99.9 % and 99 %).
@Suite struct SLOBurnRateTests {
  /// `<repo root>/../shared/corpus/prometheus-rules`, else `/work/shared/…`.
  static var corpus: URL {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    let base =
      FileManager.default.fileExists(atPath: shared.path) ? shared : URL(fileURLWithPath: "/work/shared")
    return base.appendingPathComponent("corpus/prometheus-rules")
  }

  /// One Sloth condition: `slo:sli_error:ratio_rate<window>{…} > (<factor> * <budget>)`.
  struct SlothCondition: Hashable {
    var windowMs: Int64
    var factor: Double
    var budget: Double
  }

  /// Per Sloth SLO (`sloth_slo`): its objective in percent (the
  /// `sloth_objective` label, which Sloth writes just before `sloth_service`
  /// and `sloth_slo` in its sorted labels) and every alert condition, read
  /// with regular expressions over the file's text.
  static func sloth(_ file: String) throws -> [String: (objective: Double, conditions: [SlothCondition])] {
    let text = try String(contentsOf: corpus.appendingPathComponent(file), encoding: .utf8)
    let ns = text as NSString
    let all = NSRange(location: 0, length: ns.length)
    var objectives: [String: Double] = [:]
    let objective = try NSRegularExpression(
      pattern: #"sloth_objective: "([0-9.]+)"\s+sloth_service: [^\n]+\s+sloth_slo: ([^\s]+)"#)
    for m in objective.matches(in: text, range: all) {
      objectives[ns.substring(with: m.range(at: 2))] = Double(ns.substring(with: m.range(at: 1)))
    }
    var conditions: [String: [SlothCondition]] = [:]
    let condition = try NSRegularExpression(
      pattern:
        #"slo:sli_error:ratio_rate(\w+)\{[^}]*sloth_slo="([^"]+)"[^}]*\} > \(([0-9.]+) \* ([0-9.e-]+)\)"#)
    for m in condition.matches(in: text, range: all) {
      let window = try #require(AlertDuration.milliseconds(ns.substring(with: m.range(at: 1))))
      let c = SlothCondition(
        windowMs: window, factor: try #require(Double(ns.substring(with: m.range(at: 3)))),
        budget: try #require(Double(ns.substring(with: m.range(at: 4)))))
      conditions[ns.substring(with: m.range(at: 2)), default: []].append(c)
    }
    var out: [String: (Double, [SlothCondition])] = [:]
    for (slo, cs) in conditions { out[slo] = (try #require(objectives[slo]), cs) }
    return out
  }

  @Test(arguments: ["sloth-getting-started-burnrate.yml", "sloth-kubernetes-apiserver-burnrate.yml"])
  func workbookThresholdsEqualSloths(file: String) throws {
    let slos = try Self.sloth(file)
    #expect(!slos.isEmpty)
    for (name, (objective, conditions)) in slos {
      let ours = SLODefinition(name: name, artefact: "x", kind: .availability, objectivePercent: objective)
      // Sloth writes the budget as (100 − objective) / 100 evaluated in
      // float64: 0.0009999999999999432 for 99.9, 0.01 for 99.
      #expect(conditions.allSatisfy { $0.budget == ours.errorBudget }, "\(file) \(name)")
      for row in SLOBurnRateWindow.workbook {
        // Both windows of each Workbook row appear in Sloth's rules with the
        // same factor, and factor × budget is the same error-ratio threshold.
        for window in [row.longWindowMs, row.shortWindowMs] {
          let match = conditions.first { $0.windowMs == window && $0.factor == row.factor }
          let c = try #require(
            match, "\(file) \(name): no \(row.factor)× over \(AlertDuration.format(window))")
          #expect(c.factor * c.budget == row.errorRatioThreshold(for: ours))
        }
      }
    }
    // Spot check worked by hand: 14.4 × 0.0009999999999999432 for 99.9 %.
    let gs = SLODefinition(name: "a", artefact: "x", kind: .availability, objectivePercent: 99.9)
    #expect(SLOBurnRateWindow.workbook[0].errorRatioThreshold(for: gs) == 14.4 * 0.0009999999999999432)
  }

  /// Sloth's table (`burn_rate_windows = "sloth"`) is exactly the set of
  /// (window, factor) pairs in Sloth's generated alerts, its fourth row
  /// (ticket 3× over 1 d and 2 h) included, with the same error-ratio
  /// thresholds; the Workbook's table lacks that row.
  @Test(arguments: ["sloth-getting-started-burnrate.yml", "sloth-kubernetes-apiserver-burnrate.yml"])
  func slothTableEqualsSlothsRules(file: String) throws {
    let slos = try Self.sloth(file)
    #expect(!slos.isEmpty)
    for (name, (objective, conditions)) in slos {
      let ours = SLODefinition(
        name: name, artefact: "x", kind: .availability, objectivePercent: objective, alertWindows: .sloth)
      struct Pair: Hashable {
        var windowMs: Int64
        var factor: Double
      }
      let theirs = Set(conditions.map { Pair(windowMs: $0.windowMs, factor: $0.factor) })
      let rows = ours.alertWindows.rows
      let mine = Set(
        rows.flatMap {
          [
            Pair(windowMs: $0.longWindowMs, factor: $0.factor),
            Pair(windowMs: $0.shortWindowMs, factor: $0.factor),
          ]
        })
      #expect(mine == theirs, "\(file) \(name)")
      #expect(theirs.contains(Pair(windowMs: 86_400_000, factor: 3)))
      #expect(theirs.contains(Pair(windowMs: 7_200_000, factor: 3)))
      for row in rows {
        let c = try #require(conditions.first { $0.windowMs == row.longWindowMs && $0.factor == row.factor })
        #expect(c.factor * c.budget == row.errorRatioThreshold(for: ours))
      }
      let workbook = Set(SLOBurnRateWindow.workbook.map(\.factor))
      #expect(!workbook.contains(3))
    }
  }

  @Test func slothWindowsAddTheOneDayTicketRow() throws {
    let slo = SLODefinition(
      name: "availability", artefact: "support-bot", kind: .availability, objectivePercent: 99.5,
      alertWindows: .sloth)
    let b = #"burn_rate{slo="availability",artefact="support-bot"}"#
    #expect(
      slo.defaultAlertRules.map(\.expression.description) == [
        "\(b)[1h] > 14.4 and \(b)[5m] > 14.4 or \(b)[6h] > 6 and \(b)[30m] > 6",
        "\(b)[1d] > 3 and \(b)[2h] > 3 or \(b)[3d] > 1 and \(b)[6h] > 1",
      ])
    let config = try FlightDeckConfiguration.parse(
      """
      [[slo]]
      name = "availability"
      artefact = "support-bot"
      kind = "availability"
      objective = 99.5
      burn_rate_windows = "sloth"

      [[slo]]
      name = "plain"
      artefact = "support-bot"
      kind = "availability"
      objective = 99.5
      """, file: "c.toml")
    #expect(config.alerts.slos.map(\.alertWindows) == [.sloth, .workbook])
    let e = #expect(throws: ConfigurationError.self) {
      try FlightDeckConfiguration.parse(
        "[[slo]]\nname = \"a\"\nartefact = \"b\"\nkind = \"availability\"\nobjective = 99\nburn_rate_windows = \"google\"\n",
        file: "c.toml")
    }
    #expect(e?.key == "slo.burn_rate_windows")
  }

  /// Uneven traffic over three days hides a burn from the 1× over 3 d row
  /// that Sloth's 3× over 1 d row catches: 3 days of 1 000 req/h with no
  /// error, then in the last day 100 req/h with 5 % errors at 99.5 %
  /// (budget 0.005). Over 1 d: burn 0.05 / 0.005 = 10 > 3, and over the
  /// last 2 h the same 10 > 3: the Sloth ticket fires. Over 3 d: 120 bad of
  /// 2 × 24 000 + 2 400 = 50 400 requests, burn 0.00238… / 0.005 = 0.476 < 1,
  /// and 3× over 1 d is not in the Workbook table: no ticket there.
  @Test func slothTicketRowCatchesABurnUnevenTrafficHides() throws {
    let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)
    func engine(_ windows: SLOAlertWindows) -> AlertEngine {
      var c = AlertConfiguration()
      c.slos = [
        SLODefinition(
          name: "availability", artefact: "bot", kind: .availability, objectivePercent: 99.5,
          alertWindows: windows)
      ]
      return AlertEngine(configuration: c, groups: [])
    }
    var sloth = engine(.sloth)
    var workbook = engine(.workbook)
    var options = EngineOptions()
    options.fitMetricsToAlerts(sloth)
    var store = MetricsStore(configuration: options.metrics)
    let hour: Int64 = 3_600_000
    for h in Int64(0)..<72 {
      let lastDay = h >= 48
      let n = lastDay ? 100 : 1000
      for i in 0..<n {
        let at = t0.adding(milliseconds: h * hour + Int64(i) * hour / Int64(n))
        store.record(
          TelemetryRecord(
            timestamp: at, requestID: "r", artefact: "bot", kind: .model, version: "v1", route: .stable,
            latencyMs: 100, inputTokens: 1, outputTokens: 1, costUSD: 0,
            status: lastDay && i % 20 == 0 ? .error : .ok))
      }
    }
    let end = t0.adding(milliseconds: 72 * hour)
    sloth.evaluate(now: end, store: store)
    workbook.evaluate(now: end, store: store)
    let ticket = { (e: AlertEngine) in e.instances.first { $0.severity == "ticket" }?.state }
    #expect(ticket(sloth) == .firing)
    #expect(ticket(workbook) != .firing)
    #expect(workbook.sloStatuses.first?.burnRate3d == (120.0 / 50_400.0) / ((100 - 99.5) / 100))
  }

  @Test func defaultRulesFollowTheWorkbookTable() throws {
    let slo = SLODefinition(
      name: "availability", artefact: "support-bot", kind: .availability, objectivePercent: 99.5)
    let rules = slo.defaultAlertRules
    // One rule per severity, the rows of a severity joined with `or` (as Sloth does).
    #expect(rules.map(\.severity) == ["page", "ticket"])
    // The selector names the artefact too: two artefacts' SLOs may share the name "availability".
    let b = #"burn_rate{slo="availability",artefact="support-bot"}"#
    #expect(
      rules.map(\.expression.description) == [
        "\(b)[1h] > 14.4 and \(b)[5m] > 14.4 or \(b)[6h] > 6 and \(b)[30m] > 6",
        "\(b)[3d] > 1 and \(b)[6h] > 1",
      ])
    // Distinct label sets, so distinct instances.
    #expect(Set(rules.map(\.labels)).count == 2)
    // The printed rules parse back to the same trees.
    for r in rules { #expect(try AlertExpressionParser.parse(r.expression.description) == r.expression) }
    // The ticket rule reads 3 days: the alert setup raises the store's retention to that.
    let engine = AlertEngine(
      configuration: {
        var c = AlertConfiguration(); c.slos = [slo]; return c
      }(), groups: [])
    var options = EngineOptions()
    options.fitMetricsToAlerts(engine)
    #expect(options.metrics.retentionMs == 259_200_000)
  }

  @Test func configurationDeclaresSLOsAndAlerts() throws {
    let config = try FlightDeckConfiguration.parse(
      """
      [alerts]
      rules = "alerts.yml"
      evaluation_interval = "30s"
      incident_severities = ["page", "ticket"]

      [[slo]]
      name = "availability"
      artefact = "support-bot"
      kind = "availability"
      objective = 99.5
      period = "28d"

      [[slo]]
      name = "fast"
      artefact = "support-bot"
      kind = "latency"
      objective = 99
      threshold_ms = 1200
      """, file: "c.toml")
    #expect(config.alerts.rulesPath == "alerts.yml")
    #expect(config.alerts.evaluationIntervalMs == 30_000)
    #expect(config.alerts.incidentSeverities == ["page", "ticket"])
    #expect(config.alerts.slos.map(\.name) == ["availability", "fast"])
    #expect(config.alerts.slos[0].periodMs == 28 * 86_400_000)
    #expect(config.alerts.slos[1].thresholdMs == 1200)
    // 0.995 is a fraction, not a percentage: refused with the key named.
    let e = #expect(throws: ConfigurationError.self) {
      try FlightDeckConfiguration.parse(
        "[[slo]]\nname = \"a\"\nartefact = \"b\"\nkind = \"availability\"\nobjective = 0.995\n",
        file: "c.toml")
    }
    #expect(e?.key == "slo.objective")
    #expect(e?.reason.contains("write 99.5, not 0.995") == true)
    let latency = #expect(throws: ConfigurationError.self) {
      try FlightDeckConfiguration.parse(
        "[[slo]]\nname = \"a\"\nartefact = \"b\"\nkind = \"latency\"\nobjective = 99\n", file: "c.toml")
    }
    #expect(latency?.key == "slo.threshold_ms")
    // Two artefacts may each have an "availability" SLO; one artefact not two.
    let slo = { (artefact: String) in
      "[[slo]]\nname = \"availability\"\nartefact = \"\(artefact)\"\nkind = \"availability\"\nobjective = 99\n"
    }
    let two = try FlightDeckConfiguration.parse(slo("a") + slo("b"), file: "c.toml")
    #expect(two.alerts.slos.map(\.artefact) == ["a", "b"])
    let twice = #expect(throws: ConfigurationError.self) {
      try FlightDeckConfiguration.parse(slo("a") + slo("a"), file: "c.toml")
    }
    #expect(twice?.reason == #"duplicate SLO "availability" for artefact a"#)
  }

  @Test func sloRulesOfTwoArtefactsSharingANameStayApart() throws {
    // 10 requests each in the last 5 minutes: bot has 1 error, rag 3.
    // Budget 1 % → burn 0.1 / 0.01 = 10 for bot and 0.3 / 0.01 = 30 for rag.
    let at = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)
    var store = MetricsStore()
    for (artefact, errors) in [("bot", 1), ("rag", 3)] {
      for i in 0..<10 {
        store.record(
          TelemetryRecord(
            timestamp: at.adding(milliseconds: -Int64(10 + i * 20) * 1000), requestID: "r",
            artefact: artefact,
            kind: .model, version: "v1", route: .stable, latencyMs: 100, inputTokens: 1, outputTokens: 1,
            costUSD: nil, status: i < errors ? .error : .ok))
      }
    }
    let slos = ["bot", "rag"].map {
      SLODefinition(name: "availability", artefact: $0, kind: .availability, objectivePercent: 99)
    }
    let source = MetricsStoreAlertSource(store: store, ingestErrors: IngestErrorLog(), slos: slos)
    // The page rule of each SLO, evaluated: one series each, its own artefact's burn.
    for (slo, burn) in zip(slos, [10.0, 30.0]) {
      let rule = try #require(slo.defaultAlertRules.first)
      guard case .or(.and(.condition(let long), _), _) = rule.expression else {
        Issue.record("unexpected rule shape \(rule.expression)")
        continue
      }
      #expect(source.series(for: long) == [["artefact": slo.artefact, "slo": "availability"]])
      var short = long
      short.windowMs = 300_000
      let value = source.value(short.metric, selector: short.matchers, windowMs: short.windowMs, at: at)
      #expect(abs((value.number ?? 0) - burn) < 1e-9)
      // The status line too: budget left 1 − burn-fraction… over the data held
      // (1 − 0.1/0.01 = −9 for bot, 1 − 0.3/0.01 = −29 for rag), 1 h burn as above.
      let status = SLOStatus.compute(slo, source: source, at: at)
      #expect(abs((status.budgetRemaining ?? 0) - (1 - burn)) < 1e-9)
      #expect(abs((status.burnRate1h ?? 0) - burn) < 1e-9)
    }
  }
}
