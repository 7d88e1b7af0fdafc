extension KeyMap {
  /// FlightDeck's default bindings (k9s conventions); see the `KeyBindings`
  /// article for the table.
  public static let `default` = KeyMap(
    bindings: [
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
        keys: [.up, .char("k")], action: .selectPrevious,
        scope: .panes([.registry, .canary, .errors, .alerts, .incidents]),
        help: "Select the previous row", hint: "up"),
      KeyBinding(
        keys: [.down, .char("j")], action: .selectNext,
        scope: .panes([.registry, .canary, .errors, .alerts, .incidents]),
        help: "Select the next row", hint: "select", hintPriority: 8),
      KeyBinding(
        keys: [.pageUp], action: .pageUp, scope: .panes([.registry, .canary, .errors, .alerts, .incidents]),
        help: "Select one page of rows up", hint: "page up"),
      KeyBinding(
        keys: [.pageDown], action: .pageDown,
        scope: .panes([.registry, .canary, .errors, .alerts, .incidents]),
        help: "Select one page of rows down", hint: "page down"),
      KeyBinding(
        keys: [.enter], action: .drillDown, scope: .panes([.registry]),
        help: "Drill into the selected artefact's versions (charts follow it)",
        hint: "detail", hintPriority: 9),
      KeyBinding(
        keys: [.enter], action: .showIngestError, scope: .panes([.errors]),
        help: "Show the selected ingest error whole: path, line, message",
        hint: "error", hintPriority: 9),
      KeyBinding(
        keys: [.escape, .enter], action: .closeOverlay, scope: .overlay(.ingestError),
        help: "Close the ingest error", hint: "close", hintPriority: 0),
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
        keys: [.char(":")], action: .beginCommand, scope: .global,
        help: "Command mode: :alerts, :rollout NAME, :theme NAME, :q", hint: "command"),
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
        help: "Reject the selected version's open request (comment required)", hint: "reject",
        hintPriority: 4,
        isDangerous: true),
      KeyBinding(
        keys: [.char("r")], action: .rollback, scope: .panes([.registry]),
        help: "Roll production back to the previous version (reason)",
        hint: "rollback", hintPriority: 5, isDangerous: true),
      KeyBinding(
        keys: [.char("]")], action: .promoteRolloutStep, scope: .panes([.registry, .canary]),
        help: "Next rollout step now, skipping the analysis (reason)",
        hint: "step",
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
        help: "Retry an aborted rollout or inconclusive analysis (reason)", hint: "retry",
        isDangerous: true),
      KeyBinding(
        keys: [.char("h")], action: .showHistory, scope: .panes([.registry]),
        help: "Show who moved the selected artefact's pointers, when and why", hint: "history",
        hintPriority: 6),
      KeyBinding(
        keys: [.char("K")], action: .showKPIs, scope: .global,
        help: "Open the lifecycle KPIs of the last 30 days", hint: "KPIs", hintPriority: 15),
      KeyBinding(
        keys: [.char("M")], action: .showMessages, scope: .global,
        help: "Read recent status messages whole, newest first", hint: "messages"),
      KeyBinding(
        keys: [.char("i")], action: .openIncident, scope: .panes([.registry, .canary, .alerts]),
        help: "Open an incident on the selected alert, version or canary",
        hint: "incident", isDangerous: true),
      KeyBinding(
        keys: [.char("a")], action: .acknowledgeAlert, scope: .panes([.alerts]),
        help: "Acknowledge the selected firing alert (audited)", hint: "ack", hintPriority: 2,
        isDangerous: true),
      KeyBinding(
        keys: [.char("s")], action: .silenceAlert, scope: .panes([.alerts]),
        help: "Silence alerts like the selected one (matchers, duration)", hint: "silence",
        hintPriority: 3, isDangerous: true),
      KeyBinding(
        keys: [.enter], action: .showAlert, scope: .panes([.alerts]),
        help: "Open the selected alert: labels, value, runbook, incident", hint: "open",
        hintPriority: 9),
      KeyBinding(
        keys: [.escape, .enter], action: .closeOverlay, scope: .overlay(.alert), help: "Close the alert view",
        hint: "close", hintPriority: 0),
      KeyBinding(
        keys: [.enter], action: .showIncident, scope: .panes([.incidents]),
        help: "Open the selected incident: header and timeline", hint: "open", hintPriority: 9),
      KeyBinding(
        keys: [.char("a")], action: .acknowledgeIncident, scope: .panes([.incidents]),
        help: "Acknowledge the incident (stops the TTA clock)", hint: "ack", hintPriority: 2,
        isDangerous: true),
      KeyBinding(
        keys: [.char("n")], action: .noteIncident, scope: .panes([.incidents]),
        help: "Add a note to the incident's timeline", hint: "note", hintPriority: 3, isDangerous: true),
      KeyBinding(
        keys: [.char("c")], action: .assignIncident, scope: .panes([.incidents]),
        help: "Assign the incident commander (default: you)", hint: "assign", hintPriority: 4,
        isDangerous: true
      ),
      KeyBinding(
        keys: [.char("m")], action: .mitigateIncident, scope: .panes([.incidents]),
        help: "Mark the incident mitigated (optional note)", hint: "mitigate", hintPriority: 5,
        isDangerous: true),
      KeyBinding(
        keys: [.char("d")], action: .resolveIncident, scope: .panes([.incidents]),
        help: "Resolve the incident (optional note)", hint: "resolve", hintPriority: 6, isDangerous: true),
      KeyBinding(
        keys: [.char("s")], action: .changeIncidentSeverity, scope: .panes([.incidents]),
        help: "Change the incident's severity (←/→ or 1–4)", hint: "severity", isDangerous: true),
      KeyBinding(
        keys: [.char("r")], action: .rollbackIncident, scope: .panes([.incidents]),
        help: "Roll back the production version the incident links (reason)", hint: "rollback",
        isDangerous: true),
      KeyBinding(
        keys: [.char("R")], action: .replayIncidentHint, scope: .panes([.incidents]),
        help: "Show the command that replays the incident on this screen", hint: "replay"),
      KeyBinding(
        keys: [.char("a")], action: .acknowledgeIncident, scope: .overlay(.incident),
        help: "Acknowledge the incident (stops the TTA clock)", hint: "ack", hintPriority: 2,
        isDangerous: true),
      KeyBinding(
        keys: [.char("n")], action: .noteIncident, scope: .overlay(.incident),
        help: "Add a note to the incident's timeline", hint: "note", hintPriority: 3, isDangerous: true),
      KeyBinding(
        keys: [.char("c")], action: .assignIncident, scope: .overlay(.incident),
        help: "Assign the incident commander (default: you)", hint: "assign", hintPriority: 4,
        isDangerous: true
      ),
      KeyBinding(
        keys: [.char("m")], action: .mitigateIncident, scope: .overlay(.incident),
        help: "Mark the incident mitigated (optional note)", hint: "mitigate", hintPriority: 5,
        isDangerous: true),
      KeyBinding(
        keys: [.char("d")], action: .resolveIncident, scope: .overlay(.incident),
        help: "Resolve the incident (optional note)", hint: "resolve", hintPriority: 6, isDangerous: true),
      KeyBinding(
        keys: [.char("s")], action: .changeIncidentSeverity, scope: .overlay(.incident),
        help: "Change the incident's severity (←/→ or 1–4)", hint: "severity", isDangerous: true),
      KeyBinding(
        keys: [.char("r")], action: .rollbackIncident, scope: .overlay(.incident),
        help: "Roll back the production version the incident links (reason)", hint: "rollback",
        isDangerous: true),
      KeyBinding(
        keys: [.char("R")], action: .replayIncidentHint, scope: .overlay(.incident),
        help: "Show the command that replays the incident on this screen", hint: "replay"),
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
        keys: [.escape], action: .closeOverlay, scope: .overlay(.incident),
        help: "Close the incident view", hint: "close", hintPriority: 0),
      KeyBinding(
        keys: [.up, .char("k")], action: .scrollUp, scope: .overlay(.incident),
        help: "Scroll up", hint: "up"),
      KeyBinding(
        keys: [.down, .char("j")], action: .scrollDown, scope: .overlay(.incident),
        help: "Scroll down", hint: "scroll", hintPriority: 8),
      KeyBinding(
        keys: [.pageUp], action: .pageUp, scope: .overlay(.incident),
        help: "Scroll one page up", hint: "page up"),
      KeyBinding(
        keys: [.pageDown], action: .pageDown, scope: .overlay(.incident),
        help: "Scroll one page down", hint: "page down"),
      KeyBinding(
        keys: [.up, .char("k")], action: .scrollUp, scope: .overlay(.kpi),
        help: "Scroll up", hint: "up"),
      KeyBinding(
        keys: [.down, .char("j")], action: .scrollDown, scope: .overlay(.kpi),
        help: "Scroll down", hint: "scroll", hintPriority: 1),
      KeyBinding(
        keys: [.pageUp], action: .pageUp, scope: .overlay(.kpi),
        help: "Scroll one page up", hint: "page up"),
      KeyBinding(
        keys: [.pageDown], action: .pageDown, scope: .overlay(.kpi),
        help: "Scroll one page down", hint: "page down"),
      KeyBinding(
        keys: [.escape, .char("K")], action: .closeOverlay, scope: .overlay(.kpi),
        help: "Close the KPI view", hint: "close", hintPriority: 0),
      KeyBinding(
        keys: [.up, .char("k")], action: .scrollUp, scope: .overlay(.messages),
        help: "Scroll up", hint: "up"),
      KeyBinding(
        keys: [.down, .char("j")], action: .scrollDown, scope: .overlay(.messages),
        help: "Scroll down", hint: "scroll", hintPriority: 1),
      KeyBinding(
        keys: [.pageUp], action: .pageUp, scope: .overlay(.messages),
        help: "Scroll one page up", hint: "page up"),
      KeyBinding(
        keys: [.pageDown], action: .pageDown, scope: .overlay(.messages),
        help: "Scroll one page down", hint: "page down"),
      KeyBinding(
        keys: [.escape, .char("M")], action: .closeOverlay, scope: .overlay(.messages),
        help: "Close the messages view", hint: "close", hintPriority: 0),
      KeyBinding(
        keys: [.left], action: .previousDialogChoice, scope: .overlay(.dialog),
        help: "Previous choice (severity: towards SEV1)", hint: "sev -"),
      KeyBinding(
        keys: [.right], action: .nextDialogChoice, scope: .overlay(.dialog),
        help: "Next choice (severity: towards SEV4)", hint: "sev +"),
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
    ] + viewBindings)
}
