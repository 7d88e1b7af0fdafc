import FlightDeckTUI
import FlightDeckTestSupport
import Testing

@testable import FlightDeckCore

/// The issue-5 screen on hand-built data (``IncidentFixture``): the Alerts
/// pane, the Incidents queue, the incident view with its timeline cut at the
/// snapshot's clock, the KPI view, and the keys that turn into alert and
/// incident commands (and are refused in read-only mode).
@Suite struct IncidentScreenTests {
  func driver(
    width: Int = 80, height: Int = 24, focus: PaneID, readOnly: Bool = false, alerts: Bool = true,
    now: Timestamp = IncidentFixture.now
  ) -> AppDriver {
    var state = AppState(readOnly: readOnly)
    state.focus = focus
    state.operatorName = "dave"
    let d = AppDriver(width: width, height: height, state: state)
    d.apply(snapshot: IncidentFixture.snapshot(now: now, alerts: alerts))
    d.apply(.registrySnapshot(RegistryFixture.registry()))
    d.apply(.incidents(.success(IncidentFixture.incidents)))
    return d
  }

  func check(_ d: AppDriver, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let canvas = d.backend.lastFrame else {
      Issue.record("no frame", sourceLocation: sourceLocation)
      return
    }
    CanvasSnapshot.assertMatches(canvas, named: name, includeStyles: true, sourceLocation: sourceLocation)
  }

  func text(_ d: AppDriver) -> String { d.frame.joined(separator: "\n") }

  /// The row of the first frame line containing `needle`.
  func row(_ d: AppDriver, _ needle: String) -> Int? { d.frame.firstIndex { $0.contains(needle) } }

  // MARK: Alerts pane

