import FlightDeckCore
import FlightDeckTUI
import Testing

@Suite struct CommandModeTests {
  func state() -> AppState {
    var s = AppState(width: 80, height: 24)
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    _ = AppUpdate.update(&s, .themeList(["dark", "light", "mono"], current: "dark"))
    return s
  }

  @discardableResult
  func type(_ s: inout AppState, _ text: String, enter: Bool = true) -> [AppEffect] {
    var effects = AppUpdate.update(&s, .key(.char(":")))
    for c in text { effects += AppUpdate.update(&s, .key(.char(c))) }
    if enter { effects += AppUpdate.update(&s, .key(.enter)) }
    return effects
  }

  @Test func colonOpensThePromptAndEscLeavesIt() {
    var s = state()
    _ = AppUpdate.update(&s, .key(.char(":")))
    #expect(s.commandMode.isOpen)
    // Keys type instead of acting: `q` does not quit.
    #expect(AppUpdate.update(&s, .key(.char("q"))).isEmpty)
    #expect(s.commandMode.text == "q")
    _ = AppUpdate.update(&s, .key(.escape))
    #expect(!s.commandMode.isOpen)
    #expect(s.commandMode.history.isEmpty)
    // The prompt is drawn on the bottom line.
    _ = AppUpdate.update(&s, .key(.char(":")))
    _ = AppUpdate.update(&s, .key(.char("a")))
    let rows = ScreenView.view(state: s).textRows()
    #expect(rows[23].hasPrefix(":a▏"))
    // Actions bound in a pane are offered too (they take a target), with their short names.
    #expect(rows[22].hasPrefix("Tab: abort abortRollout ack acknowledgeAlert acknowledgeIncident alerts"))
  }

  @Test func paneAliasesFocusPanes() {
    var s = state()
    type(&s, "alerts")
    #expect(s.focus == .alerts)
    type(&s, "incidents")
    #expect(s.focus == .incidents)
    type(&s, "registry")
    #expect(s.focus == .registry)
    type(&s, "canary")
    #expect(s.focus == .canary)
    #expect(!s.commandMode.isOpen)
  }

  @Test func quitHelpThemeAndRollout() {
    var s = state()
    #expect(type(&s, "q") == [.quit])
    #expect(type(&s, "quit") == [.quit])
    type(&s, "help")
    #expect(s.isHelpVisible)
    _ = AppUpdate.update(&s, .key(.escape))
    #expect(type(&s, "theme light") == [.nextTheme("light")])
    #expect(s.themeName == "light")
    type(&s, "theme neon")
    #expect(s.themeName == "light")
    #expect(s.statusMessage == "theme: no theme 'neon' (themes: dark, light, mono)")
    // support-agent has a canary: its canary row is focused and selected.
    type(&s, "rollout support-agent")
    #expect(s.focus == .canary)
    #expect(s.selection(of: .canary).key == .artefact("support-agent"))
    // gpt-4o-mini has none: the Registry drills into it.
    type(&s, "rollout gpt-4o-mini")
    #expect(s.focus == .registry)
    #expect(s.drillDown == "gpt-4o-mini")
    type(&s, "rollout nothing-here")
    #expect(s.statusMessage == "rollout: no artefact 'nothing-here' on this screen")
  }

  @Test func actionsRunByNameWhereTheirKeyWould() {
    var s = state()
    type(&s, "togglePause")
    #expect(s.isPaused)
    // showVerdict is a Canary-pane action: from the Registry it says where it works.
    type(&s, "showVerdict")
    #expect(s.verdict == nil)
    #expect(s.statusMessage == ":showVerdict works in the Canary only")
    // Prompt-editing actions are not commands.
    type(&s, "submitDialog")
    #expect(s.statusMessage == "unknown command ':submitDialog' (Tab lists the commands)")
  }

  @Test func unknownCommandSaysSo() {
    var s = state()
    #expect(type(&s, "frobnicate").isEmpty)
    #expect(s.statusMessage == "unknown command ':frobnicate' (Tab lists the commands)")
    #expect(s.statusLevel == .warn)
  }

  @Test func tabCompletes() {
    var s = state()
    type(&s, "inc", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "incidents")
    _ = AppUpdate.update(&s, .key(.escape))
    // `rollout ` then `su` → the artefact.
    type(&s, "rollout su", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    // summarise-prompt and support-agent share only "su": Tab shows each in turn.
    #expect(s.commandMode.text == "rollout summarise-prompt")
    // The row above the prompt keeps listing the whole cycle.
    #expect(ScreenView.view(state: s).textRows()[22].hasPrefix("Tab: summarise-prompt support-agent"))
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "rollout support-agent")
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "rollout summarise-prompt")
    _ = AppUpdate.update(&s, .key(.escape))
    // A unique command taking an argument gets its space.
    // `rol` matches rollout, rollback and rollbackIncident…: the common prefix first.
    type(&s, "rol", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "roll")
    _ = AppUpdate.update(&s, .key(.char("o")))
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "rollout ")
    _ = AppUpdate.update(&s, .key(.escape))
    type(&s, "theme l", enter: false)
    _ = AppUpdate.update(&s, .key(.tab))
    #expect(s.commandMode.text == "theme light")
  }

  @Test func historyWalksUpAndDown() {
    var s = state()
    type(&s, "alerts")
    type(&s, "canary")
    type(&s, "canary")  // not twice in a row
    #expect(s.commandMode.history == ["alerts", "canary"])
    _ = AppUpdate.update(&s, .key(.char(":")))
    _ = AppUpdate.update(&s, .key(.char("x")))
    _ = AppUpdate.update(&s, .key(.up))
    #expect(s.commandMode.text == "canary")
    _ = AppUpdate.update(&s, .key(.up))
    #expect(s.commandMode.text == "alerts")
    _ = AppUpdate.update(&s, .key(.up))
    #expect(s.commandMode.text == "alerts")
    _ = AppUpdate.update(&s, .key(.down))
    #expect(s.commandMode.text == "canary")
    _ = AppUpdate.update(&s, .key(.down))
    #expect(s.commandMode.text == "x")
    _ = AppUpdate.update(&s, .key(.backspace))
    _ = AppUpdate.update(&s, .key(.backspace))
    #expect(!s.commandMode.isOpen)
  }

  @Test func oneThemeOnlySaysSoInsteadOfSwitchingToItself() {
    // A binary copied without its themes folder finds only the built-in dark theme.
    var s = AppState(width: 80, height: 24)
    _ = AppUpdate.update(&s, .themeList(["dark"], current: "dark"))
    #expect(AppUpdate.update(&s, .key(.char("t"))).isEmpty)
    #expect(s.statusMessage == "no other themes than dark (flightdeck info shows where themes are read)")
  }
}
