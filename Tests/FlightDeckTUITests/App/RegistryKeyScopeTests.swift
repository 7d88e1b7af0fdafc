import FlightDeckCore
import FlightDeckTUI
import Testing

/// Reducer tests: a registry key (`P`, `a`, `x`, `r`, `h`, `A`) pressed where
/// it cannot act says why in the status line (never nothing), and in the
/// drill-down the keys act on the version selected in the detail view.
/// Registry rows (``RegistryKeysTests``): 0 gpt-4o-mini 2024-07-18,
/// 1 summarise-prompt ?p7, 2 support-agent v3 (production), 3 v4 (REQ-3 1/2),
/// 4 v6, 5 ?v5.
@Suite struct RegistryKeyScopeTests {
  typealias K = RegistryKeysTests

  @Test func registryKeysInAnotherPaneSayWhereTheyWork() {
    var s = K.state()
    K.select(&s, row: 3)
    K.press(&s, .tab)  // Canary
    #expect(s.focus == .canary)
    for (key, hint) in [
      ("P", "promote"), ("a", "approve"), ("x", "reject"), ("r", "rollback"), ("h", "history"),
    ] {
      s.statusMessage = nil
      #expect(K.press(&s, .char(Character(key))).isEmpty)
      #expect(s.dialog == nil && s.history == nil)
      #expect(s.statusMessage == "\(key) \(hint) works in the Registry pane: Tab to it")
      #expect(s.statusLevel == .warn)
    }
    // `A` is global: it opens the audit pane from any pane.
    #expect(K.press(&s, .char("A")) == [.loadAudit])
  }

  @Test func registryKeysUnderAnOverlaySayWhatToClose() {
    var s = K.state()
    K.select(&s, row: 3)
    K.press(&s, .char("?"))
    K.press(&s, .char("r"))
    #expect(s.dialog == nil)
    #expect(s.statusMessage == "r rollback: close the help overlay first (Esc)")
    K.press(&s, .escape)
    K.press(&s, .char("h"))
    #expect(s.overlay == .history)
    K.press(&s, .char("P"))
    #expect(s.statusMessage == "P promote: close the history overlay first (Esc)")
    K.press(&s, .escape)
    K.press(&s, .char("A"))
    K.press(&s, .char("x"))
    #expect(s.statusMessage == "x reject: close the audit pane first (Esc)")
  }

  @Test func auditFromTheHelpOpensOnTopOfItAndEscReturnsToIt() {
    var s = K.state()
    K.press(&s, .char("?"))
    #expect(K.press(&s, .char("A")) == [.loadAudit])
    // The help is a layer of the stack: the audit goes on top of it.
    #expect(s.overlays.layers.map(\.kind) == [.help, .audit])
    #expect(s.overlay == .audit)
    K.press(&s, .escape)
    #expect(s.overlay == .help)
  }

  @Test func readOnlySaysDisabledInEveryScope() {
    var s = K.state(readOnly: true)
    K.select(&s, row: 3)
    K.press(&s, .tab)  // Canary: the Registry scope is not active, still "read-only", and where
    K.press(&s, .char("r"))
    #expect(s.statusMessage == "read-only: rollback disabled (r in the Registry pane)")
    K.press(&s, .char("?"))
    K.press(&s, .char("x"))
    #expect(s.statusMessage == "read-only: rejection disabled (x in the Registry pane)")
    K.press(&s, .escape)
    K.press(&s, .backTab)  // Registry
    K.press(&s, .enter)  // drill-down
    K.press(&s, .char("a"))
    #expect(s.statusMessage == "read-only: approval disabled")
    #expect(s.dialog == nil)
  }

  @Test func keysWithNoSelectionSaySo() {
    var s = K.state()
    // A filter that matches nothing leaves no row selected anywhere.
    K.press(&s, .char("/"))
    K.type(&s, "zzz")
    K.press(&s, .enter)
    #expect(s.selectedVersion == nil && s.selectedArtefact == nil)
    for (key, noun) in [
      ("P", "promotion"), ("a", "approval"), ("x", "rejection"), ("r", "rollback"), ("h", "history"),
    ] {
      s.statusMessage = nil
      #expect(K.press(&s, .char(Character(key))).isEmpty)
      #expect(s.statusMessage == "\(noun): select a version in the Registry first")
    }
  }

