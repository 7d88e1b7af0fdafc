import FlightDeckCore

/// `:` commands that name what they act on (k9s's `:resource NAME`): an
/// action bound in a pane, followed by a row of that pane, selects the row,
/// focuses the pane and runs the action as its key would there.
///
/// Targets by pane:
/// - Registry: `ARTEFACT [VERSION]` (`:approve support-bot v13`); without a
///   version, the artefact's version with an open request for `approve` and
///   `reject`, else its production version, else its first row;
/// - Canary: `ARTEFACT` (`:abort rag-answer`, `:verdict support-bot`);
/// - Alerts: a rule name (the first of its alerts in the pane's order) or a
///   fingerprint (`:ack HighErrorRate`);
/// - Incidents: `INC-N` or `N` (`:resolveIncident INC-3`).
///
/// An action bound in several panes takes the focused one first when the
/// target is there, else the panes in their binding order. A target on no
/// row on screen is refused with the reason (a filter hides it, or no such
/// row), and nothing moves.
extension CommandModeUpdate {
  /// Short names for the actions an operator runs most, as the command line
  /// names them (`flightdeck promote`, `approve`, `reject`, `rollback`,
  /// `history`, `rollout abort`, `rollout retry`, `alerts ack`, `silence add`).
  public static let actionAliases: [(name: String, action: Action)] = [
    ("promote", .requestPromotion), ("approve", .approveRequest), ("reject", .rejectRequest),
    ("history", .showHistory), ("verdict", .showVerdict), ("abort", .abortRollout), ("retry", .retryRollout),
    ("ack", .acknowledgeAlert), ("silence", .silenceAlert),
  ]

  /// The action `name` runs: an alias (``actionAliases``) or an action's own name.
  static func action(named name: String) -> Action? {
    if let alias = actionAliases.first(where: { $0.name == name }) { return alias.action }
    return Action(rawValue: name)
  }

  /// The panes where `action` is bound, the focused one first.
  static func targetPanes(of action: Action, _ state: AppState) -> [PaneID] {
    var panes: [PaneID] = []
    for binding in state.keyMap.bindings + state.disabledBindings + state.roleDisabledBindings
    where binding.action == action {
      if case .panes(let scoped) = binding.scope {
        for pane in scoped where !panes.contains(pane) { panes.append(pane) }
      }
    }
    if let i = panes.firstIndex(of: state.focus) { panes.insert(panes.remove(at: i), at: 0) }
    return panes
  }

  /// Runs `action` on the row `words` name (see the type's description), or
  /// says why it cannot.
  static func runTargeted(_ state: inout AppState, _ action: Action, named: String, target words: [String])
    -> [AppEffect]
  {
    let target = words.joined(separator: " ")
    let panes = targetPanes(of: action, state)
    guard !panes.isEmpty else {
      AppUpdate.setStatus(&state, ":\(named) takes no argument (it acts on what is open)", .warn)
      return []
    }
    if state.overlay != nil {
      AppUpdate.setStatus(&state, ":\(named) \(target): close the open view first (Esc)", .warn)
      return []
    }
    for pane in panes {
      // A Registry drilled into another artefact shows only that one's
      // versions: the target is looked for in the overview instead.
      var trial = state
      let leavesDrillDown = pane == .registry && trial.drillDown != nil && trial.drillDown != words.first
      if leavesDrillDown { trial.drillDown = nil }
      guard let (index, key) = row(words, for: action, in: pane, trial) else { continue }
      state = trial
      // The other panes' selections follow the overview only once it is adopted.
      if leavesDrillDown { AppUpdate.reconcileSelections(&state) }
      state.focus = pane
      state.selection[pane] = PaneSelection(index: index, key: key)
      return runAction(&state, action, named: named)
    }
    let paneNames = panes.map(\.title).joined(separator: " or ")
    let hint = state.filter.isEmpty ? "" : " (the filter '\(state.filter)' applies: Esc clears it)"
    AppUpdate.setStatus(&state, ":\(named): no row '\(target)' in the \(paneNames) pane\(hint)", .warn)
    return []
  }

  /// The row of `pane` that `words` name, with its index among the pane's
  /// rows on screen; `nil` when no row matches.
  static func row(_ words: [String], for action: Action, in pane: PaneID, _ state: AppState) -> (Int, RowKey)?
  {
    guard let first = words.first else { return nil }
    switch pane {
    case .registry:
      guard words.count <= 2 else { return nil }
      let keys = state.registryKeys
      var versions: [(Int, String)] = []
      for (i, key) in keys.enumerated() {
        if case .version(first, let v) = key { versions.append((i, v)) }
      }
      guard !versions.isEmpty else { return nil }
      let chosen: (Int, String)?
      if words.count == 2 {
        chosen = versions.first { $0.1 == words[1] }
      } else {
        let requested =
          action == .approveRequest || action == .rejectRequest
          ? Set(state.registry?.openRequests(artefact: first).map(\.version) ?? []) : []
        let production = state.registry?.artefact(first)?.pointers[.production]
        chosen =
          versions.first { requested.contains($0.1) } ?? versions.first { $0.1 == production }
          ?? versions.first
      }
      return chosen.map { ($0.0, RowKey.version(artefact: first, version: $0.1)) }
    case .canary:
      guard words.count == 1, let index = state.canaryRows.row(of: .artefact(first)) else { return nil }
      return (index, .artefact(first))
    case .alerts:
      guard words.count == 1, let snapshot = state.snapshot else { return nil }
      let alerts = AppRows.alerts(snapshot, filter: state.filter)
      guard let index = alerts.firstIndex(where: { $0.ruleName == first || $0.fingerprint == first }) else {
        return nil
      }
      return (index, .alert(fingerprint: alerts[index].fingerprint))
    case .incidents:
      guard words.count == 1, let id = Incident.parseID(first) else { return nil }
      let rows = AppRows.incidents(state.incidents ?? [])
      return rows.firstIndex { $0.id == id }.map { ($0, RowKey.incident(id)) }
    case .charts, .errors:
      return nil
    }
  }

  /// What Tab offers for argument `position` (0: the first) of `action`:
  /// artefacts, then an artefact's versions, for Registry and Canary
  /// actions; rule names for Alerts actions; `INC-N` for Incidents actions —
  /// only what is on screen, so a filter's hidden rows are not offered.
  static func targetCandidates(for action: Action, position: Int, previous: [String], _ state: AppState)
    -> [String]
  {
    var pool: Set<String> = []
    for pane in targetPanes(of: action, state) {
      switch (pane, position) {
      case (.registry, 0), (.canary, 0):
        pool.formUnion(artefactNames(state))
      case (.registry, 1):
        for key in state.registryKeys {
          if case .version(let a, let v) = key, a == previous.first { pool.insert(v) }
        }
      case (.alerts, 0):
        // The rules of the alerts on screen (the filter applied), as a target is looked for.
        if let snapshot = state.snapshot {
          pool.formUnion(AppRows.alerts(snapshot, filter: state.filter).map(\.ruleName))
        }
      case (.incidents, 0):
        pool.formUnion((state.incidents ?? []).map(\.displayID))
      default:
        break
      }
    }
    return Array(pool)
  }
}
