import FlightDeckTestSupport
import Testing

@testable import FlightDeckCore

/// The alert state machine on an injected clock: pending → firing after
/// `for`, resolution and its retention, `keep_firing_for` across a flap,
/// restart while firing, no data, silences and acknowledgements.
@Suite struct AlertEvaluatorTests {
  let clock = TestClock()
  let second: Int64 = 1000

  func rule(_ expr: String, for forMs: Int64 = 0, keep: Int64 = 0, name: String = "HighErrors") throws
    -> AlertRule
  {
    AlertRule(
      name: name, group: "g", expression: try AlertExpressionParser.parse(expr), forMs: forMs,
      keepFiringForMs: keep, labels: ["severity": "page"])
  }

  func only(_ e: AlertEvaluator) throws -> AlertInstance {
    try #require(e.instances.count == 1 ? e.instances.values.first : nil)
  }

  @Test func pendingThenFiringAfterFor() throws {
    var source = TableAlertSource()
    source.set(.errorRate, "support-bot", 0.10)
    var e = AlertEvaluator(rules: [try rule("error_rate > 0.05", for: 30 * second)])
    let t0 = clock.now()
    var ts = e.evaluate(at: t0, source: source)
    #expect(ts.map(\.from) == [nil])
    #expect(ts.map(\.to) == [.pending])
    #expect(try only(e).labels == ["alertname": "HighErrors", "artefact": "support-bot", "severity": "page"])
    #expect(try only(e).value == 0.10)
    // 15 s later: still pending (15 s < 30 s), no transition.
    clock.advance(milliseconds: 15 * second)
    #expect(e.evaluate(at: clock.now(), source: source).isEmpty)
    // 30 s after activeAt: firing, activeAt kept.
    clock.advance(milliseconds: 15 * second)
    ts = e.evaluate(at: clock.now(), source: source)
    #expect(ts.map(\.from) == [.pending])
    #expect(ts.map(\.to) == [.firing])
    #expect(try only(e).activeAt == t0)
    #expect(try only(e).firedAt == clock.now())
    #expect(ts.first?.startsFiring == true)
  }

  @Test func pendingThatStopsHoldingGoesInactiveAndIsDropped() throws {
    var source = TableAlertSource()
    source.set(.errorRate, "support-bot", 0.10)
    var e = AlertEvaluator(rules: [try rule("error_rate > 0.05", for: 60 * second)])
    _ = e.evaluate(at: clock.now(), source: source)
    source.set(.errorRate, "support-bot", 0.01)
    clock.advance(milliseconds: 15 * second)
    let ts = e.evaluate(at: clock.now(), source: source)
    #expect(ts.map(\.to) == [.inactive])
    #expect(e.instances.isEmpty)
  }

  @Test func resolvesThenDropsAfterRetention() throws {
    var source = TableAlertSource()
    source.set(.errorRate, "support-bot", 0.10)
    var e = AlertEvaluator(rules: [try rule("error_rate > 0.05")])
    #expect(e.evaluate(at: clock.now(), source: source).map(\.to) == [.firing])
    source.set(.errorRate, "support-bot", 0.0)
    clock.advance(milliseconds: 15 * second)
    let resolvedAt = clock.now()
    let ts = e.evaluate(at: resolvedAt, source: source)
    #expect(ts.map(\.to) == [.resolved])
    #expect(ts.first?.stopsFiring == true)
    #expect(try only(e).resolvedAt == resolvedAt)
    // Shown as resolved for 15 minutes, then dropped.
    clock.advance(milliseconds: 15 * 60 * second - 1)
    #expect(e.evaluate(at: clock.now(), source: source).isEmpty)
    #expect(try only(e).state == .resolved)
    clock.advance(milliseconds: 1)
    #expect(e.evaluate(at: clock.now(), source: source).map(\.to) == [.inactive])
    #expect(e.instances.isEmpty)
  }

