import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// One incident per problem (PagerDuty's dedup key): an alert that fires
/// again while an incident linked to it is open joins that incident, across
/// two dashboards on one workspace; only a resolved incident lets a new one open.
@Suite struct IncidentDedupTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let scratch = RegistryScratch()
  let second: Int64 = 1000

  /// A page rule over support-bot's error rate, evaluated every 15 s by two
  /// evaluators (two dashboards), each with a keeper on its own store of one file.
  struct Desk {
    var evaluator: AlertEvaluator
    let keeper: AlertKeeper
  }

  func desks() throws -> (a: Desk, b: Desk, store: any RegistryStore) {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    let a = try ws.create(clock: clock, actor: F.alice)
    try F.seed(a, clock: clock)
    let b = try ws.open(clock: clock)
    let rule = AlertRule(
      name: "CanaryErrors", group: "canary", expression: try AlertExpressionParser.parse("error_rate > 0.05"),
      labels: ["severity": "page"], annotations: ["summary": "errors above 5 %"])
    let config = AlertConfiguration()
    return (
      Desk(evaluator: AlertEvaluator(rules: [rule]), keeper: AlertKeeper(configuration: config, store: a)),
      Desk(evaluator: AlertEvaluator(rules: [rule]), keeper: AlertKeeper(configuration: config, store: b)),
      a
    )
  }

  /// Both dashboards evaluate at the clock's now and record what they saw.
  func evaluate(_ desks: inout (a: Desk, b: Desk, store: any RegistryStore), _ source: TableAlertSource)
    -> [AlertKeeper.Report]
  {
    let ta = desks.a.evaluator.evaluate(at: clock.now(), source: source)
    let tb = desks.b.evaluator.evaluate(at: clock.now(), source: source)
    return [desks.a.keeper.record(ta), desks.b.keeper.record(tb)]
  }

  /// A name from telemetry with control characters still pages: the title
  /// holds its visible escapes, which the store accepts (issue 11 breaker,
  /// I1: the store refused the raw title and no incident opened).
  @Test func anArtefactNameWithControlCharactersStillOpensAnIncident() throws {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    let store = try ws.create(clock: clock, actor: F.alice)
    try F.seed(store, clock: clock)
    let rule = AlertRule(
      name: "Errors", group: "g", expression: try AlertExpressionParser.parse("error_rate > 0.05"),
      labels: ["severity": "page"], annotations: [:])
    var evaluator = AlertEvaluator(rules: [rule])
    let keeper = AlertKeeper(configuration: AlertConfiguration(), store: store)
    var source = TableAlertSource()
    source.set(.errorRate, "bot\u{1B}]0;x\u{07}\r", 0.10)
    let report = keeper.record(evaluator.evaluate(at: clock.now(), source: source))
    #expect(report.problems.isEmpty)
    let incidents = try store.incidents(states: nil, limit: 10)
    #expect(incidents.count == 1)
    #expect(incidents.first?.title.contains(#"bot\x1B]0;x\x07\x0D"#) == true)
  }

  @Test("fire, gap (resolves), fire again while INC-1 is open: one incident, a 'fired again' entry")
  func firingAgainJoinsTheOpenIncident() throws {
    var d = try desks()
    var source = TableAlertSource()
    source.set(.errorRate, "support-bot", 0.10)
    let t0 = clock.now()
    let first = evaluate(&d, source)
    #expect(first.flatMap(\.problems).isEmpty)
    #expect(try d.store.incidents(states: nil, limit: 10).map(\.id) == [1])
    // A gap in telemetry: the alert resolves (Prometheus' behaviour).
    source.set(.errorRate, "support-bot", nil)
    clock.advance(milliseconds: 15 * second)
    _ = evaluate(&d, source)
    #expect(try d.store.alertInstances().first?.state == .resolved)
    // Data returns, still breaching: a new firing of the same instance.
    source.set(.errorRate, "support-bot", 0.10)
    clock.advance(milliseconds: 15 * second)
    let t2 = clock.now()
    let again = evaluate(&d, source)
    #expect(again.flatMap(\.problems).isEmpty)
    // Both dashboards report INC-1 as joined; nothing else was opened.
    #expect(again.flatMap(\.incidents).isEmpty && again.flatMap(\.joined).map(\.id) == [1, 1])
    let incidents = try d.store.incidents(states: nil, limit: 10)
    #expect(incidents.map(\.id) == [1] && incidents.first?.state == .triggered)
    // INC-1 now links both firings of the one instance; it still dates from t0.
    let inc = try d.store.incident(id: 1)
    #expect(inc.links.alerts.map(\.firingSince) == [t0, t2])
    #expect(Set(inc.links.alerts.map(\.fingerprint)).count == 1)
    #expect(inc.openedAt == t0 && inc.firstAlertAt == t0)
    // One audit entry for the join (the second dashboard found it done), by the alerting actor.
    let joins = try d.store.auditEntries(since: nil).filter { $0.action.rawValue == "incident.alert" }
    #expect(joins.map(\.subject) == ["INC-1"] && joins.map(\.actor) == ["system:alerting"])
    #expect(joins.first?.at == t2)
    // The timeline says it fired again.
    let timeline = IncidentTimeline.build(
      incident: inc, entries: try d.store.auditEntries(since: nil), now: clock.now())
    let line = try #require(timeline.first { $0.kind.rawValue == "fired-again" })
    #expect(line.at == t2 && line.actor == "system:alerting")
    #expect(line.text == "fired again: CanaryErrors: errors above 5 % (firing since \(t2.rfc3339))")
    #expect(try d.store.verifyAudit().isIntact)
  }

  @Test("an acknowledged or mitigated incident still takes the new firing; a resolved one does not")
  func onlyAResolvedIncidentLetsANewOneOpen() throws {
    var d = try desks()
    var source = TableAlertSource()
    func flap() {
      source.set(.errorRate, "support-bot", nil)
      clock.advance(milliseconds: 15 * second)
      _ = evaluate(&d, source)
      source.set(.errorRate, "support-bot", 0.10)
      clock.advance(milliseconds: 15 * second)
    }
    source.set(.errorRate, "support-bot", 0.10)
    _ = evaluate(&d, source)
    _ = try d.store.perform(.acknowledgeIncident(id: 1), as: F.bob)
    flap()
    #expect(evaluate(&d, source).flatMap(\.joined).map(\.id) == [1, 1])
    _ = try d.store.perform(.mitigateIncident(id: 1, note: "rolled back"), as: F.bob)
    flap()
    #expect(evaluate(&d, source).flatMap(\.joined).map(\.id) == [1, 1])
    #expect(try d.store.incident(id: 1).state == .mitigated)
    #expect(try d.store.incident(id: 1).links.alerts.count == 3)
    _ = try d.store.perform(.resolveIncident(id: 1, note: "fixed"), as: F.bob)
    flap()
    // INC-1 is resolved: the next firing is a new problem, INC-2 (opened once).
    #expect(evaluate(&d, source).flatMap(\.incidents).map(\.id) == [2, 2])
    #expect(try d.store.incidents(states: nil, limit: 10).map(\.id) == [2, 1])
    #expect(try d.store.incident(id: 2).links.alerts.count == 1)
  }

  @Test(
    "a fingerprint joins only incidents linked to that same fingerprint, not to one it prefixes",
    arguments: StoreUnderTest.all)
  func joiningMatchesTheWholeFingerprint(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    func open(_ fingerprint: String) throws -> Incident? {
      let link = IncidentAlertLink(
        rule: "CanaryErrors", fingerprint: fingerprint, labels: ["severity": "page"], firingSince: clock.now()
      )
      clock.advance(milliseconds: second)
      return try store.perform(
        .openIncident(
          title: "CanaryErrors", severity: .sev2, commander: nil, links: IncidentLinks(alerts: [link]),
          source: .alert),
        as: .system(.alerting)
      ).incident
    }
    #expect(try open("9f2c01")?.id == 1)
    #expect(try open("9f2c")?.id == 2)
    #expect(try open("9f2c0")?.id == 3)
    // A later firing of 9f2c joins INC-2, of 9f2c01 joins INC-1.
    #expect(try open("9f2c")?.id == 2)
    #expect(try open("9f2c01")?.id == 1)
    #expect(try store.incidents(states: nil, limit: 10).count == 3)
  }

  @Test("a gap in real telemetry: the alert resolves in the gap, fires when data returns, one incident")
  func gapInTelemetryOnTheMetricsStore() throws {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    let a = try ws.create(clock: clock, actor: F.alice)
    try F.seed(a, clock: clock)
    let b = try ws.open(clock: clock)
    let groups = try AlertRulesLoader.parse(
      """
      groups:
        - name: canary
          rules:
            - alert: CanaryErrors
              expr: error_rate{route="canary"}[1m] > 0.05
              labels: {severity: page}
      """, file: "rules.yml")
    let config = AlertConfiguration()
    // Two dashboards, each with its own metrics and engine, on one workspace.
    var engines = [
      AlertEngine(configuration: config, groups: groups), AlertEngine(configuration: config, groups: groups),
    ]
    var stores = [MetricsStore(), MetricsStore()]
    let keepers = [
      AlertKeeper(configuration: config, store: a), AlertKeeper(configuration: config, store: b),
    ]
    let t0 = clock.now()
    var states: [AlertState] = []
    // Canary traffic at 50 % errors, 2 req/s, for 2 min; none for 3 min; again for 1 min.
    for second in Int64(1)...360 {
      let now = t0.adding(milliseconds: second * 1000)
      clock.set(now)
      if second <= 120 || second > 300 {
        for (i, status) in [RequestStatus.ok, .error].enumerated() {
          let r = TelemetryRecord(
            timestamp: now, requestID: "r\(second)-\(i)", artefact: "support-bot", kind: .agent,
            version: "v13",
            route: .canary, latencyMs: 100, inputTokens: 1, outputTokens: 1, costUSD: 0.001, status: status)
          for j in stores.indices { _ = stores[j].record(r) }
        }
      }
      for j in engines.indices where engines[j].tick(now: now, store: stores[j]) {
        let transitions = engines[j].takeTransitions()
        if j == 0 { states += transitions.map(\.to) }
        #expect(keepers[j].record(transitions).problems.isEmpty)
      }
    }
    // The first evaluation slot (a multiple of the interval, as Prometheus
    // schedules) comes before the first record, so the new series is first
    // seen without data (`nodata`, never notifying); then fired, resolved in
    // the gap (no samples in the 1-minute window), fired again.
    #expect(states == [.nodata, .firing, .resolved, .firing])
    #expect(try a.incidents(states: nil, limit: 10).map(\.id) == [1])
    let inc = try a.incident(id: 1)
    #expect(inc.links.alerts.count == 2 && Set(inc.links.alerts.map(\.fingerprint)).count == 1)
    #expect(try a.auditEntries(since: nil).filter { $0.action.rawValue == "incident.alert" }.count == 1)
    #expect(try a.verifyAudit().isIntact)
  }
}
