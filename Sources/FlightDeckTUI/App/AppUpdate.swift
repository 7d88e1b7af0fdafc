import FlightDeckCore

/// The dashboard's pure update function (bubbletea's `Update`, Elm's `update`).
///
/// Takes the state and one message, changes the state, and returns the
/// effects for the run loop to carry out. No I/O, no clock reads.
public enum AppUpdate {
  /// Applies `msg` to `state` and returns the effects to perform, in order.
  public static func update(_ state: inout AppState, _ msg: AppMessage) -> [AppEffect] {
    let before = state.selectedArtefact
    var effects: [AppEffect]
    switch msg {
    case .key(let key):
      effects = handleKey(&state, key)
    case .mouse(let event):
      effects = MouseUpdate.handle(&state, event)
    case .resize(let width, let height):
      state.width = max(0, width)
      state.height = max(0, height)
      effects = [.redraw]
    case .tick(let now):
      effects = []
      StatusLineUpdate.tick(&state.statusLine, now: now)
    case .newSnapshot(let snapshot):
      effects = []
      if state.isPaused {
        state.heldSnapshot = snapshot
      } else {
        state.snapshot = snapshot
        reconcileSelections(&state)
      }
    case .controllerLease(let lease, let readAt):
      state.controllerKnown = true
      state.controllerLease = lease
      state.controllerReadAt = readAt
      // Read with the lease (every second): the sender's attempts move no
      // change token, so a registry reload would not bring them.
      effects = [.loadNotificationDelivery, .loadRouting]
    case .notificationDelivery(let trouble):
      state.notificationDelivery = trouble
      effects = []
    case .routingStatus(let lines):
      state.routingStatus = lines
      effects = []
    case .themeList(let names, let current):
      state.themeNames = names
      state.themeName = current
      effects = []
    case .status(let text, let until):
      setBackgroundStatus(&state, text, .info, until: until)
      effects = []
    case .registrySnapshot(let registry):
      announceForeignMoves(&state, old: state.registry, new: registry)
      state.registry = registry
      state.registryProblem = nil
      reconcileSelections(&state)
      // The registry changed: the incident queue (and the open incident's
      // timeline) may have too.
      effects = [.loadIncidents] + (state.incidentView.map { [.loadIncident($0.id)] } ?? [])
    case .registryUnavailable(let reason):
      effects = []
      if state.registryProblem != reason {
        state.registryProblem = reason
        setStatus(&state, "registry: " + reason, .critical)
      }
    case .registryOutcome(let result):
      effects = receiveOutcome(&state, result)
    case .history(let artefact, let result):
      effects = receiveHistory(&state, artefact: artefact, result)
    case .audit(let result):
      effects = receiveAudit(&state, result)
    case .incidents(let result):
      effects = receiveIncidents(&state, result)
    case .incidentDetail(let id, let result):
      effects = receiveIncidentDetail(&state, id: id, result)
    case .kpi(let result):
      effects = receiveKPI(&state, result)
    case .storeStarted(let activity):
      effects = []
      StatusLineUpdate.storeStarted(&state.statusLine, activity)
    case .storeFinished(let activity):
      effects = []
      StatusLineUpdate.storeFinished(&state.statusLine, activity)
    }
    if state.selectedArtefact != before { effects.append(.selectArtefact(state.selectedArtefact)) }
    return effects
  }

