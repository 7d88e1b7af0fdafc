import FlightDeckCore
import FlightDeckTUI
import Testing

/// `:` commands that name the row they act on (``CommandModeUpdate``'s
/// targets), on the hand-built fixtures: Registry rows 0 gpt-4o-mini
/// 2024-07-18, 1 summarise-prompt ?p7, 2 support-agent v3 (production),
/// 3 v4 (REQ-3 pending), 4 v6, 5 ?v5; Canary rows for support-agent;
/// Incidents queue INC-2, INC-1, INC-3; Alerts HighErrorRate, CostBurn, P95Latency.
@Suite struct CommandTargetTests {
  static func state(readOnly: Bool = false) -> AppState {
    var s = AppState(readOnly: readOnly, width: 120, height: 40)
    _ = AppUpdate.update(&s, .newSnapshot(IncidentFixture.snapshot()))
    _ = AppUpdate.update(&s, .registrySnapshot(RegistryFixture.registry()))
    _ = AppUpdate.update(&s, .incidents(.success(IncidentFixture.incidents)))
    return s
  }

  @discardableResult
  static func type(_ s: inout AppState, _ text: String, enter: Bool = true) -> [AppEffect] {
    var effects = AppUpdate.update(&s, .key(.char(":")))
    for c in text { effects += AppUpdate.update(&s, .key(.char(c))) }
    if enter { effects += AppUpdate.update(&s, .key(.enter)) }
    return effects
  }

  @Test func approveWithoutAVersionTakesTheOneWithTheOpenRequest() {
    var s = Self.state()
    s.focus = .alerts
    Self.type(&s, "approve support-agent")
    #expect(s.focus == .registry)
    #expect(s.selection(of: .registry).key == .version(artefact: "support-agent", version: "v4"))
    #expect(s.selection(of: .registry).index == 3)
    #expect(s.dialog?.kind == .approve)
  }

  @Test func aVersionNamedIsTheOneSelected() {
    var s = Self.state()
    Self.type(&s, "promote support-agent v6")
    #expect(s.selection(of: .registry).key == .version(artefact: "support-agent", version: "v6"))
    #expect(s.selection(of: .registry).index == 4)
    #expect(s.dialog?.kind == .promote)
  }

  @Test func historyWithoutAVersionTakesProduction() {
    var s = Self.state()
    Self.type(&s, "history support-agent")
    #expect(s.selection(of: .registry).key == .version(artefact: "support-agent", version: "v3"))
    #expect(s.overlay == .history)
  }

  @Test func aCanaryActionSelectsTheCanaryRow() {
    var s = Self.state()
    Self.type(&s, "verdict support-agent")
    #expect(s.focus == .canary)
    #expect(s.selection(of: .canary).key == .artefact("support-agent"))
    // The fixture's registry holds no rollout of it: the verdict key's own answer.
    #expect(s.statusMessage == "support-agent has had no rollout: showing its versions")
    #expect(s.drillDown == "support-agent")
  }

  @Test func anIncidentByItsID() {
    var s = Self.state()
    let effects = Self.type(&s, "showIncident INC-1")
    #expect(s.focus == .incidents)
    // The queue is INC-2, INC-1, INC-3: INC-1 is row 1.
    #expect(s.selection(of: .incidents) == PaneSelection(index: 1, key: .incident(1)))
    #expect(effects.contains(.loadIncident(1)))
  }

  @Test func anAlertByItsRuleName() {
    var s = Self.state()
    Self.type(&s, "showAlert P95Latency")
    #expect(s.focus == .alerts)
    #expect(s.alertView == IncidentFixture.p95.fingerprint)
  }

