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
      hintPriority: 7),
    KeyBinding(
      keys: [.backTab], action: .focusPrevious, scope: .global, help: "Focus the previous pane",
      hint: "prev pane"),
    KeyBinding(
      keys: [.up, .char("k")], action: .selectPrevious, scope: .panes([.registry, .canary, .errors]),
      help: "Select the previous row", hint: "up"),
    KeyBinding(
      keys: [.down, .char("j")], action: .selectNext, scope: .panes([.registry, .canary, .errors]),
      help: "Select the next row", hint: "select", hintPriority: 8),
    KeyBinding(
      keys: [.enter], action: .drillDown, scope: .panes([.registry]),
      help: "Drill into the selected artefact's versions (charts follow it)",
      hint: "detail", hintPriority: 9),
    KeyBinding(
      keys: [.enter], action: .showVerdict, scope: .panes([.canary]),
      help: "Why the canary's last analysis passed or failed, per metric",
      hint: "verdict", hintPriority: 9),
    KeyBinding(
      keys: [.char("+"), .char("=")], action: .raiseProposedWeight, scope: .panes([.canary]),
      help: "What-if: propose 5 points more canary weight, projected",
      hint: "what-if", hintPriority: 10),
    KeyBinding(
      keys: [.char("-")], action: .lowerProposedWeight, scope: .panes([.canary]),
      help: "What-if: propose 5 points less canary weight, projected",
      hint: "what-if -"),
    KeyBinding(
      keys: [.char("/")], action: .beginFilter, scope: .global,
      help: "Filter artefacts by substring", hint: "filter", hintPriority: 11),
    KeyBinding(
      keys: [.char("p")], action: .togglePause, scope: .global,
      help: "Pause or resume the live view (LIVE / PAUSED)", hint: "pause", hintPriority: 12),
    KeyBinding(
      keys: [.escape], action: .back, scope: .global,
      help: "Back out of the help, drill-down or filter", hint: "back", hintPriority: 13),
    KeyBinding(
      keys: [.char("t")], action: .nextTheme, scope: .global, help: "Switch to the next theme",
      hint: "theme", hintPriority: 14),
    KeyBinding(
      keys: [.ctrl("r")], action: .redraw, scope: .global, help: "Redraw the screen",
      hint: "redraw"),
    KeyBinding(
      keys: [.char("P")], action: .requestPromotion, scope: .panes([.registry]),
      help: "Request promotion of the selected version (target, reason)", hint: "promote",
      hintPriority: 2, isDangerous: true),
    KeyBinding(
      keys: [.char("a")], action: .approveRequest, scope: .panes([.registry]),
      help: "Approve the selected version's open request (optional comment)", hint: "approve",
      hintPriority: 3,
      isDangerous: true),
    KeyBinding(
      keys: [.char("x")], action: .rejectRequest, scope: .panes([.registry]),
      help: "Reject the selected version's open request (comment required)", hint: "reject", hintPriority: 4,
      isDangerous: true),
    KeyBinding(
      keys: [.char("r")], action: .rollback, scope: .panes([.registry]),
      help: "Roll production back to the previous version (reason)",
      hint: "rollback", hintPriority: 5, isDangerous: true),
    KeyBinding(
      keys: [.char("]")], action: .promoteRolloutStep, scope: .panes([.registry, .canary]),
      help: "Promote the selected artefact's rollout to its next step", hint: "step",
      isDangerous: true),
    KeyBinding(
      keys: [.char("}")], action: .promoteRolloutFull, scope: .panes([.registry, .canary]),
      help: "Promote the rollout in full (confirm): canary 100 %, production",
      hint: "promote all", isDangerous: true),
    KeyBinding(
      keys: [.char("X")], action: .abortRollout, scope: .panes([.registry, .canary]),
      help: "Abort the rollout: canary weight 0, rolled back (reason)", hint: "abort",
      isDangerous: true),
    KeyBinding(
      keys: [.char("z")], action: .pauseResumeRollout, scope: .panes([.registry, .canary]),
      help: "Pause the rollout, or resume it when a human paused it", hint: "hold",
      isDangerous: true),
    KeyBinding(
      keys: [.char("y")], action: .retryRollout, scope: .panes([.registry, .canary]),
      help: "Retry an aborted rollout or an inconclusive analysis", hint: "retry",
      isDangerous: true),
    KeyBinding(
      keys: [.char("h")], action: .showHistory, scope: .panes([.registry]),
      help: "Show who moved the selected artefact's pointers, when and why", hint: "history",
      hintPriority: 6),
    KeyBinding(
      keys: [.char("A")], action: .showAudit, scope: .global,
      help: "Open the audit log (verifies the hash chain)", hint: "audit", hintPriority: 10),
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
      keys: [.enter], action: .submitDialog, scope: .overlay(.dialog),
      help: "Submit the dialog", hint: "submit", hintPriority: 0),
    KeyBinding(
      keys: [.escape], action: .cancelDialog, scope: .overlay(.dialog),
      help: "Cancel the dialog (nothing is sent)", hint: "cancel", hintPriority: 1),
    KeyBinding(
      keys: [.tab], action: .nextDialogField, scope: .overlay(.dialog),
      help: "Move to the next field", hint: "next field", hintPriority: 2),
    KeyBinding(
      keys: [.backspace], action: .deleteDialogCharacter, scope: .overlay(.dialog),
      help: "Delete the last character of the field", hint: "delete", hintPriority: 3),
    KeyBinding(
      keys: [.escape, .char("h")], action: .closeOverlay, scope: .overlay(.history),
      help: "Close the history", hint: "close", hintPriority: 0),
    KeyBinding(
      keys: [.escape, .char("A")], action: .closeOverlay, scope: .overlay(.audit),
      help: "Close the audit pane", hint: "close", hintPriority: 0),
    KeyBinding(
      keys: [.up, .char("k")], action: .scrollUp, scope: .overlay(.history),
      help: "Scroll up", hint: "up"),
    KeyBinding(
      keys: [.down, .char("j")], action: .scrollDown, scope: .overlay(.history),
      help: "Scroll down", hint: "scroll", hintPriority: 1),
    KeyBinding(
      keys: [.pageUp], action: .pageUp, scope: .overlay(.history),
      help: "Scroll one page up", hint: "page up"),
    KeyBinding(
      keys: [.pageDown], action: .pageDown, scope: .overlay(.history),
      help: "Scroll one page down", hint: "page down", hintPriority: 2),
    KeyBinding(
      keys: [.up, .char("k")], action: .scrollUp, scope: .overlay(.audit),
      help: "Scroll up", hint: "up"),
    KeyBinding(
      keys: [.down, .char("j")], action: .scrollDown, scope: .overlay(.audit),
      help: "Scroll down", hint: "scroll", hintPriority: 1),
    KeyBinding(
      keys: [.pageUp], action: .pageUp, scope: .overlay(.audit),
      help: "Scroll one page up", hint: "page up", hintPriority: 3),
    KeyBinding(
      keys: [.pageDown], action: .pageDown, scope: .overlay(.audit),
      help: "Scroll one page down", hint: "page down", hintPriority: 2),
    KeyBinding(
      keys: [.escape, .enter], action: .closeOverlay, scope: .overlay(.verdict),
      help: "Close the verdict", hint: "close", hintPriority: 0),
    KeyBinding(
      keys: [.up, .char("k")], action: .scrollUp, scope: .overlay(.verdict),
      help: "Scroll up", hint: "up"),
    KeyBinding(
      keys: [.down, .char("j")], action: .scrollDown, scope: .overlay(.verdict),
      help: "Scroll down", hint: "scroll", hintPriority: 1),
    KeyBinding(
      keys: [.pageUp], action: .pageUp, scope: .overlay(.verdict),
      help: "Scroll one page up", hint: "page up", hintPriority: 3),
    KeyBinding(
      keys: [.pageDown], action: .pageDown, scope: .overlay(.verdict),
      help: "Scroll one page down", hint: "page down", hintPriority: 2),
    KeyBinding(
      keys: [.char("+"), .char("=")], action: .raiseProposedWeight, scope: .overlay(.whatIf),
      help: "Propose 5 points more canary weight", hint: "+5", hintPriority: 1),
    KeyBinding(
      keys: [.char("-")], action: .lowerProposedWeight, scope: .overlay(.whatIf),
      help: "Propose 5 points less canary weight", hint: "-5", hintPriority: 2),
    KeyBinding(
      keys: [.enter], action: .confirmProposedWeight, scope: .overlay(.whatIf),
      help: "Set the canary weight to the proposal (confirm)",
      hint: "set weight", hintPriority: 0, isDangerous: true),
    KeyBinding(
      keys: [.escape], action: .closeOverlay, scope: .overlay(.whatIf),
      help: "Drop the proposal (nothing changes)", hint: "cancel", hintPriority: 3),
    KeyBinding(
      keys: [.escape, .char("?")], action: .toggleHelp, scope: .overlay(.help),
      help: "Close this help", hint: "close", hintPriority: 0),
    KeyBinding(
      keys: [.up, .char("k")], action: .scrollUp, scope: .overlay(.help),
      help: "Scroll up", hint: "up"),
    KeyBinding(
      keys: [.down, .char("j")], action: .scrollDown, scope: .overlay(.help),
      help: "Scroll down", hint: "scroll", hintPriority: 1),
    KeyBinding(
      keys: [.pageUp], action: .pageUp, scope: .overlay(.help),
      help: "Scroll one page up", hint: "page up", hintPriority: 3),
    KeyBinding(
      keys: [.pageDown], action: .pageDown, scope: .overlay(.help),
      help: "Scroll one page down", hint: "page down", hintPriority: 2),
  ])
}
