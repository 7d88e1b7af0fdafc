import FlightDeckCore
import FlightDeckTUI
import Testing

@Suite struct AppUpdateTests {
  /// A state that has received the fixture snapshot.
  func loaded(_ state: AppState = AppState()) -> AppState {
    var s = state
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    return s
  }

  @Test func tabCyclesFocusThroughEveryPaneAndShiftTabGoesBack() {
    var s = AppState()
    var seen: [PaneID] = []
    for _ in 0..<6 {
      _ = AppUpdate.update(&s, .key(.tab))
      seen.append(s.focus)
    }
    #expect(seen == [.canary, .charts, .alerts, .incidents, .errors, .registry])
    _ = AppUpdate.update(&s, .key(.backTab))
    #expect(s.focus == .errors)
  }

  @Test func firstSnapshotSelectsFirstRowAndTellsTheEngine() {
    var s = AppState()
    let effects = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    #expect(effects == [.selectArtefact("gpt-4o-mini")])
    #expect(s.selection(of: .registry).index == 0)
  }

  @Test func jkAndArrowsMoveSelectionAndClamp() {
    // Registry rows: gpt-4o-mini (1 version), summarise-prompt (1), support-agent (3) = 5 rows.
    var s = loaded()
    _ = AppUpdate.update(&s, .key(.char("j")))
    #expect(s.selection(of: .registry).index == 1)
    _ = AppUpdate.update(&s, .key(.down))
    #expect(s.selection(of: .registry).index == 2)
    #expect(s.selectedArtefact == "support-agent")
    for _ in 0..<10 { _ = AppUpdate.update(&s, .key(.char("j"))) }
    #expect(s.selection(of: .registry).index == 4)
    #expect(
      s.selection(of: .registry).key
        == .version(artefact: "support-agent", version: "v3"))
    _ = AppUpdate.update(&s, .key(.up))
    #expect(s.selection(of: .registry).index == 3)
    for _ in 0..<10 { _ = AppUpdate.update(&s, .key(.char("k"))) }
    #expect(s.selection(of: .registry).index == 0)
  }

  @Test func selectionFollowsTheSameRowWhenRowsReorder() {
    var s = loaded()
    for _ in 0..<4 { _ = AppUpdate.update(&s, .key(.char("j"))) }  // support-agent v3 stable, index 4
    var reordered = DashboardFixture.snapshot()
    reordered.artefacts.reverse()  // support-agent (v4, v5, v3) now first: v3 is row 2
    let effects = AppUpdate.update(&s, .newSnapshot(reordered))
    #expect(s.selection(of: .registry).index == 2)
    #expect(s.selectedArtefact == "support-agent")
    #expect(effects.isEmpty)  // same artefact: nothing to tell the engine
  }

  @Test func selectionClampsWhenItsRowDisappears() {
    var s = loaded()
    for _ in 0..<4 { _ = AppUpdate.update(&s, .key(.char("j"))) }
    var smaller = DashboardFixture.snapshot()
    smaller.artefacts.removeLast()  // 2 rows left
    let effects = AppUpdate.update(&s, .newSnapshot(smaller))
    #expect(s.selection(of: .registry).index == 1)
    #expect(effects == [.selectArtefact("summarise-prompt")])
  }

  @Test func filterPromptTakesTextEnterAppliesEscClears() {
    var s = loaded()
    #expect(AppUpdate.update(&s, .key(.char("/"))).isEmpty)
    #expect(s.isEditingFilter)
    // "q" types into the prompt instead of quitting.
    var effects: [AppEffect] = []
    for c in "supq" { effects += AppUpdate.update(&s, .key(.char(c))) }
    #expect(!effects.contains(.quit))
    #expect(s.filter == "supq")
    _ = AppUpdate.update(&s, .key(.backspace))
    #expect(s.filter == "sup")
    // Only support-agent matches "sup": its 3 version rows.
    #expect(AppRows.keys(for: .registry, snapshot: s.snapshot, filter: s.filter).count == 3)
    #expect(s.selectedArtefact == "support-agent")
    #expect(AppUpdate.update(&s, .key(.enter)) == [.setFilter("sup")])
    #expect(!s.isEditingFilter)
    #expect(s.filter == "sup")
    // Esc outside the prompt clears the applied filter.
    let cleared = AppUpdate.update(&s, .key(.escape))
    #expect(cleared.contains(.setFilter("")))
    #expect(s.filter == "")
  }

  @Test func escInFilterPromptClearsAndCloses() {
    var s = loaded()
    _ = AppUpdate.update(&s, .key(.char("/")))
    _ = AppUpdate.update(&s, .key(.char("g")))
    #expect(AppUpdate.update(&s, .key(.escape)).contains(.setFilter("")))
    #expect(!s.isEditingFilter)
    #expect(s.filter == "")
  }

  @Test func ctrlCQuitsEvenWhileTypingAFilter() {
    var s = loaded()
    _ = AppUpdate.update(&s, .key(.char("/")))
    #expect(AppUpdate.update(&s, .key(.ctrl("c"))) == [.quit])
  }

  @Test func qAndCtrlCQuitAndCtrlRRedraws() {
    var s = AppState()
    #expect(AppUpdate.update(&s, .key(.char("q"))) == [.quit])
    #expect(AppUpdate.update(&s, .key(.ctrl("c"))) == [.quit])
    #expect(AppUpdate.update(&s, .key(.ctrl("r"))) == [.redraw])
    #expect(AppUpdate.update(&s, .key(.char("z"))).isEmpty)
  }

  @Test func pauseHoldsNewSnapshotsUntilResume() {
    var s = loaded()
    #expect(AppUpdate.update(&s, .key(.char("p"))) == [.setPaused(true)])
    var newer = DashboardFixture.snapshot()
    newer.now = DashboardFixture.now.adding(milliseconds: 5000)
    _ = AppUpdate.update(&s, .newSnapshot(newer))
    #expect(s.snapshot?.now == DashboardFixture.now)  // still the old one on screen
    #expect(s.heldSnapshot?.now == newer.now)
    #expect(AppUpdate.update(&s, .key(.char("p"))) == [.setPaused(false)])
    #expect(s.snapshot?.now == newer.now)
    #expect(s.heldSnapshot == nil)
  }

  @Test func enterDrillsDownAndEscBacksOutInOrder() {
    var s = loaded()
    for _ in 0..<2 { _ = AppUpdate.update(&s, .key(.char("j"))) }
    _ = AppUpdate.update(&s, .key(.enter))
    #expect(s.drillDown == "support-agent")
    _ = AppUpdate.update(&s, .key(.char("?")))
    #expect(s.isHelpVisible)
    _ = AppUpdate.update(&s, .key(.escape))  // closes help first
    #expect(!s.isHelpVisible)
    #expect(s.drillDown == "support-agent")
    _ = AppUpdate.update(&s, .key(.escape))  // then the drill-down
    #expect(s.drillDown == nil)
  }

  @Test func drillDownOverridesSelectionForCharts() {
    var s = loaded()
    for _ in 0..<2 { _ = AppUpdate.update(&s, .key(.char("j"))) }
    _ = AppUpdate.update(&s, .key(.enter))
    let effects = AppUpdate.update(&s, .key(.char("k")))  // selection moves, drill-down stays
    #expect(s.selectedArtefact == "support-agent")
    #expect(effects.isEmpty)
  }

  @Test func themeKeyCyclesTheThemeList() {
    var s = AppState()
    _ = AppUpdate.update(&s, .themeList(["dark", "light", "mono"], current: "dark"))
    #expect(AppUpdate.update(&s, .key(.char("t"))) == [.nextTheme("light")])
    #expect(AppUpdate.update(&s, .key(.char("t"))) == [.nextTheme("mono")])
    #expect(AppUpdate.update(&s, .key(.char("t"))) == [.nextTheme("dark")])
  }

  @Test func statusMessageExpiresOnTick() {
    var s = AppState()
    let t0 = DashboardFixture.now
    _ = AppUpdate.update(&s, .status("theme: dark", until: t0.adding(milliseconds: 3000)))
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 2999)))
    #expect(s.statusMessage == "theme: dark")
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 3000)))
    #expect(s.statusMessage == nil)
  }

  @Test func resizeStoresSizeAndRedraws() {
    var s = AppState()
    #expect(AppUpdate.update(&s, .resize(width: 200, height: 50)) == [.redraw])
    #expect(s.width == 200 && s.height == 50)
  }
}
