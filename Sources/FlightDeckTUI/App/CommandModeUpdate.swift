import Foundation

/// The `:` command mode's part of the update function (k9s's command
/// prompt, `internal/view/cmd`): pure, no I/O.
///
/// Keys while the prompt is open: printable characters type, Backspace
/// deletes (and closes an empty prompt), Ctrl-U clears, Tab completes (the
/// longest common prefix of the candidates, then each candidate in turn),
/// Up/Down walk the history, Enter runs the line, Esc closes the prompt.
///
/// Commands (``commands``): a pane by name focuses it (`:alerts`,
/// `:incidents`, `:registry`, `:canary`, `:charts`, `:errors`);
/// `:rollout NAME` focuses that artefact's canary row, else drills the
/// Registry into it; `:theme NAME` switches theme; `:help` opens the help;
/// `:q` / `:quit` quit; `:audit`, `:kpi`, `:messages` open those views; and
/// every action bound where the prompt was opened runs by its name
/// (`:showHistory`, `:togglePause`), as its key would — so read-only mode
/// and team roles refuse through `:` exactly what they refuse through keys.
/// An action bound in a pane also takes the row it acts on, and the most
/// used have short names (`:approve support-bot v13`, `:abort rag-answer`,
/// `:ack HighErrorRate`: ``runTargeted(_:_:named:target:)``).
public enum CommandModeUpdate {
  /// The commands that take an argument, and what they complete it from.
  public static let argumentCommands = ["rollout", "theme"]
  /// Fixed commands besides panes and actions: name → what it does, in help order.
  public static let aliases: [(name: String, help: String)] = [
    ("alerts", "focus the Alerts pane"), ("incidents", "focus the Incidents pane"),
    ("registry", "focus the Registry pane"), ("canary", "focus the Canary pane"),
    ("charts", "focus the Charts pane"), ("errors", "focus the Ingest errors pane"),
    ("rollout NAME", "focus NAME's canary, else drill the Registry into NAME"),
    ("theme NAME", "switch to theme NAME"), ("help", "open the help"), ("audit", "open the audit log"),
    ("kpi", "open the lifecycle KPIs"), ("messages", "read recent status messages"),
    ("q", "quit"), ("quit", "quit"),
  ]

  /// Opens the prompt (the `:` key, ``Action/beginCommand``).
  public static func open(_ state: inout AppState) {
    state.commandMode.isOpen = true
    state.commandMode.text = ""
    state.commandMode.historyIndex = nil
    state.commandMode.draft = ""
    state.commandMode.cycle = nil
  }