  /// Resolves `key` through the key map and performs the result.
  static func handleKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    // Below the minimum size the screen shows only the too-small notice: no
    // key may act on what cannot be seen (a dialog typed into and submitted
    // blind, as a tester did). Only the quit and redraw keys that are not
    // printable (Ctrl-C, Ctrl-R by default) still work.
    if ScreenLayout.isTooSmall(width: state.width, height: state.height) {
      if case .char = key { return [] }
      let binding = state.keyMap.bindings.first {
        $0.scope == .global && $0.keys.contains(key) && ($0.action == .quit || $0.action == .redraw)
      }
      return binding.map { $0.action == .quit ? [.quit] : [.redraw] } ?? []
    }
    // A key means the operator has seen the status line: a pinned refusal
    // gives way, to the key's own message or to one that waited behind it.
    guard state.statusLine.pinned else { return resolveKey(&state, key) }
    let pinned = state.statusMessage
    state.statusLine.pinned = false
    let effects = resolveKey(&state, key)
    // A key that pinned a refusal of its own keeps it (setStatus dropped the queue).
    if !state.statusLine.pinned { releaseStatusPin(&state, keepCurrent: state.statusMessage != pinned) }
    return effects
  }

  /// Resolves `key` through the key map and performs the result.
  static func resolveKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    if state.commandMode.isOpen { return CommandModeUpdate.handleKey(&state, key) }
    // A key whose binding read-only mode or the team roles removed keeps its
    // meaning where it is pressed: it says why, never falls through to a
    // global binding of the same key (a keymap may put promotion on `p`,
    // which is pause everywhere else).
    let removed = state.disabledBindings + state.roleDisabledBindings
    if !removed.isEmpty,
      case .action(let action) = KeyMap(bindings: state.keyMap.bindings + removed).resolve(
        key, in: state.keyContext),
      removed.contains(where: { $0.action == action && $0.keys.contains(key) })
    {
      return unavailableKey(&state, key)
    }
    switch state.keyMap.resolve(key, in: state.keyContext) {
    case .unbound:
      return unavailableKey(&state, key)
    case .text(let c):
      if var dialog = state.dialog {
        if dialog.fields.indices.contains(dialog.focusedField) {
          if dialog.fields[dialog.focusedField].label == RegistryDialog.severityField,
            let level = c.wholeNumberValue, let severity = IncidentSeverity.parse(String(level))
          {
            // Typing 1–4 in the severity field sets SEV1–SEV4.
            dialog.fields[dialog.focusedField].text = severity.rawValue
          } else {
            dialog.fields[dialog.focusedField].text.append(c)
          }
        }
        dialog.problem = nil
        state.dialog = dialog
        return []
      }
      state.filter.append(c)
      reconcileSelections(&state)
      return []
    case .action(let action):
      if let refusal = state.overlays.refusal(of: action, key: key) {
        setStatus(&state, refusal, .warn)
        return []
      }
      return perform(&state, action)
    }
  }

  /// Performs one action.
  static func perform(_ state: inout AppState, _ action: Action) -> [AppEffect] {
    if let refusal = state.teamRoleRefusal(action) {
      // The store vouches for the operator and its roles: open no dialog the database would refuse.
      setStatus(&state, refusal, .warn)
      return []
    }
    switch action {
    case .quit:
      return [.quit]
    case .beginCommand:
      if let overlay = state.overlay, overlay != .help {
        setStatus(&state, ": command: close the \(KeyScope.overlay(overlay).label) first (Esc)", .warn)
        return []
      }
      // The help stays open under the prompt: a command that opens a view
      // goes on top of it (``OverlayStack/viewActions``); any other closes it.
      CommandModeUpdate.open(&state)
      return []
    case .redraw:
      return [.redraw]
    case .focusNext:
      state.focus = state.focus.next
      return []
    case .focusPrevious:
      state.focus = state.focus.previous
      return []
    case .selectPrevious:
      moveSelection(&state, by: -1)
      return []
    case .selectNext:
      moveSelection(&state, by: 1)
      return []
    case .drillDown:
      let pane = state.focus
      guard let artefact = state.selection(of: pane).key?.artefact else {
        setStatus(&state, "nothing selected to drill into", .warn)
        return []
      }
      drill(&state, into: artefact)
      return []
    case .toggleHelp:
      state.isHelpVisible.toggle()
      state.helpOffset = 0
      return []
    case .togglePause:
      state.isPaused.toggle()
      if !state.isPaused, let held = state.heldSnapshot {
        state.snapshot = held
        state.heldSnapshot = nil
        reconcileSelections(&state)
      }
      return [.setPaused(state.isPaused)]
    case .nextTheme:
      // One theme (only the built-in dark one found) or none: nothing to switch to.
      guard state.themeNames.contains(where: { $0 != state.themeName }) else {
        setStatus(
          &state, "no other themes than \(state.themeName) (flightdeck info shows where themes are read)",
          .info)
        return []
      }
      let i = state.themeNames.firstIndex(of: state.themeName).map { $0 + 1 } ?? 0
      state.themeName = state.themeNames[i % state.themeNames.count]
      return [.nextTheme(state.themeName)]
    case .beginFilter:
      state.isEditingFilter = true
      return []
    case .applyFilter:
      state.isEditingFilter = false
      return [.setFilter(state.filter)]
    case .clearFilter:
      state.isEditingFilter = false
      state.filter = ""
      reconcileSelections(&state)
      return [.setFilter("")]
    case .deleteFilterCharacter:
      if !state.filter.isEmpty { state.filter.removeLast() }
      reconcileSelections(&state)
      return []
    case .back:
      return back(&state)
    case .showMessages:
      state.messages = MessagesOverlayState()
      return []
    case .showLastMessage:
      showLastMessage(&state)
      return []
    case .showIngestError:
      guard case .ingestError(let path, let line)? = state.selection(of: .errors).key,
        let error = state.snapshot.flatMap({ AppRows.errors($0).first { $0.path == path && $0.line == line } }
        )
      else {
        setStatus(&state, "no ingest error selected", .warn)
        return []
      }
      state.ingestError = error
      return []
    case .showAlert:
      guard let alert = selectedAlert(state) else {
        setStatus(&state, "no alert selected", .warn)
        return []
      }
      state.alertView = alert.fingerprint
      return []
    case .requestPromotion, .approveRequest, .rejectRequest, .rollback, .showHistory, .showAudit,
      .submitDialog, .cancelDialog, .nextDialogField, .deleteDialogCharacter, .closeOverlay, .scrollUp,
      .scrollDown, .pageUp, .pageDown, .scrollToTop, .scrollToBottom, .openEntry:
      return performRegistry(&state, action)
    case .promoteRolloutStep, .promoteRolloutFull, .abortRollout, .pauseResumeRollout, .retryRollout:
      return performRollout(&state, action)
    case .showVerdict, .raiseProposedWeight, .lowerProposedWeight, .confirmProposedWeight:
      return performCanary(&state, action)
    case .acknowledgeAlert, .silenceAlert, .openIncident, .showIncident, .acknowledgeIncident,
      .assignIncident, .noteIncident, .mitigateIncident, .resolveIncident, .changeIncidentSeverity,
      .rollbackIncident, .replayIncidentHint, .showKPIs, .previousDialogChoice, .nextDialogChoice:
      return performIncident(&state, action)
    }
  }

  /// Shows the detail view of `artefact` and puts the Registry selection on
  /// one of its versions (kept if already there, else production's, else the
  /// first), so the registry keys act on a version the detail view shows.
  static func drill(_ state: inout AppState, into artefact: String) {
    state.drillDown = artefact
    let keys = state.registryKeys
    if let key = state.selection(of: .registry).key, let index = keys.firstIndex(of: key) {
      state.selection[.registry] = PaneSelection(index: index, key: key)
      return
    }
    let production = state.registry?.artefact(artefact)?.pointers[.production]
    let index =
      keys.firstIndex { if case .version(_, let v) = $0 { return v == production } else { return false } }
      ?? 0
    state.selection[.registry] =
      keys.isEmpty ? PaneSelection() : PaneSelection(index: index, key: keys[index])
  }

  /// Esc outside overlays: leave the drill-down, else clear an applied filter.
  static func back(_ state: inout AppState) -> [AppEffect] {
    if state.isHelpVisible {
      state.isHelpVisible = false
      return []
    }
    if state.drillDown != nil {
      state.drillDown = nil
      reconcileSelections(&state)
      return []
    }
    if !state.filter.isEmpty {
      state.filter = ""
      reconcileSelections(&state)
      return [.setFilter("")]
    }
    return []
  }

  /// Moves the focused pane's selection by `delta` rows, clamped to its
  /// rows: one code path for every list pane (``PaneSelection/moved(by:in:)``
  /// over ``AppState/rows(of:)``).
  static func moveSelection(_ state: inout AppState, by delta: Int) {
    let pane = state.focus
    state.selection[pane] = state.selection(of: pane).moved(by: delta, in: state.rows(of: pane))
  }

  /// After the rows changed (new snapshot, filter), keeps each pane's
  /// selection on the same row identity, else clamps its index
  /// (``PaneSelection/reconciled(in:)``); a pane without rows and without a
  /// selection is left without one.
  static func reconcileSelections(_ state: inout AppState) {
    for pane in PaneID.allCases {
      let rows = state.rows(of: pane)
      if rows.rowCount == 0 && state.selection[pane] == nil { continue }
      state.selection[pane] = state.selection(of: pane).reconciled(in: rows)
    }
  }
}