  @Test func drillDownSelectsWithinTheArtefactAndKeysActOnIt() {
    var s = K.state()
    K.select(&s, row: 3)  // support-agent v4
    K.press(&s, .enter)
    #expect(s.drillDown == "support-agent")
    // The selection stays on v4; j/k move among support-agent's rows only:
    // v3, v4, v6, ?v5 (indices 0–3 of the drill-down's rows).
    #expect(
      s.selection(of: .registry)
        == PaneSelection(index: 1, key: .version(artefact: "support-agent", version: "v4")))
    K.press(&s, .char("a"))
    #expect(s.dialog?.kind == .approve)
    #expect(s.dialog?.requestID == 3)
    K.press(&s, .escape)
    for _ in 0..<5 { K.press(&s, .char("j")) }
    // Clamped at ?v5, the artefact's last row; never on to another artefact.
    #expect(s.selectedVersion?.artefact == "support-agent")
    #expect(s.selectedVersion?.version == "v5")
    for _ in 0..<5 { K.press(&s, .char("k")) }
    #expect(s.selectedVersion?.version == "v3")
    K.press(&s, .char("x"))
    #expect(s.statusMessage == "no open request on support-agent v3")
    #expect(K.press(&s, .char("r")) == [.loadHistory("support-agent")])
    #expect(s.dialog?.kind == .rollback)
    #expect(s.dialog?.seenProduction == "v3")
    K.press(&s, .escape)
    // Leaving the drill-down keeps v3, now at its place among every row (2).
    K.press(&s, .escape)
    #expect(s.drillDown == nil)
    #expect(
      s.selection(of: .registry)
        == PaneSelection(index: 2, key: .version(artefact: "support-agent", version: "v3")))
  }

  @Test func drillDownFromCanarySelectsProduction() {
    var s = K.state()  // Registry selection: row 0, gpt-4o-mini
    K.press(&s, .tab)
    let canaries = AppRows.canaries(DashboardFixture.snapshot(), filter: "")
    guard let i = canaries.firstIndex(where: { $0.artefact == "support-agent" }) else {
      Issue.record("support-agent has no canary row")
      return
    }
    K.select(&s, row: i)
    K.press(&s, .enter)
    #expect(s.drillDown == "support-agent")
    // production is v3: the registry selection moves onto it.
    #expect(s.selectedVersion?.artefact == "support-agent")
    #expect(s.selectedVersion?.version == "v3")
    K.press(&s, .backTab)
    #expect(K.press(&s, .char("h")) == [.loadHistory("support-agent")])
  }

  @Test func helpScrollsAndClampsToTheLastPage() {
    var s = K.state()
    K.press(&s, .char("?"))
    // 121 bindings (the KeyBindings article's table rows) in 22 scopes
    // (global; Registry, Canary, Ingest errors, Alerts, Incidents; Registry;
    // Ingest errors; ingest error view; Canary; Registry, Canary; Registry,
    // Canary, Alerts; Alerts; alert view; Incidents; incident view; KPI view;
    // messages view; filter prompt; registry dialog; history overlay; audit
    // pane; verdict overlay; what-if proposal; help overlay; text view) → 143
    // lines. At 80×24 the box has the 21 rows between header and footer:
    // 21 − 2 borders − 1 legend = 18 visible, so the last page starts at
    // 143 − 18 = 125.
    #expect(KeyMap.default.bindings.count == 121)
    #expect(HelpOverlay.lines(s.keyMap).count == 143)
    #expect(HelpOverlay.visibleRows(s.keyMap, width: 80, height: 24) == 18)
    K.press(&s, .pageDown)
    #expect(s.helpOffset == 10)
    K.press(&s, .pageDown)
    K.press(&s, .pageDown)
    #expect(s.helpOffset == 30)
    for _ in 0..<5 { K.press(&s, .pageDown) }
    #expect(s.helpOffset == 80)
    for _ in 0..<4 { K.press(&s, .pageDown) }
    #expect(s.helpOffset == 120)
    K.press(&s, .pageDown)
    #expect(s.helpOffset == 125)
    K.press(&s, .char("j"))
    #expect(s.helpOffset == 125)
    K.press(&s, .char("k"))
    #expect(s.helpOffset == 124)
    // Home and End: the first and the last page.
    K.press(&s, .home)
    #expect(s.helpOffset == 0)
    K.press(&s, .end)
    #expect(s.helpOffset == 125)
    for _ in 0..<13 { K.press(&s, .pageUp) }
    #expect(s.helpOffset == 0)
    K.press(&s, .pageDown)
    K.press(&s, .char("?"))
    K.press(&s, .char("?"))
    #expect(s.helpOffset == 0)  // reopened at the top
  }

  @Test func footerHintsFollowTheFocusedPaneAt80Columns() {
    // Registry: "q/Ctrl-C quit" 13, "  ? help" 8, "  P promote" 11,
    // "  a approve" 11, "  x reject" 10, "  r rollback" 12, "  h history" 11
    // = 76 ≤ 80; "  Tab pane" (10) would make 86.
    #expect(
      KeyMap.default.fittedHints(in: KeyContext(focus: .registry), width: 80).map(\.hint)
        == ["quit", "help", "promote", "approve", "reject", "rollback", "history"])
    // Canary: 13 + 8 + "  Tab pane" 10 + "  ↓/j select" 12 + "  Enter verdict" 15
    // + "  +/= what-if" 13 + "  A audit" 9 = 80; "  / filter" (10) would make 90.
    #expect(
      KeyMap.default.fittedHints(in: KeyContext(focus: .canary), width: 80).map(\.hint)
        == ["quit", "help", "pane", "select", "verdict", "what-if", "audit"])
  }

  @Test func auditReasonGetsAFairShareAt120Columns() {
    // 120 columns: box 116 wide, table 114. Minimum widths 1 marker + 5 + 19
    // + 8 + 10 (identified) + 17 + 12 + 10 + 6 gaps = 88; spare 26. Actor
    // "alice" needs nothing; subject (40 wide) is capped at 24 → +12; reason
    // (60 wide) gets the other 14 → 24.
    let cells: [(String, CellStyle)] = [
      ("1", CellStyle(.dim)), ("2025-06-01 00:00:00", CellStyle(.dim)), ("alice", CellStyle(.text)),
      ("OS user", CellStyle(.warn)),
      ("promotion.request", CellStyle(.text)), (String(repeating: "s", count: 40), CellStyle(.text)),
      (String(repeating: "r", count: 60), CellStyle(.text)),
    ]
    let table = Rect(x: 0, y: 0, width: 114, height: 10)
    let placements = PaneTable.place(
      AuditOverlay.columns, in: table, contentWidths: AuditOverlay.contentWidths([cells]))
    #expect(placements.map(\.width) == [5, 19, 8, 10, 17, 24, 24])
  }
}
