import FlightDeckTUI
import Testing

@Suite struct KeyMapTests {
  static let danger = KeyBinding(
    keys: [.char("Q")], action: .quit, scope: .panes([.registry]), help: "Roll back the canary",
    hint: "rollback", hintPriority: 0, isDangerous: true)

  static let incidentKeys: [Action] = [
    .acknowledgeIncident, .noteIncident, .assignIncident, .mitigateIncident, .resolveIncident,
    .changeIncidentSeverity, .rollbackIncident,
  ]

  @Test func withoutDangerousRemovesOnlyDangerousBindings() {
    let map = KeyMap(bindings: KeyMap.default.bindings + [Self.danger])
    let context = KeyContext(focus: .registry)
    #expect(map.resolve(.char("Q"), in: context) == .action(.quit))
    let safe = map.withoutDangerous()
    // The default's 27 dangerous bindings (P, a, x, r, the rollout keys
    // ], }, X, z, y, i, the alert keys a and s, the seven incident keys a n c
    // m d s r in the Incidents pane and again in the incident view, and Enter
    // confirming a what-if weight) and the extra one go.
    #expect(safe.bindings.count == KeyMap.default.bindings.count - 27)
    #expect(safe.resolve(.char("Q"), in: context) == .unbound)
    #expect(safe.resolve(.char("X"), in: context) == .unbound)
    #expect(safe.resolve(.char("P"), in: context) == .unbound)
    #expect(!safe.hints(in: context).contains(Self.danger))
    // Read-only state gets the filtered map.
    let state = AppState(keyMap: map, readOnly: true)
    #expect(!state.keyMap.bindings.contains { $0.isDangerous })
    let before: [Action] = [
      .requestPromotion, .approveRequest, .rejectRequest, .rollback, .promoteRolloutStep,
      .promoteRolloutFull, .abortRollout, .pauseResumeRollout, .retryRollout, .openIncident,
      .acknowledgeAlert, .silenceAlert,
    ]
    let expected: [Action] = before + Self.incidentKeys + Self.incidentKeys + [.confirmProposedWeight]
    #expect(KeyMap.default.bindings.filter(\.isDangerous).map(\.action) == expected)
  }

  @Test func defaultMapHasTheDocumentedKeys() {
    let c = KeyContext(focus: .registry)
    let m = KeyMap.default
    #expect(m.resolve(.tab, in: c) == .action(.focusNext))
    #expect(m.resolve(.backTab, in: c) == .action(.focusPrevious))
    #expect(m.resolve(.up, in: c) == .action(.selectPrevious))
    #expect(m.resolve(.char("k"), in: c) == .action(.selectPrevious))
    #expect(m.resolve(.down, in: c) == .action(.selectNext))
    #expect(m.resolve(.char("j"), in: c) == .action(.selectNext))
    #expect(m.resolve(.enter, in: c) == .action(.drillDown))
    #expect(m.resolve(.char("?"), in: c) == .action(.toggleHelp))
    #expect(m.resolve(.char("p"), in: c) == .action(.togglePause))
    #expect(m.resolve(.char("t"), in: c) == .action(.nextTheme))
    #expect(m.resolve(.char("/"), in: c) == .action(.beginFilter))
    #expect(m.resolve(.escape, in: c) == .action(.back))
    #expect(m.resolve(.char("q"), in: c) == .action(.quit))
    #expect(m.resolve(.ctrl("c"), in: c) == .action(.quit))
    #expect(m.resolve(.ctrl("r"), in: c) == .action(.redraw))
    #expect(m.resolve(.char("P"), in: c) == .action(.requestPromotion))
    #expect(m.resolve(.char("a"), in: c) == .action(.approveRequest))
    #expect(m.resolve(.char("x"), in: c) == .action(.rejectRequest))
    #expect(m.resolve(.char("r"), in: c) == .action(.rollback))
    #expect(m.resolve(.char("h"), in: c) == .action(.showHistory))
    #expect(m.resolve(.char("A"), in: c) == .action(.showAudit))
    // Registry keys are Registry-pane keys; the audit pane opens anywhere.
    #expect(m.resolve(.char("P"), in: KeyContext(focus: .canary)) == .unbound)
    #expect(m.resolve(.char("A"), in: KeyContext(focus: .charts)) == .action(.showAudit))
  }