  @Test func refusalsSayWhyAndMoveNothing() {
    var s = Self.state()
    s.focus = .alerts
    Self.type(&s, "approve nothing-here")
    #expect(s.statusMessage == ":approve: no row 'nothing-here' in the Registry pane")
    #expect(s.focus == .alerts)
    #expect(s.dialog == nil)
    Self.type(&s, "approve support-agent v9")
    #expect(s.statusMessage == ":approve: no row 'support-agent v9' in the Registry pane")
    Self.type(&s, "togglePause now")
    #expect(s.statusMessage == ":togglePause takes no argument (it acts on what is open)")
    #expect(!s.isPaused)
    // A filter that hides the row is named.
    _ = AppUpdate.update(&s, .key(.char("/")))
    for c in "gpt" { _ = AppUpdate.update(&s, .key(.char(c))) }
    _ = AppUpdate.update(&s, .key(.enter))
    Self.type(&s, "approve support-agent v4")
    #expect(
      s.statusMessage
        == ":approve: no row 'support-agent v4' in the Registry pane (the filter 'gpt' applies: Esc clears it)"
    )
    #expect(s.dialog == nil)
  }

  @Test func readOnlyStillRefusesThroughATarget() {
    var s = Self.state(readOnly: true)
    Self.type(&s, "approve support-agent v4")
    #expect(s.dialog == nil)
    #expect(s.statusMessage == "read-only: :approve disabled")
  }

  @Test func aDrillDownIntoAnotherArtefactIsLeft() {
    var s = Self.state()
    Self.type(&s, "rollout gpt-4o-mini")
    #expect(s.drillDown == "gpt-4o-mini")
    Self.type(&s, "approve support-agent")
    #expect(s.drillDown == nil)
    #expect(s.selection(of: .registry).key == .version(artefact: "support-agent", version: "v4"))
    #expect(s.dialog?.kind == .approve)
  }

  @Test func tabCompletesArtefactsThenVersions() {
    var s = Self.state()
    Self.type(&s, "appr", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    // approve and approveRequest: the common prefix, then each in turn.
    #expect(s.commandMode.text == "approve")
    _ = AppUpdate.update(&s, .key(.escape))
    Self.type(&s, "approve supp", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "approve support-agent")
    _ = AppUpdate.update(&s, .key(.char(" ")))
    _ = AppUpdate.update(&s, .key(.tab))
    // v3 v4 v5 v6 share "v": the common prefix first, then each in turn, sorted.
    #expect(s.commandMode.text == "approve support-agent v")
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "approve support-agent v3")
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "approve support-agent v4")
    _ = AppUpdate.update(&s, .key(.escape))
    Self.type(&s, "showIncident INC-", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "showIncident INC-1")
    _ = AppUpdate.update(&s, .key(.escape))
    Self.type(&s, "ack Hi", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "ack HighErrorRate")
  }

  @Test func tabOffersOnlyWhatTheFilterShows() {
    var s = Self.state()
    _ = AppUpdate.update(&s, .key(.char("/")))
    for c in "gpt" { _ = AppUpdate.update(&s, .key(.char(c))) }
    _ = AppUpdate.update(&s, .key(.enter))
    // support-agent is hidden: nothing to complete (a tester was offered it, then refused).
    Self.type(&s, "approve su", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "approve su")
    _ = AppUpdate.update(&s, .key(.escape))
    Self.type(&s, "rollout g", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "rollout gpt-4o-mini")
    _ = AppUpdate.update(&s, .key(.escape))
    // Alerts: the filter keeps CostBurn (gpt-4o-mini) only.
    Self.type(&s, "ack ", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "ack CostBurn")
  }

  @Test func leadingBlanksStillComplete() {
    var s = Self.state()
    Self.type(&s, "  approve supp", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "  approve support-agent")
  }

  /// A refusal of the previous command does not stay over the next
  /// command's outcome (a tester read `no row 'INC--1'` over the INC-1 view).
  @Test func aNewCommandClearsTheLastCommandsRefusal() {
    var s = Self.state()
    Self.type(&s, "showIncident INC--1")
    #expect(s.statusMessage == ":showIncident: no row 'INC--1' in the Incidents pane")
    Self.type(&s, "showIncident inc-1")
    #expect(s.incidentView?.id == 1)
    #expect(s.statusMessage == nil)
  }
}