  /// Handles `key` while the prompt is open.
  public static func handleKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    var mode = state.commandMode
    defer { if state.commandMode.isOpen { state.commandMode = mode } }
    if key != .tab { mode.cycle = nil }
    switch key {
    case .escape:
      mode.isOpen = false
      state.commandMode = mode
      return []
    case .enter:
      let line = mode.text.trimmingCharacters(in: .whitespaces)
      mode.isOpen = false
      mode.remember(line)
      state.commandMode = mode
      // A refusal of an earlier command is not this one's: it leaves the
      // line (it stays in the messages view), so the command's own outcome,
      // or none, is what shows.
      if !line.isEmpty, state.statusLevel == .warn || state.statusLevel == .critical {
        StatusLineUpdate.clear(&state.statusLine)
      }
      return line.isEmpty ? [] : run(&state, line)
    case .backspace, .delete:
      if mode.text.isEmpty {
        mode.isOpen = false
        state.commandMode = mode
        return []
      }
      mode.text.removeLast()
      mode.historyIndex = nil
    case .ctrl("u"):
      mode.text = ""
      mode.historyIndex = nil
    case .up:
      guard !mode.history.isEmpty else { return [] }
      if let i = mode.historyIndex {
        mode.historyIndex = max(0, i - 1)
      } else {
        mode.draft = mode.text
        mode.historyIndex = mode.history.count - 1
      }
      mode.text = mode.history[mode.historyIndex ?? 0]
    case .down:
      guard let i = mode.historyIndex else { return [] }
      if i + 1 < mode.history.count {
        mode.historyIndex = i + 1
        mode.text = mode.history[i + 1]
      } else {
        mode.historyIndex = nil
        mode.text = mode.draft
      }
    case .tab:
      complete(&mode, state: state)
    case .char(let c):
      guard mode.text.count < CommandModeState.maximumLength else { return [] }
      mode.text.append(c)
      mode.historyIndex = nil
    default:
      return []
    }
    return []
  }

  /// Tab: completes the word being typed (see ``completions(for:state:)``).
  static func complete(_ mode: inout CommandModeState, state: AppState) {
    if var cycle = mode.cycle, !cycle.candidates.isEmpty {
      cycle.index = (cycle.index + 1) % cycle.candidates.count
      mode.text = cycle.prefix + cycle.candidates[cycle.index]
      mode.cycle = cycle
      return
    }
    let (prefix, word, candidates) = completions(for: mode.text, state: state)
    guard !candidates.isEmpty else { return }
    if candidates.count == 1 {
      let only = candidates[0]
      let takesArgument =
        argumentCommands.contains(only)
        || action(named: only).map { !targetPanes(of: $0, state).isEmpty } == true
      mode.text = prefix + only + (prefix.isEmpty && takesArgument ? " " : "")
      return
    }
    let common = candidates.dropFirst().reduce(candidates[0]) { $0.commonPrefix(with: $1) }
    if common.count > word.count {
      mode.text = prefix + common
      return
    }
    mode.cycle = (candidates, 0, prefix)
    mode.text = prefix + candidates[0]
  }

  /// What Tab can complete `text` to: the text before the word being
  /// completed, the word, and the candidates starting with it (sorted):
  /// command names for the first word; artefact names after `rollout `;
  /// theme names after `theme `; an action's targets after the action
  /// (``targetCandidates(for:position:previous:_:)``).
  public static func completions(for text: String, state: AppState) -> (
    prefix: String, word: String, candidates: [String]
  ) {
    // Leading blanks are kept as typed; the words after them complete (Enter ignores them too).
    let lead = text.prefix { $0 == " " }
    if !lead.isEmpty {
      let (prefix, word, candidates) = completions(for: String(text.dropFirst(lead.count)), state: state)
      return (String(lead) + prefix, word, candidates)
    }
    if let space = text.firstIndex(of: " ") {
      let command = String(text[..<space])
      let prefix = String(text[...space])
      let word = String(text[text.index(after: space)...])
      let pool: [String]
      switch command {
      case "rollout": pool = artefactNames(state)
      case "theme": pool = state.themeNames
      default:
        guard let named = action(named: command), runnable(named) else { return (prefix, word, []) }
        // The words typed after the action; the last one is being completed.
        let words = word.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let done = word.hasSuffix(" ") || word.isEmpty ? words : Array(words.dropLast())
        let current = word.hasSuffix(" ") || word.isEmpty ? "" : (words.last ?? "")
        let head = prefix + done.map { $0 + " " }.joined()
        let candidates = targetCandidates(for: named, position: done.count, previous: done, state)
        return (head, current, candidates.filter { $0.hasPrefix(current) }.sorted())
      }
      return (prefix, word, pool.filter { $0.hasPrefix(word) }.sorted())
    }
    return ("", text, Set(commandNames(state)).filter { $0.hasPrefix(text) }.sorted())
  }

  /// Every first word the prompt accepts here: the aliases, the panes, the
  /// actions bound where it was opened, and the actions bound in a pane
  /// (they take a target: ``runTargeted(_:_:named:target:)``) with their
  /// short names (``actionAliases``).
  public static func commandNames(_ state: AppState) -> [String] {
    let fixed = aliases.map { String($0.name.split(separator: " ")[0]) }
    let context = KeyContext(focus: state.focus, overlay: nil)
    // Actions bound in some pane take a target: one pass over the bindings
    // (this runs every frame while the prompt shows its candidates).
    var targeted: Set<Action> = []
    for b in state.keyMap.bindings + state.disabledBindings + state.roleDisabledBindings {
      if case .panes = b.scope { targeted.insert(b.action) }
    }
    let actions = state.keyMap.bindings.filter {
      runnable($0.action) && ($0.scope.isActive(in: context) || targeted.contains($0.action))
    }
    .map(\.action.rawValue)
    let short = actionAliases.filter { alias in state.keyMap.bindings.contains { $0.action == alias.action } }
      .map(\.name)
    return fixed + PaneID.allCases.map(\.rawValue) + actions + short
  }

  /// Actions the prompt never runs by name: the ones that edit a prompt or
  /// dialog (they need the text they edit) and the prompt's own key.
  static func runnable(_ action: Action) -> Bool {
    switch action {
    case .beginCommand, .applyFilter, .clearFilter, .deleteFilterCharacter, .submitDialog, .cancelDialog,
      .nextDialogField, .deleteDialogCharacter, .previousDialogChoice, .nextDialogChoice:
      return false
    default:
      return true
    }
  }

  /// The artefacts `:rollout` knows: the canary's rows and the registry's
  /// artefacts, those the filter hides left out (the names on screen).
  static func artefactNames(_ state: AppState) -> [String] {
    var names = Set(state.canaryRows.keys.compactMap(\.artefact))
    for a in state.registry?.artefacts ?? [] { names.insert(a.artefact.name) }
    for a in state.overview.artefacts { names.insert(a.name) }
    return names.filter { AppRows.matches($0, filter: state.filter) }
  }

  /// Runs one command line (already trimmed, not empty).
  public static func run(_ state: inout AppState, _ line: String) -> [AppEffect] {
    let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let command = words[0]
    let argument = words.dropFirst().joined(separator: " ")
    func refuse(_ text: String) -> [AppEffect] {
      AppUpdate.setStatus(&state, text, .warn)
      return []
    }
    // The help stays under a command that opens a view (Esc from the view
    // returns to it, ``OverlayStack/viewActions``); any other command acts
    // on the panes, so the help closes first, as it did when `:` was pressed.
    if state.isHelpVisible && !opensView(command) { state.isHelpVisible = false }
    if let pane = PaneID(rawValue: command) {
      state.focus = pane
      return []
    }
    switch command {
    case "q", "quit", "q!":
      return [.quit]
    case "help", "?":
      state.isHelpVisible = true
      state.helpOffset = 0
      return []
    case "audit":
      return runAction(&state, .showAudit, named: command)
    case "kpi", "kpis":
      return runAction(&state, .showKPIs, named: command)
    case "messages":
      return runAction(&state, .showMessages, named: command)
    case "theme":
      guard !argument.isEmpty else {
        return refuse("theme: name a theme (" + state.themeNames.joined(separator: ", ") + ")")
      }
      guard state.themeNames.contains(argument) else {
        return refuse(
          "theme: no theme '\(argument)' (themes: " + state.themeNames.joined(separator: ", ") + ")")
      }
      state.themeName = argument
      return [.nextTheme(argument)]
    case "rollout":
      guard !argument.isEmpty else { return refuse("rollout: name an artefact (Tab completes)") }
      return focusRollout(&state, argument) ? [] : refuse("rollout: no artefact '\(argument)' on this screen")
    default:
      break
    }
    if let action = action(named: command), runnable(action) {
      if words.count > 1 {
        return runTargeted(&state, action, named: command, target: Array(words.dropFirst()))
      }
      return runAction(&state, action, named: command)
    }
    return refuse("unknown command ':\(command)' (Tab lists the commands)")
  }

  /// Whether `command` opens a view on top of what is open (`:audit`,
  /// `:kpi`, `:messages`, `:help`, or an action of ``OverlayStack/viewActions`` by name).
  static func opensView(_ command: String) -> Bool {
    switch command {
    case "audit", "kpi", "kpis", "messages", "help", "?": return true
    default: return Action(rawValue: command).map { OverlayStack.viewActions.contains($0) } ?? false
    }
  }

  /// Runs `action` as its key would where the prompt was opened, or says why it cannot.
  static func runAction(_ state: inout AppState, _ action: Action, named: String) -> [AppEffect] {
    let context = KeyContext(focus: state.focus, overlay: state.overlay)
    if state.keyMap.bindings.contains(where: { $0.action == action && $0.scope.isActive(in: context) }) {
      return AppUpdate.perform(&state, action)
    }
    if state.disabledBindings.contains(where: { $0.action == action }) {
      AppUpdate.setStatus(&state, "read-only: :\(named) disabled", .warn)
      return []
    }
    if let refusal = state.teamRoleRefusal(action),
      state.roleDisabledBindings.contains(where: { $0.action == action })
    {
      AppUpdate.setStatus(&state, refusal, .warn)
      return []
    }
    if let b = state.keyMap.bindings.first(where: { $0.action == action }) {
      AppUpdate.setStatus(&state, ":\(named) works in the \(b.scope.label) only", .warn)
    } else {
      AppUpdate.setStatus(&state, ":\(named) is not bound in this keymap", .warn)
    }
    return []
  }

  /// Focuses `name`'s canary row, else drills the Registry into it; `false` when neither shows it.
  static func focusRollout(_ state: inout AppState, _ name: String) -> Bool {
    if let row = state.canaryRows.row(of: .artefact(name)) {
      state.focus = .canary
      state.selection[.canary] = PaneSelection(index: row, key: .artefact(name))
      return true
    }
    guard artefactNames(state).contains(name) else { return false }
    state.focus = .registry
    AppUpdate.drill(&state, into: name)
    return true
  }
}