  @Test func alertsPaneGroupsCountsAndSLO80x24() {
    let d = driver(focus: .alerts)
    let t = text(d)
    #expect(t.contains("2 firing · 1 pending · 1 silenced"))
    // 192 s = 3m12s; 600 s = 10m; 45 s.
    #expect(t.contains("3m12s"))
    #expect(t.contains("firing S"))
    #expect(t.contains("support-agent availability 99.5 %: budget 72 % left, burn 1h 3.2× 6h 0.8× 3d -"))
    #expect(!t.contains("IngestErrors"))
    // Order: page/support-agent, ticket/gpt-4o-mini (firing), ticket/support-agent (pending).
    let rows = [row(d, "HighErrorRate"), row(d, "CostBurn"), row(d, "P95Latency")].compactMap { $0 }
    #expect(rows.count == 3 && rows == rows.sorted())
    #expect(
      d.state.selection(of: .alerts).key == .alert(fingerprint: IncidentFixture.highErrorRate.fingerprint))
    check(d, "alerts-80x24")
  }

  @Test func alertsAndIncidentsSideBySide120x40() {
    let d = driver(width: 120, height: 40, focus: .alerts)
    let t = text(d)
    // The pair sits under the Canary, half the 72-column left column each
    // (36): state, name, value and severity; id, severity, title and TTA.
    #expect(t.contains("│ 2 firing · 1 pending · 1 silenced││ 2 open (1 SEV1) · 1 resolved"))
    #expect(t.contains("firing   HighErr…     0.06 page  ││>INC-2  SEV1 support-agent…     2m"))
    check(d, "alerts-incidents-120x40")
  }

  @Test func firingUnacknowledgedRowIsCritical() {
    #expect(AlertsPane.style(IncidentFixture.highErrorRate) == CellStyle(.critical, bold: true))
    var acked = IncidentFixture.highErrorRate
    acked.acknowledgedBy = "alice"
    #expect(AlertsPane.style(acked) == CellStyle(.warn))
    #expect(AlertsPane.stateText(acked) == "firing ack")
    #expect(AlertsPane.style(IncidentFixture.costBurn) == CellStyle(.warn))
  }

  @Test func emptyStatesSayWhy() {
    let none = driver(focus: .alerts, alerts: false)
    #expect(text(none).contains("No alert rules loaded (see [alerts] rules in the config)"))
    // Evaluated 2 s before the clock, 3 rules loaded (the count the engine reports).
    var s = IncidentFixture.snapshot()
    s.alerts = [IncidentFixture.ingest]
    s.alertRuleCount = 3
    #expect(AlertsPane.emptyText(s) == "No alerts: 3 rules evaluated 2s ago")
  }

  @Test func filterSaysHowManyFiringAlertsItHides() {
    // "gpt" keeps CostBurn (gpt-4o-mini, firing) and hides HighErrorRate
    // (support-agent, firing) and P95Latency (pending): 1 firing hidden.
    let d = driver(focus: .alerts)
    for c in "/gpt" { d.send(.char(c)) }
    d.send(.enter)
    var t = text(d)
    #expect(t.contains("filter \"gpt\" hides 1 firing alert (Esc clears it) · 1 firing · 1 silenced"))
    #expect(t.contains("Alerts (2 firing, 1 hidden)"))
    // A filter matching nothing: no "No alerts" without the count.
    d.send(.escape)
    for c in "/zzz" { d.send(.char(c)) }
    d.send(.enter)
    t = text(d)
    #expect(t.contains("No alerts match; filter \"zzz\" hides 2 firing alerts (Esc clears it)"))
    #expect(!t.contains("No alerts:"))
    #expect(t.contains("Alerts (2 firing, 2 hidden)"))
  }

  // MARK: Alert keys

  @Test func ackSendsAcknowledgeAlertForTheFiringRowOnly() {
    let d = driver(focus: .alerts)
    #expect(
      d.send(.char("a")) == [
        .registry(.acknowledgeAlert(fingerprint: IncidentFixture.highErrorRate.fingerprint, comment: ""))
      ])
    d.send(.char("j"))
    d.send(.char("j"))  // P95Latency, pending
    #expect(d.send(.char("a")) == [])
    #expect(d.state.statusMessage == "P95Latency is pending: only a firing alert can be acknowledged")
  }

  @Test func silenceDialogSendsCreateSilenceWithMatchersAndEndsAt() {
    let clock = TestClock(start: IncidentFixture.now)
    clock.advance(milliseconds: 5_000)
    let d = driver(focus: .alerts, now: clock.now())
    d.send(.char("s"))
    #expect(d.state.dialog?.kind == .silence)
    #expect(
      d.state.dialog?.text(of: "matchers")
        == #"alertname="HighErrorRate" artefact="support-agent" route="canary""#)
    #expect(text(d).contains("Silence alerts"))
    check(d, "silence-dialog-80x24")
    #expect(d.send(.enter) == [])
    #expect(d.state.dialog?.problem == "comment is required")
    d.type("deploying the fix")
    // Tab from the comment wraps to the matchers, then to the duration: 2h → 30m.
    d.send(.tab)
    d.send(.tab)
    d.send(.backspace)
    d.send(.backspace)
    d.type("30m")
    let start = clock.now()
    #expect(
      d.send(.enter) == [
        .registry(
          .createSilence(
            matchers: [
              AlertLabelMatcher(name: "alertname", op: .equal, value: "HighErrorRate"),
              AlertLabelMatcher(name: "artefact", op: .equal, value: "support-agent"),
              AlertLabelMatcher(name: "route", op: .equal, value: "canary"),
            ], startsAt: start, endsAt: start.adding(milliseconds: 30 * 60_000), comment: "deploying the fix")
        )
      ])
  }

  @Test func silenceDialogRefusesABadMatcherAndDuration() {
    let d = driver(focus: .alerts)
    d.send(.char("s"))
    d.type("x")
    d.send(.tab)
    d.type(" bad")
    #expect(d.send(.enter) == [])
    #expect(
      d.state.dialog?.problem
        == "matcher 'bad': expected label=value, label!=value, label=~regex or label!~regex")
    // A pattern RE2 refuses is refused with RE2's reason, in the dialog.
    d.send(.backspace)
    d.send(.backspace)
    d.send(.backspace)
    d.type(#"alertname=~"(a""#)
    #expect(d.send(.enter) == [])
    #expect(
      d.state.dialog?.problem?.hasPrefix(#"matcher 'alertname=~"(a"': invalid regular expression: "#) == true)
    #expect(d.state.dialog?.problem?.contains("missing closing )") == true)
    #expect(AppUpdate.matcherTokens(#"a="x y" b!~"z""#) == [#"a="x y""#, #"b!~"z""#])
  }

  // MARK: i opens an incident by hand

  @Test func openIncidentOnAnAlertLinksTheAlert() {
    let d = driver(focus: .alerts)
    d.send(.char("i"))
    #expect(d.state.dialog?.text(of: "title") == "HighErrorRate on support-agent")
    #expect(d.state.dialog?.text(of: "severity") == "SEV3")
    check(d, "open-incident-dialog-80x24")
    d.send(.tab)
    d.type("1")  // SEV1
    d.send(.right)  // SEV2
    let a = IncidentFixture.highErrorRate
    let links = IncidentLinks(
      alerts: [
        IncidentAlertLink(
          rule: "HighErrorRate", fingerprint: a.fingerprint, labels: a.labels,
          firingSince: IncidentFixture.at(192))
      ], artefacts: ["support-agent"])
    #expect(
      d.send(.enter) == [
        .registry(
          .openIncident(
            title: "HighErrorRate on support-agent", severity: .sev2, commander: nil, links: links,
            source: .manual))
      ])
  }

  @Test func openIncidentOnAVersionRowLinksTheVersion() {
    let d = driver(focus: .registry)
    d.send(.char("j"))
    d.send(.char("j"))  // support-agent v3 (registry rows: gpt-4o-mini, summarise-prompt, support-agent v3 …)
    guard let (artefact, version) = d.state.selectedVersion else {
      Issue.record("no version selected")
      return
    }
    d.send(.char("i"))
    d.type("errors")
    d.send(.left)  // SEV3 → SEV2
    let effects = d.send(.enter)
    #expect(
      effects == [
        .registry(
          .openIncident(
            title: "\(artefact) \(version): errors", severity: .sev2, commander: nil,
            links: IncidentLinks(
              artefacts: [artefact], versions: [IncidentVersionLink(artefact: artefact, label: version)]),
            source: .manual))
      ])
  }

  // MARK: Incidents pane and incident view

  @Test func queueOrderIsOpenBySeverityThenAgeThenResolved() {
    #expect(AppRows.incidents(IncidentFixture.incidents).map(\.id) == [2, 1, 3])
    let d = driver(focus: .incidents)
    // Below the header (which names INC-1, unacknowledged, too).
    let rows = ["INC-2", "INC-1", "INC-3"].compactMap { id in
      d.frame.indices.dropFirst().first { d.frame[$0].contains(id) }
    }
    #expect(rows.count == 3 && rows == rows.sorted())
    // INC-2: open 10m, TTA 480 s − … = acknowledged 2 min after opening.
    #expect(text(d).contains("2 open (1 SEV1) · 1 resolved"))
    check(d, "incidents-80x24")
  }

  @Test func incidentViewHidesEntriesAfterTheClock() {
    let d = driver(focus: .incidents)
    #expect(d.send(.enter) == [.loadIncident(2)])
    d.apply(.incidentDetail(id: 2, .success((IncidentFixture.incidents[2], IncidentFixture.timeline))))
    let t = text(d)
    #expect(t.contains("ack 13:55:07 by alice · mitigated - · resolved - · TTA 2m · TTM - · TTR -"))
    #expect(t.contains("opened 13:53:07 by flightdeck (1m after the alert fired)"))
    #expect(t.contains("13:52:07 alert.firing flightdeck alert HighErrorRate"))
    #expect(t.contains("13:58:07 rollout.abort judge support-agent aborted"))
    #expect(!t.contains("canary drained"))
    #expect(t.contains("timeline (4 entries, 1 after 14:03:07 not yet shown)"))
    check(d, "incident-view-80x24")
    // The clock passes the note (replay or live): it appears, at the bottom.
    d.apply(snapshot: IncidentFixture.snapshot(now: IncidentFixture.now.adding(milliseconds: 90_000)))
    #expect(text(d).contains("14:04:07 note alice note: canary drained"))
    #expect(d.send(.escape) == [])
    #expect(d.state.incidentView == nil)
  }

  @Test func incidentKeysBecomeIncidentCommands() {
    let d = driver(focus: .incidents)
    d.send(.char("j"))  // INC-1, triggered
    #expect(d.send(.char("a")) == [.registry(.acknowledgeIncident(id: 1))])
    d.send(.char("n"))
    d.type("paging the prompt owner")
    #expect(d.send(.enter) == [.registry(.addIncidentNote(id: 1, text: "paging the prompt owner"))])
    // Assign: the field starts empty; Enter on it makes the operator (dave)
    // commander, a typed name replaces it (nothing is appended to a default).
    d.send(.char("c"))
    #expect(d.state.dialog?.text(of: "commander") == "")
    #expect(d.send(.enter) == [.registry(.assignIncident(id: 1, commander: "dave"))])
    d.send(.char("c"))
    d.type("carol")
    #expect(d.send(.enter) == [.registry(.assignIncident(id: 1, commander: "carol"))])
    d.send(.char("s"))
    d.type("4")
    #expect(d.send(.enter) == [.registry(.setIncidentSeverity(id: 1, severity: .sev4))])
    d.send(.char("d"))
    #expect(d.send(.enter) == [.registry(.resolveIncident(id: 1, note: ""))])
    d.send(.char("R"))
    #expect(
      d.state.statusMessage
        == "replay INC-1 on this screen: flightdeck dashboard --replay INC-1 --speed 10 [--workspace DIR] TELEMETRY…"
    )
  }

  @Test func replayHintPrintsTheRealWorkspaceAndTelemetryPaths() {
    var state = AppState()
    state.focus = .incidents
    state.workspacePath = "/home/op/.flightdeck-demo"
    // As given: the demo's absolute folder, a relative folder and a glob, run from /home/op.
    state.telemetryPaths = ["/tmp/flightdeck-demo-Ab12Cd", "./logs/", "traces/*.json"]
    state.workingDirectory = "/home/op"
    let d = AppDriver(state: state)
    d.apply(snapshot: IncidentFixture.snapshot())
    d.apply(.incidents(.success(IncidentFixture.incidents)))
    d.send(.char("R"))  // the queue's first row: INC-2
    #expect(
      d.state.statusMessage
        == "replay INC-2 on this screen: flightdeck dashboard --replay INC-2 --speed 10 "
        + "--workspace /home/op/.flightdeck-demo /tmp/flightdeck-demo-Ab12Cd /home/op/logs/ '/home/op/traces/*.json'"
    )
    #expect(AppUpdate.shellQuoted("it's") == #"'it'\''s'"#)
  }

  @Test func rollbackFromTheIncidentViewUsesTheRegistryDialog() throws {
    let d = driver(focus: .incidents)
    d.send(.enter)  // INC-2 links support-agent v4, its canary, not production
    let production = try #require(d.state.registry?.artefact("support-agent")?.pointers[.production])
    #expect(production != "v4")
    #expect(d.send(.char("r")) == [])
    #expect(d.state.dialog == nil)
    #expect(
      d.state.statusMessage?.hasPrefix(
        "support-agent v4 is not in production (production is \(production))") == true)
    // Linked to the production version: the rollback dialog opens.
    var incidents = try #require(d.state.incidents)
    let index = try #require(incidents.firstIndex { $0.id == 2 })
    incidents[index].links.versions = [IncidentVersionLink(artefact: "support-agent", label: production)]
    _ = d.apply(.incidents(.success(incidents)))
    _ = d.apply(.incidentDetail(id: 2, .success((incidents[index], IncidentFixture.timeline))))
    #expect(d.send(.char("r")) == [.loadHistory("support-agent")])
    #expect(d.state.dialog?.kind == .rollback)
    #expect(d.state.dialog?.text(of: "reason") == "INC-2: ")
    #expect(d.send(.enter) == [])
    #expect(d.state.dialog?.problem == "reason is required: say why, after INC-2:")
    d.type("canary errors")
    let effects = d.send(.enter)
    guard case .registry(.artefact(.rollback(let artefact, _, let reason, _)))? = effects.first else {
      Issue.record("no rollback: \(effects)")
      return
    }
    #expect(artefact == "support-agent")
    #expect(reason == "INC-2: canary errors")
    // Back in the incident view once the dialog is gone.
    #expect(d.state.overlay == .incident)
  }

  // MARK: read-only

  @Test func readOnlyRefusesWritesAndSaysSo() {
    let alerts = driver(focus: .alerts, readOnly: true)
    #expect(alerts.send(.char("a")) == [])
    #expect(alerts.state.statusMessage == "read-only: alert acknowledgement disabled")
    #expect(alerts.send(.char("s")) == [])
    #expect(alerts.state.statusMessage == "read-only: silencing disabled")
    #expect(alerts.send(.char("i")) == [])
    #expect(alerts.state.statusMessage == "read-only: opening incidents disabled")
    let incidents = driver(focus: .incidents, readOnly: true)
    #expect(incidents.send(.char("m")) == [])
    #expect(incidents.state.statusMessage == "read-only: incident control disabled")
    // Reading stays: the incident view and the replay hint.
    #expect(incidents.send(.enter) == [.loadIncident(2)])
    incidents.send(.char("R"))
    #expect(incidents.state.statusMessage?.contains("--replay INC-2") == true)
  }

  // MARK: KPI view

  @Test func kpiViewShowsEachKPIWithItsN() {
    let d = driver(focus: .registry)
    let now = IncidentFixture.now
    #expect(d.send(.char("K")) == [.loadKPI(from: now.adding(milliseconds: -30 * 86_400_000), to: now)])
    d.apply(.kpi(.success(IncidentFixture.report())))
    let t = text(d)
    #expect(t.contains("time to promote         median 2h10m  p90 6h  (n=3)"))
    #expect(t.contains("rollback frequency      8.3 % (1/12)"))
    #expect(t.contains("MTTA                    median 2m  p90 6m40s  (n=2)"))
    #expect(t.contains("MTTR                    n/a  (n=0)"))
    check(d, "kpi-80x24")
    d.send(.escape)
    #expect(d.state.kpi == nil)
  }
}
