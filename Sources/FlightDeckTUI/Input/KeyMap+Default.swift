extension KeyMap {
  /// FlightDeck's default bindings (k9s conventions); see the `KeyBindings`
  /// article for the table.
  public static let `default` = KeyMap(bindings: [
    KeyBinding(
      keys: [.char("q"), .ctrl("c")], action: .quit, scope: .global, help: "Quit FlightDeck",
      hint: "quit", hintPriority: 0),
    KeyBinding(
      keys: [.char("?")], action: .toggleHelp, scope: .global, help: "Show or hide this help",
      hint: "help", hintPriority: 1),
    KeyBinding(
      keys: [.tab], action: .focusNext, scope: .global, help: "Focus the next pane", hint: "pane",
      hintPriority: 2),
    KeyBinding(
      keys: [.backTab], action: .focusPrevious, scope: .global, help: "Focus the previous pane",
      hint: "prev pane"),
    KeyBinding(
      keys: [.up, .char("k")], action: .selectPrevious, scope: .panes([.registry, .canary, .errors]),
      help: "Select the previous row", hint: "up"),
    KeyBinding(
      keys: [.down, .char("j")], action: .selectNext, scope: .panes([.registry, .canary, .errors]),
      help: "Select the next row", hint: "select", hintPriority: 3),
    KeyBinding(
      keys: [.enter], action: .drillDown, scope: .panes([.registry, .canary]),
      help: "Drill into the selected artefact (versions detail; charts follow it)",
      hint: "detail", hintPriority: 4),
    KeyBinding(
      keys: [.char("/")], action: .beginFilter, scope: .global,
      help: "Filter artefacts by substring", hint: "filter", hintPriority: 5),
    KeyBinding(
      keys: [.char("p")], action: .togglePause, scope: .global,
      help: "Pause or resume the live view (LIVE / PAUSED)", hint: "pause", hintPriority: 6),
    KeyBinding(
      keys: [.escape], action: .back, scope: .global,
      help: "Back out of the help, drill-down or filter", hint: "back", hintPriority: 7),
    KeyBinding(
      keys: [.char("t")], action: .nextTheme, scope: .global, help: "Switch to the next theme",
      hint: "theme", hintPriority: 8),
    KeyBinding(
      keys: [.ctrl("r")], action: .redraw, scope: .global, help: "Redraw the screen",
      hint: "redraw"),
    KeyBinding(
      keys: [.enter], action: .applyFilter, scope: .overlay(.filter),
      help: "Apply the filter and close the prompt", hint: "apply", hintPriority: 0),
    KeyBinding(
      keys: [.escape], action: .clearFilter, scope: .overlay(.filter),
      help: "Clear the filter and close the prompt", hint: "clear", hintPriority: 1),
    KeyBinding(
      keys: [.backspace], action: .deleteFilterCharacter, scope: .overlay(.filter),
      help: "Delete the last character of the filter", hint: "delete", hintPriority: 2),
    KeyBinding(
      keys: [.escape, .char("?")], action: .toggleHelp, scope: .overlay(.help),
      help: "Close this help", hint: "close", hintPriority: 0),
  ])
}