  /// A flap: true at 0 s, false at 15 s, true at 30 s, false from 45 s on.
  /// keep_firing_for 60 s counts from 45 s, the first evaluation where the
  /// condition stopped holding (Prometheus' `KeepFiringSince`): firing while
  /// now − 45 < 60, so through 90 s, resolved at 105 s; the same rule
  /// without it resolves at 15 s.
  @Test func keepFiringForRidesOutAFlap() throws {
    var source = TableAlertSource()
    var kept = AlertEvaluator(rules: [try rule("error_rate > 0.05", keep: 60 * second)])
    var plain = AlertEvaluator(rules: [try rule("error_rate > 0.05")])
    let truth: [(Int64, Double)] = [
      (0, 0.1), (15, 0), (30, 0.1), (45, 0), (60, 0), (75, 0), (90, 0), (105, 0),
    ]
    var keptStates: [AlertState] = []
    var plainStates: [AlertState] = []
    let t0 = clock.now()
    for (s, v) in truth {
      source.set(.errorRate, "support-bot", v)
      let at = t0.adding(milliseconds: s * second)
      _ = kept.evaluate(at: at, source: source)
      _ = plain.evaluate(at: at, source: source)
      keptStates.append(try only(kept).state)
      plainStates.append(try only(plain).state)
    }
    #expect(keptStates == [.firing, .firing, .firing, .firing, .firing, .firing, .firing, .resolved])
    #expect(try only(kept).firedAt == t0)
    #expect(
      plainStates == [.firing, .resolved, .firing, .resolved, .resolved, .resolved, .resolved, .resolved])
  }

  /// keep_firing_for 30 s at a 15 s interval over dips of 15, 30 and 45 s:
  /// Prometheus counts the hold from the first false evaluation, so a dip
  /// exactly as long as the hold (false at 15 and 30 s, true at 45 s) keeps
  /// one alert firing (no resolution, no second firing); only the 45 s dip
  /// resolves, at its third false evaluation (now − first false = 30 ≥ 30).
  @Test(arguments: [(1, false), (2, false), (3, true)])
  func keepFiringForCountsFromTheFirstFalseEvaluation(dip: Int, resolves: Bool) throws {
    var source = TableAlertSource()
    var e = AlertEvaluator(rules: [try rule("error_rate > 0.05", keep: 30 * second)])
    let t0 = clock.now()
    var transitions: [AlertTransition] = []
    for k in 0...(dip + 2) {
      source.set(.errorRate, "support-bot", (1...dip).contains(k) ? 0 : 0.1)
      transitions += e.evaluate(at: t0.adding(milliseconds: Int64(k) * 15 * second), source: source)
    }
    let expected: [AlertState] = resolves ? [.firing, .resolved, .firing] : [.firing]
    #expect(transitions.map(\.to) == expected)
    if resolves {
      #expect(transitions[1].at == t0.adding(milliseconds: 45 * second))
    }
    #expect(try only(e).state == .firing)
  }

  @Test func restoredFiringAlertKeepsItsStartTimeWithoutNewForWait() throws {
    var source = TableAlertSource()
    source.set(.errorRate, "support-bot", 0.10)
    let r = try rule("error_rate > 0.05", for: 30 * second)
    var e = AlertEvaluator(rules: [r])
    let t0 = clock.now()
    _ = e.evaluate(at: t0, source: source)
    clock.advance(milliseconds: 30 * second)
    _ = e.evaluate(at: clock.now(), source: source)
    let firing = try only(e)
    #expect(firing.state == .firing)
    // "Restart": a new evaluator from the persisted instances.
    var restarted = AlertEvaluator(rules: [r], restoring: Array(e.instances.values))
    clock.advance(milliseconds: 5 * second)
    #expect(restarted.evaluate(at: clock.now(), source: source).isEmpty)
    #expect(try only(restarted).state == .firing)
    #expect(try only(restarted).activeAt == t0)
    #expect(try only(restarted).firedAt == firing.firedAt)
  }

  @Test func noDataIsItsOwnStateNeverZero() throws {
    var source = TableAlertSource()
    // A rule over an artefact with no series at all: one nodata instance
    // labelled by the selector's artefact. `error_rate < 0.5` would hold for 0.
    var e = AlertEvaluator(rules: [try rule(#"error_rate{artefact="ghost"} < 0.5"#)])
    let ts = e.evaluate(at: clock.now(), source: source)
    #expect(ts.map(\.to) == [.nodata])
    #expect(try only(e).labels["artefact"] == "ghost")
    #expect(try only(e).value == nil)
    // A known series with no sample in the window: nodata too.
    source.set(.errorRate, "ghost", nil)
    clock.advance(milliseconds: 15 * second)
    #expect(e.evaluate(at: clock.now(), source: source).isEmpty)
    #expect(try only(e).state == .nodata)
    // Data arrives: it fires.
    source.set(.errorRate, "ghost", 0.1)
    clock.advance(milliseconds: 15 * second)
    #expect(e.evaluate(at: clock.now(), source: source).map(\.to) == [.firing])
  }

  /// The no-data placeholder of a rule without any series (labels from
  /// its selector, here none) goes away once real series appear.
  @Test func noDataPlaceholderIsDroppedWhenSeriesAppear() throws {
    var source = TableAlertSource()
    var e = AlertEvaluator(rules: [try rule("error_rate > 0.05")])
    #expect(e.evaluate(at: clock.now(), source: source).map(\.to) == [.nodata])
    #expect(try only(e).labels == ["alertname": "HighErrors", "severity": "page"])
    source.set(.errorRate, "support-bot", 0.10)
    clock.advance(milliseconds: 15 * second)
    let ts = e.evaluate(at: clock.now(), source: source)
    // The new series fires; the placeholder goes nodata → inactive.
    #expect(ts.map(\.to) == [.firing, .inactive])
    #expect(try only(e).labels["artefact"] == "support-bot")
  }

  /// Under the `nodata` policy (Grafana's "No Data"); the default resolves
  /// (``AlertNoDataPolicyTests``).
  @Test func firingAlertLosingItsDataKeepsFiringThroughKeepFiringForThenNoData() throws {
    var source = TableAlertSource()
    source.set(.errorRate, "support-bot", 0.10)
    var nodata = try rule("error_rate > 0.05", keep: 30 * second)
    nodata.noData = .nodata
    var e = AlertEvaluator(rules: [nodata])
    _ = e.evaluate(at: clock.now(), source: source)
    source.set(.errorRate, "support-bot", nil)
    clock.advance(milliseconds: 15 * second)
    #expect(e.evaluate(at: clock.now(), source: source).isEmpty)
    #expect(try only(e).state == .firing)
    // 30 − 15 < 30: the hold counts from the first evaluation without data.
    clock.advance(milliseconds: 15 * second)
    #expect(e.evaluate(at: clock.now(), source: source).isEmpty)
    #expect(try only(e).state == .firing)
    clock.advance(milliseconds: 15 * second)
    let ts = e.evaluate(at: clock.now(), source: source)
    #expect(ts.map(\.to) == [.nodata])
    #expect(ts.first?.stopsFiring == true)
  }

  /// Prometheus: a range with no samples gives the expression no result
  /// for the series, and an alert without a result is resolved — at the
  /// first evaluation of the gap when `keep_firing_for` is 0.
  @Test func firingAlertLosingItsDataResolvesByDefaultAsInPrometheus() throws {
    var source = TableAlertSource()
    source.set(.errorRate, "support-bot", 0.10)
    var e = AlertEvaluator(rules: [try rule("error_rate > 0.05")])
    _ = e.evaluate(at: clock.now(), source: source)
    source.set(.errorRate, "support-bot", nil)
    clock.advance(milliseconds: 15 * second)
    let ts = e.evaluate(at: clock.now(), source: source)
    #expect(ts.map(\.to) == [.resolved])
    #expect(try only(e).resolvedAt == clock.now())
  }

  @Test func oneInstancePerArtefactAndJoinWithLabelFreeMetric() throws {
    var source = TableAlertSource()
    source.set(.errorRate, "a", 0.10)
    source.set(.errorRate, "b", 0.01)
    source.set(.ingestErrors, "", 3)
    var e = AlertEvaluator(rules: [try rule("error_rate > 0.05 and ingest_errors > 0")])
    _ = e.evaluate(at: clock.now(), source: source)
    let byArtefact = Dictionary(
      uniqueKeysWithValues: e.instances.values.map { ($0.labels["artefact"] ?? "", $0.state) })
    // a: 0.10 > 0.05 and 3 > 0 → firing; b: 0.01 > 0.05 is false → inactive (dropped).
    #expect(byArtefact == ["a": .firing])
    var either = AlertEvaluator(rules: [try rule("error_rate > 0.05 or ingest_errors > 0")])
    _ = either.evaluate(at: clock.now(), source: source)
    // or: b is true through ingest_errors.
    #expect(Set(either.instances.values.map { $0.labels["artefact"] ?? "" }) == ["a", "b"])
  }

  @Test func silenceMarksMatchingInstancesUntilItEnds() throws {
    var source = TableAlertSource()
    source.set(.errorRate, "support-bot", 0.10)
    source.set(.errorRate, "summarizer", 0.10)
    var e = AlertEvaluator(rules: [try rule("error_rate > 0.05")])
    let silence = AlertSilence(
      id: 7, matchers: [AlertLabelMatcher(name: "artefact", op: .equal, value: "support-bot")],
      startsAt: clock.now(), endsAt: clock.now().adding(milliseconds: 60 * second), createdBy: "alice",
      comment: "known")
    _ = e.evaluate(at: clock.now(), source: source, silences: [silence])
    let silenced = e.instances.values.filter(\.isSilenced).map { $0.labels["artefact"] }
    #expect(silenced == ["support-bot"])
    #expect(e.instances.values.allSatisfy { $0.state == .firing })
    #expect(e.instances.values.filter(\.needsAttention).map { $0.labels["artefact"] } == ["summarizer"])
    clock.advance(milliseconds: 60 * second)
    _ = e.evaluate(at: clock.now(), source: source, silences: [silence])
    #expect(e.instances.values.allSatisfy { !$0.isSilenced })
  }

  @Test func acknowledgementIsClearedWhenTheAlertResolves() throws {
    var source = TableAlertSource()
    source.set(.errorRate, "support-bot", 0.10)
    var e = AlertEvaluator(rules: [try rule("error_rate > 0.05")])
    _ = e.evaluate(at: clock.now(), source: source)
    let fp = try only(e).fingerprint
    e.acknowledge(fingerprint: fp, by: "bob", at: clock.now(), comment: "looking")
    #expect(try only(e).acknowledgedBy == "bob")
    #expect(try only(e).needsAttention == false)
    source.set(.errorRate, "support-bot", 0)
    clock.advance(milliseconds: 15 * second)
    _ = e.evaluate(at: clock.now(), source: source)
    #expect(try only(e).state == .resolved)
    #expect(try only(e).acknowledgedBy == nil)
    // Acknowledging a non-firing instance does nothing.
    e.acknowledge(fingerprint: fp, by: "bob", at: clock.now(), comment: "late")
    #expect(try only(e).acknowledgedBy == nil)
  }

  /// Two rules of one group and name told apart by their labels (as the
  /// SLO page and ticket rules are) keep separate instances: one rule's
  /// evaluation must not read the other's instance as vanished.
  @Test func rulesSharingANameKeepSeparateInstances() throws {
    var source = TableAlertSource()
    source.set(.errorRate, "support-bot", 0.10)
    var page = try rule("error_rate > 0.05")
    var ticket = try rule("error_rate > 0.01")
    page.labels = ["severity": "page"]
    ticket.labels = ["severity": "ticket"]
    var e = AlertEvaluator(rules: [page, ticket])
    let ts = e.evaluate(at: clock.now(), source: source)
    #expect(ts.map(\.to) == [.firing, .firing])
    clock.advance(milliseconds: 15 * second)
    #expect(e.evaluate(at: clock.now(), source: source).isEmpty)
    #expect(e.instances.values.map(\.state) == [.firing, .firing])
  }

  @Test func groupingBySeverityPutsFiringGroupsFirst() {
    func instance(_ name: String, _ severity: String, _ state: AlertState) -> AlertInstance {
      var i = AlertInstance(ruleName: name, group: "g", labels: ["alertname": name, "severity": severity])
      i.state = state
      return i
    }
    let groups = AlertGrouping.group(
      [
        instance("A", "ticket", .pending), instance("B", "page", .resolved), instance("C", "ticket", .firing),
      ],
      by: ["severity"])
    #expect(groups.map { $0.key["severity"] } == ["ticket", "page"])
    #expect(groups[0].instances.map(\.ruleName) == ["C", "A"])
  }

  @Test func silenceMatcherTextParses() {
    #expect(
      AlertSilence.parseMatcher("artefact=support-bot")
        == AlertLabelMatcher(name: "artefact", op: .equal, value: "support-bot"))
    #expect(AlertSilence.parseMatcher("route!=canary")?.op == .notEqual)
    #expect(
      AlertSilence.parseMatcher(#"version=~"v1.*""#)
        == AlertLabelMatcher(name: "version", op: .regex, value: "v1.*"))
    #expect(AlertSilence.parseMatcher("no operator") == nil)
    #expect(AlertSilence.parseMatcher("bad-name=x") == nil)
  }
}
