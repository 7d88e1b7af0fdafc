import FlightDeckTestSupport
import Testing

@testable import FlightDeckCore

/// A rule's `nodata` policy on an injected clock, evaluated every 15 s: what
/// a gap in telemetry does to a firing and to a pending alert under the
/// default (Prometheus: no samples, no result, the alert resolves) and under
/// Grafana's `ok`, `nodata` and `keep_last`; and the rules file's key.
@Suite struct AlertNoDataPolicyTests {
  let clock = TestClock()
  let second: Int64 = 1000

  func rule(_ policy: AlertNoDataPolicy?, for forMs: Int64 = 0, keep: Int64 = 0) throws -> AlertRule {
    var r = AlertRule(
      name: "HighErrors", group: "g", expression: try AlertExpressionParser.parse("error_rate > 0.05"),
      forMs: forMs, keepFiringForMs: keep, labels: ["severity": "page"])
    if let policy { r.noData = policy }
    return r
  }

  func state(_ e: AlertEvaluator) -> AlertState? { e.instances.values.first?.state }

  /// Fires at t0, has no data at t0+15 s and t0+30 s, data (still breaching) at t0+45 s.
  /// Returns support-bot's transitions' target states at each of the four
  /// evaluations (a vanished series also leaves the rule's label-less
  /// no-data placeholder, not counted here).
  func gap(_ rule: AlertRule, vanish: Bool = false) -> (states: [[AlertState]], evaluator: AlertEvaluator) {
    var source = TableAlertSource()
    source.set(.errorRate, "support-bot", 0.10)
    var e = AlertEvaluator(rules: [rule])
    var out: [[AlertState]] = []
    out.append(
      e.evaluate(at: clock.now(), source: source).filter { $0.instance.labels["artefact"] == "support-bot" }
        .map(\.to))
    if vanish {
      source.values[.errorRate] = [:]
    } else {
      source.set(.errorRate, "support-bot", nil)
    }
    for _ in 0..<2 {
      clock.advance(milliseconds: 15 * second)
      out.append(
        e.evaluate(at: clock.now(), source: source).filter { $0.instance.labels["artefact"] == "support-bot" }
          .map(\.to))
    }
    source.set(.errorRate, "support-bot", 0.10)
    clock.advance(milliseconds: 15 * second)
    out.append(
      e.evaluate(at: clock.now(), source: source).filter { $0.instance.labels["artefact"] == "support-bot" }
        .map(\.to))
    return (out, e)
  }

  @Test("default (Prometheus): a gap resolves a firing alert and the returning data fires it again")
  func defaultResolvesOnAGap() throws {
    let (states, e) = gap(try rule(nil))
    // Prometheus: no sample in the range → the expression has no result for
    // the series → the alert is no longer active: resolved at the first
    // evaluation of the gap, firing again (a new firing) when data returns.
    #expect(states == [[.firing], [.resolved], [], [.firing]])
    #expect(e.instances.values.first?.firedAt == clock.now())
    // The same when the series vanishes from the store altogether.
    let vanished = gap(try rule(nil), vanish: true).states
    #expect(vanished == [[.firing], [.resolved], [], [.firing]])
  }

  @Test("default: keep_firing_for longer than the gap rides it out, as in Prometheus")
  func defaultKeepsFiringThroughKeepFiringFor() throws {
    // Gap of two evaluations (t0+15, t0+30); hold 60 s: still firing at +45
    // however the hold is counted (from t0 or from +15).
    let states = gap(try rule(.resolve, keep: 60 * second)).states
    #expect(states == [[.firing], [], [], []])
  }

  @Test("nodata: a firing alert that loses its data ends in the nodata state")
  func nodataPolicy() throws {
    let (states, _) = gap(try rule(.nodata))
    #expect(states == [[.firing], [.nodata], [], [.firing]])
  }

  @Test("ok: a gap is the condition not holding; quiet series without data are not shown")
  func okPolicy() throws {
    let (states, _) = gap(try rule(.ok))
    #expect(states == [[.firing], [.resolved], [], [.firing]])
    // A rule over a series that has no sample: nothing shown (default: nodata).
    var source = TableAlertSource()
    source.set(.errorRate, "ghost", nil)
    var ok = AlertEvaluator(rules: [try rule(.ok)])
    #expect(ok.evaluate(at: clock.now(), source: source).isEmpty && ok.instances.isEmpty)
    var byDefault = AlertEvaluator(rules: [try rule(nil)])
    #expect(byDefault.evaluate(at: clock.now(), source: source).map(\.to) == [.nodata])
  }

  @Test("keep_last: a firing alert keeps firing through the gap, with its start time, and no transition")
  func keepLastKeepsFiring() throws {
    let t0 = clock.now()
    let (states, e) = gap(try rule(.keepLast))
    #expect(states == [[.firing], [], [], []])
    #expect(e.instances.values.first?.firedAt == t0)
    let vanished = gap(try rule(.keepLast), vanish: true)
    #expect(vanished.states == [[.firing], [], [], []])
  }

  @Test("pending across a gap: reset by default (for restarts), kept by keep_last (for keeps counting)")
  func pendingAcrossAGap() throws {
    // for: 45 s. Holds at t0, no data at +15 and +30, holds at +45.
    let byDefault = gap(try rule(nil, for: 45 * second))
    // Reset: pending again from +45 (activeAt +45), not firing.
    #expect(byDefault.states == [[.pending], [.nodata], [], [.pending]])
    #expect(byDefault.evaluator.instances.values.first?.activeAt == clock.now())
    let kept = gap(try rule(.keepLast, for: 45 * second))
    // activeAt stays t0: at +45, 45 s ≥ for → firing.
    #expect(kept.states == [[.pending], [], [], [.firing]])
  }

  @Test(
    "the rules file's nodata key: each value, the default, and a bad value named with file, line and field")
  func rulesFileKey() throws {
    func rules(_ extra: String) throws -> [AlertRule] {
      try AlertRulesLoader.parse(
        """
        groups:
          - name: g
            rules:
              - alert: A
                expr: error_rate > 0.05
        \(extra)
        """, file: "rules.yml"
      ).flatMap(\.rules)
    }
    #expect(try rules("").first?.noData == .resolve)
    for p in AlertNoDataPolicy.allCases {
      #expect(try rules("        nodata: \(p.rawValue)").first?.noData == p)
    }
    do {
      _ = try rules("        nodata: alerting")
      Issue.record("nodata: alerting was accepted")
    } catch let e as AlertRulesFileError {
      let error = try #require(e.errors.first)
      #expect(error.file == "rules.yml" && error.line == 6 && error.field == "groups[0].rules[0].nodata")
      #expect(error.message == "expected one of: resolve, ok, nodata, keep_last, found 'alerting'")
    }
  }
}