  @Test func dialogAndOverlayScopes() {
    let m = KeyMap.default
    let dialog = KeyContext(focus: .registry, overlay: .dialog)
    #expect(m.resolve(.enter, in: dialog) == .action(.submitDialog))
    #expect(m.resolve(.escape, in: dialog) == .action(.cancelDialog))
    #expect(m.resolve(.tab, in: dialog) == .action(.nextDialogField))
    #expect(m.resolve(.backspace, in: dialog) == .action(.deleteDialogCharacter))
    // Printable keys type into the field, even those bound elsewhere.
    #expect(m.resolve(.char("q"), in: dialog) == .text("q"))
    #expect(m.resolve(.char("P"), in: dialog) == .text("P"))
    #expect(m.resolve(.ctrl("c"), in: dialog) == .action(.quit))
    let audit = KeyContext(focus: .registry, overlay: .audit)
    #expect(m.resolve(.pageDown, in: audit) == .action(.pageDown))
    #expect(m.resolve(.char("j"), in: audit) == .action(.scrollDown))
    #expect(m.resolve(.char("A"), in: audit) == .action(.closeOverlay))
    let history = KeyContext(focus: .registry, overlay: .history)
    #expect(m.resolve(.char("k"), in: history) == .action(.scrollUp))
    #expect(m.resolve(.escape, in: history) == .action(.closeOverlay))
  }

  @Test func paneKeysAreScoped() {
    // j/k do nothing in Charts (no rows); Enter drills in Registry, opens
    // the verdict in Canary and the alert in Alerts.
    let m = KeyMap.default
    #expect(m.resolve(.char("j"), in: KeyContext(focus: .charts)) == .unbound)
    #expect(m.resolve(.enter, in: KeyContext(focus: .alerts)) == .action(.showAlert))
    #expect(m.resolve(.enter, in: KeyContext(focus: .canary)) == .action(.showVerdict))
    #expect(
      m.resolve(.enter, in: KeyContext(focus: .canary, overlay: .whatIf)) == .action(.confirmProposedWeight))
    #expect(m.resolve(.char("+"), in: KeyContext(focus: .registry)) == .unbound)
    #expect(m.resolve(.enter, in: KeyContext(focus: .canary, overlay: .filter)) == .action(.applyFilter))
    #expect(m.resolve(.char("j"), in: KeyContext(focus: .registry, overlay: .filter)) == .text("j"))
  }

  @Test func footerHintsFitTheWidthMostImportantFirst() {
    let c = KeyContext(focus: .registry)
    // "q/Ctrl-C quit" = 8 + 1 + 4 = 13 columns; "  ? help" adds 2 + 1 + 1 + 4 = 8 → 21.
    #expect(KeyMap.default.fittedHints(in: c, width: 20).map(\.hint) == ["quit"])
    #expect(KeyMap.default.fittedHints(in: c, width: 21).map(\.hint) == ["quit", "help"])
    #expect(KeyMap.default.fittedHints(in: c, width: 0).isEmpty)
    // In the filter prompt: the prompt's own hints first, then globals whose
    // keys still work (Ctrl-C, Tab); printable keys and the shadowed Esc are gone.
    let f = KeyContext(focus: .registry, overlay: .filter)
    let hints = KeyMap.default.hints(in: f)
    #expect(hints.map(\.hint) == ["apply", "clear", "delete", "quit", "pane"])
    #expect(hints.map(\.keyLabel) == ["Enter", "Esc", "Backspace", "Ctrl-C", "Tab"])
  }
}
