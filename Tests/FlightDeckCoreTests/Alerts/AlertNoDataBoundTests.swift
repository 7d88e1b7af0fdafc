import Testing

@testable import FlightDeckCore

/// No data is bounded by the rules, not the series: a series whose window
/// holds no sample is absent (Prometheus: no result; Grafana: a missing
/// series), and a rule none of whose series has data shows one `nodata`
/// instance labelled with what its series share. The shape of the
/// "1,000 rules over 10,000 series" benchmark, small: 25 artefacts × v1, v2 ×
/// stable, canary, the three kinds of rule it has.
@Suite struct AlertNoDataBoundTests {
  /// 2025-06-01T00:10:00Z, on a 10 s bucket boundary.
  let at = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  func rules() throws -> [AlertRule] {
    let exprs = [
      #"error_rate{artefact="bot-03"}[1m] > 0.5"#, #"error_rate{route="canary"}[5m] > 0.9"#,
      "p95_latency_ms[5m] > 100000",
    ]
    var out: [AlertRule] = []
    for (n, expr) in exprs.enumerated() {
      out.append(
        AlertRule(
          name: "Load\(n)", group: "load", expression: try AlertExpressionParser.parse(expr),
          labels: ["severity": "ticket"]))
    }
    return out
  }

  /// One ok request of each of the 100 series `secondsBefore` seconds before `at`,
  /// for artefacts `bot-00` … `bot-(artefacts − 1)`.
  func record(into store: inout MetricsStore, secondsBefore: Int64, artefacts: Int) {
    for a in 0..<artefacts {
      for version in ["v1", "v2"] {
        for route in [Route.stable, .canary] {
          _ = store.record(
            TelemetryRecord(
              timestamp: at.adding(milliseconds: -secondsBefore * 1000), requestID: "r",
              artefact: "bot-\(a < 10 ? "0" : "")\(a)",
              kind: .agent, version: version, route: route, latencyMs: 200, inputTokens: 1, outputTokens: 1,
              costUSD: 0, status: .ok))
        }
      }
    }
  }

  @Test func aRoundOverSeriesWithoutDataMakesOneNoDataInstancePerRule() throws {
    var store = MetricsStore()
    // Ten minutes old: outside every window at `at`.
    record(into: &store, secondsBefore: 600, artefacts: 25)
    var e = AlertEvaluator(rules: try rules())
    let first = e.evaluate(at: at, source: MetricsStoreAlertSource(store: store))
    // 1 + 25 + 25 series without data (the rules split by artefact, and route
    // where named): three no-data instances, not 51.
    #expect(first.map(\.from) == [nil, nil, nil] && first.map(\.to) == [.nodata, .nodata, .nodata])
    #expect(
      first.map(\.instance.labels) == [
        ["alertname": "Load0", "severity": "ticket", "artefact": "bot-03"],
        ["alertname": "Load1", "severity": "ticket", "route": "canary"],
        ["alertname": "Load2", "severity": "ticket"],
      ])
    // The next round, the same: no transition.
    #expect(
      e.evaluate(at: at.adding(milliseconds: 15_000), source: MetricsStoreAlertSource(store: store)).isEmpty)
    #expect(e.instances.count == 3)
  }

  @Test func seriesWithoutDataBesideSeriesWithDataAreAbsent() throws {
    var store = MetricsStore()
    record(into: &store, secondsBefore: 600, artefacts: 25)
    var e = AlertEvaluator(rules: try rules())
    _ = e.evaluate(at: at, source: MetricsStoreAlertSource(store: store))
    // Data (every request ok, 200 ms) for bot-00 … bot-09 only, 30 s before `at`.
    record(into: &store, secondsBefore: 30, artefacts: 10)
    let next = e.evaluate(at: at, source: MetricsStoreAlertSource(store: store))
    // Every rule now has a series with data, below its threshold: the three
    // no-data instances end, and the 15 artefacts without data show nothing.
    #expect(
      next.map(\.from) == [.nodata, .nodata, .nodata] && next.map(\.to) == [.inactive, .inactive, .inactive])
    #expect(e.instances.isEmpty)
  }

  @Test func aPendingInstanceThatLosesItsDataStillShowsNoData() throws {
    var store = MetricsStore()
    // bot-03 errors 20 s before `at`: error rate 1 > 0.5, for 30 s: pending.
    _ = store.record(
      TelemetryRecord(
        timestamp: at.adding(milliseconds: -20_000), requestID: "e", artefact: "bot-03", kind: .agent,
        version: "v1", route: .stable, latencyMs: 200, inputTokens: 1, outputTokens: 1, costUSD: 0,
        status: .error))
    var rule = try rules()[0]
    rule.forMs = 30_000
    var e = AlertEvaluator(rules: [rule])
    #expect(e.evaluate(at: at, source: MetricsStoreAlertSource(store: store)).map(\.to) == [.pending])
    // 70 s later the 1-minute window is empty: the pending instance (known) shows nodata (policy `resolve`).
    let later = e.evaluate(at: at.adding(milliseconds: 70_000), source: MetricsStoreAlertSource(store: store))
    #expect(later.map(\.from) == [.pending] && later.map(\.to) == [.nodata])
    #expect(later.first?.instance.labels["artefact"] == "bot-03")
  }
}
