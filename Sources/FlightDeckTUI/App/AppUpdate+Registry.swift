import FlightDeckCore

extension AppUpdate {
  /// The sentence registry keys show when there is no registry.
  public static let noRegistryText = "no registry workspace (flightdeck init)"

  /// Rows a page-scroll moves in the history and audit overlays.
  static let pageRows = 10

  /// Sets the status line (``StatusLineUpdate/set(_:_:_:now:)``, which says
  /// when each level leaves: an outcome ``StatusLineState/messageMs`` after it
  /// is shown, on the tick clock; a refusal pinned until a key or the pin's
  /// time after the next tick).
  static func setStatus(_ state: inout AppState, _ text: String, _ level: StatusLevel) {
    StatusLineUpdate.set(&state.statusLine, text, level, now: state.snapshot?.now)
  }

  /// Releases a pinned status message (``StatusLineUpdate/releasePin(_:keepCurrent:)``).
  static func releaseStatusPin(_ state: inout AppState, keepCurrent: Bool = false) {
    StatusLineUpdate.releasePin(&state.statusLine, keepCurrent: keepCurrent)
  }

  /// Shows a message nobody asked for unless a refusal is pinned
  /// (``StatusLineUpdate/setBackground(_:_:_:until:now:)``).
  static func setBackgroundStatus(
    _ state: inout AppState, _ text: String, _ level: StatusLevel, until expiry: Timestamp? = nil
  ) {
    StatusLineUpdate.setBackground(&state.statusLine, text, level, until: expiry, now: state.snapshot?.now)
  }

  /// The registry actions: a key of one of these that does nothing where it
  /// was pressed says why in the status line.
  static let registryActions: Set<Action> = [
    .requestPromotion, .approveRequest, .rejectRequest, .rollback, .showHistory, .showAudit,
    .promoteRolloutStep, .promoteRolloutFull, .abortRollout, .pauseResumeRollout, .retryRollout,
    .raiseProposedWeight, .lowerProposedWeight, .acknowledgeAlert, .silenceAlert, .openIncident,
    .showIncident, .acknowledgeIncident, .assignIncident, .noteIncident, .mitigateIncident,
    .resolveIncident, .changeIncidentSeverity, .rollbackIncident, .replayIncidentHint,
  ]

  /// A key that is not bound where it was pressed: says why instead of doing
  /// nothing when it is a registry key — removed by read-only mode
  /// (`read-only: rollback disabled`), hidden by an overlay (`r rollback:
  /// close the help first (Esc)`) or bound in another pane (`P promote works
  /// in the Registry pane: Tab to it`). Other unbound keys stay quiet.
  static func unavailableKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    // A key the operator's team roles hid says which role it needs.
    if let b = state.roleDisabledBindings.first(where: {
      $0.keys.contains(key) && $0.scope.isActive(in: state.keyContext)
    }),
      let refusal = state.teamRoleRefusal(b.action)
    {
      setStatus(&state, refusal, .warn)
      return []
    }
    // Prefer the binding read-only removed from where the key was pressed
    // (Enter in a what-if proposal), else one of a pane.
    let disabled = state.disabledBindings.filter { $0.keys.contains(key) }
    if let b = disabled.first(where: { $0.scope.isActive(in: state.keyContext) }) {
      setStatus(&state, "read-only: \(noun(b.action)) disabled", .warn)
      return []
    }
    // Removed elsewhere only (a keymap may move an action off this pane's
    // key): say where the key meant it, not as if it meant it here.
    if let b = disabled.first(where: { if case .overlay = $0.scope { return false } else { return true } }) {
      setStatus(
        &state, "read-only: \(noun(b.action)) disabled (\(key) in the \(b.scope.label) pane)", .warn)
      return []
    }
    guard
      let b = state.keyMap.bindings.first(where: {
        $0.keys.contains(key) && registryActions.contains($0.action)
      })
    else { return [] }
    let name = "\(key) \(b.hint)"
    if let overlay = state.overlay {
      setStatus(&state, "\(name): close the \(KeyScope.overlay(overlay).label) first (Esc)", .warn)
    } else {
      setStatus(&state, "\(name) works in the \(b.scope.label) pane: Tab to it", .warn)
    }
    return []
  }

  /// What an action is called in messages: `promotion`, `approval`,
  /// `rejection`, `rollback`, `rollout control` (every rollout key).
  static func noun(_ action: Action) -> String {
    switch action {
    case .requestPromotion: return "promotion"
    case .approveRequest: return "approval"
    case .rejectRequest: return "rejection"
    case .rollback: return "rollback"
    case .showHistory: return "history"
    case .showAudit: return "audit"
    case .promoteRolloutStep, .promoteRolloutFull, .abortRollout, .pauseResumeRollout, .retryRollout:
      return "rollout control"
    case .confirmProposedWeight: return "canary weight change"
    case .raiseProposedWeight, .lowerProposedWeight: return "what-if"
    case .acknowledgeAlert: return "alert acknowledgement"
    case .silenceAlert: return "silencing"
    case .openIncident: return "opening incidents"
    case .acknowledgeIncident, .assignIncident, .noteIncident, .mitigateIncident, .resolveIncident,
      .changeIncidentSeverity:
      return "incident control"
    case .rollbackIncident: return "rollback"
    default: return action.rawValue
    }
  }

  /// Performs the registry, dialog and overlay actions.
  static func performRegistry(_ state: inout AppState, _ action: Action) -> [AppEffect] {
    switch action {
    case .requestPromotion, .approveRequest, .rejectRequest, .rollback, .showHistory, .showAudit:
      guard let registry = state.registry else {
        setStatus(&state, state.registryProblem ?? noRegistryText, .warn)
        return []
      }
      return open(&state, action, registry: registry)
    case .submitDialog:
      return submit(&state)
    case .cancelDialog:
      if let dialog = state.dialog { setStatus(&state, "cancelled: " + dialog.title.lowercased(), .info) }
      state.dialog = nil
      return []
    case .nextDialogField:
      if var dialog = state.dialog, !dialog.fields.isEmpty {
        dialog.focusedField = (dialog.focusedField + 1) % dialog.fields.count
        state.dialog = dialog
      }
      return []
    case .deleteDialogCharacter:
      if var dialog = state.dialog, dialog.fields.indices.contains(dialog.focusedField) {
        if !dialog.fields[dialog.focusedField].text.isEmpty {
          dialog.fields[dialog.focusedField].text.removeLast()
        }
        state.dialog = dialog
      }
      return []
    case .closeOverlay:
      closeTopOverlay(&state)
      return []
    case .scrollUp: scroll(&state, by: -1)
    case .scrollDown: scroll(&state, by: 1)
    case .pageUp:
      scroll(&state, by: state.overlays.isEmpty ? -state.pageRows(of: state.focus, down: false) : -pageRows)
    case .pageDown:
      scroll(&state, by: state.overlays.isEmpty ? state.pageRows(of: state.focus, down: true) : pageRows)
    case .scrollToTop: scroll(&state, by: -edgeRows)
    case .scrollToBottom: scroll(&state, by: edgeRows)
    case .openEntry: openEntry(&state)
    default: break
    }
    return []
  }

  /// Opens the dialog or overlay of `action` for the selection.
  static func open(_ state: inout AppState, _ action: Action, registry: RegistrySnapshot) -> [AppEffect] {
    if action == .showAudit {
      state.history = nil
      state.audit = AuditOverlayState()
      return [.loadAudit]
    }
    guard let artefact = state.selectedVersion?.artefact ?? state.selectedArtefact else {
      setStatus(&state, "\(noun(action)): select a version in the Registry first", .warn)
      return []
    }
    guard let entry = registry.artefact(artefact) else {
      setStatus(&state, "\(artefact) is not registered (flightdeck registry register)", .warn)
      return []
    }
    switch action {
    case .showHistory:
      state.history = HistoryOverlayState(artefact: artefact)
      return [.loadHistory(artefact)]
    case .rollback:
      guard let production = entry.pointers[.production] else {
        setStatus(&state, "\(artefact) has no production version to roll back", .warn)
        return []
      }
      state.dialog = RegistryDialog(
        kind: .rollback, artefact: artefact, version: production, seenPointers: entry.pointers,
        seenProduction: production, fields: [.init(label: "reason", required: true)])
      return [.loadHistory(artefact)]
    default:
      break
    }
    guard let version = state.selectedVersion?.version, state.selectedVersion?.artefact == artefact else {
      setStatus(&state, "\(noun(action)): select a version of \(artefact) first", .warn)
      return []
    }
    guard entry.versions.contains(where: { $0.label == version }) else {
      setStatus(&state, "\(artefact) \(version) is not registered (flightdeck registry register)", .warn)
      return []
    }
    if action == .requestPromotion {
      state.dialog = RegistryDialog(
        kind: .promote, artefact: artefact, version: version, seenPointers: entry.pointers,
        seenProduction: entry.pointers[.production],
        fields: [
          .init(label: "target", text: PointerName.production.rawValue, required: true),
          .init(label: "reason", required: true),
        ])
      state.dialog?.focusedField = 1
      return []
    }
    guard let request = registry.openRequests(artefact: artefact, version: version).first else {
      setStatus(&state, "no open request on \(artefact) \(version)", .warn)
      return []
    }
    state.dialog = RegistryDialog(
      kind: action == .approveRequest ? .approve : .reject, artefact: artefact, version: version,
      requestID: request.id, requestSummary: summary(request), seenPointers: entry.pointers,
      seenProduction: entry.pointers[.production],
      fields: [.init(label: "comment", required: action == .rejectRequest)])
    return []
  }

  /// `REQ-3 production v12 → v13, approvals 1/2 (needs release-manager), by alice: reason`.
  static func summary(_ r: PromotionRequest) -> String {
    var text =
      "\(r.displayID) \(r.target) \(r.fromVersion ?? "none") → \(r.version), approvals \(r.approvalText)"
    if let role = r.rule.requiredRole { text += " (needs \(role))" }
    text += ", by \(r.requester)"
    if !r.reason.isEmpty { text += ": " + r.reason }
    return text
  }

  /// Checks the dialog's fields and turns it into its registry command.
  static func submit(_ state: inout AppState) -> [AppEffect] {
    guard var dialog = state.dialog else { return [] }
    if let blank = dialog.fields.first(where: { $0.required && $0.text.trimmingWhitespace().isEmpty }) {
      dialog.problem =
        dialog.kind == .reject
        ? "comment is required: say why the request is rejected" : "\(blank.label) is required"
      state.dialog = dialog
      setStatus(&state, dialog.problem ?? "", .warn)
      return []
    }
    let command: RegistryCommand
    switch dialog.kind {
    case .openIncident, .silence, .assignIncident, .noteIncident, .mitigateIncident, .resolveIncident,
      .incidentSeverity:
      return submitIncident(&state, dialog)
    case .promoteRolloutFull:
      command = .rolloutEvent(artefact: dialog.artefact, event: .promote(full: true))
    case .setCanaryWeight:
      guard let percent = dialog.proposedWeight else { return [] }
      if let running = state.registry?.artefact(dialog.artefact)?.rollout {
        state.dialog = nil
        setStatus(&state, weightRefusal(running), .warn)
        return []
      }
      let typed = dialog.text(of: "reason").trimmingWhitespace()
      command = .setCanaryWeight(
        artefact: dialog.artefact, percent: percent,
        reason: typed.isEmpty ? "what-if from the dashboard: canary weight → \(percent)%" : typed)
      state.whatIf = nil
    case .abortRollout:
      command = .rolloutEvent(
        artefact: dialog.artefact, event: .abort(reason: dialog.text(of: "reason").trimmingWhitespace()))
    case .promoteRolloutStep, .retryRollout:
      command = .rolloutEvent(
        artefact: dialog.artefact, event: dialog.kind == .retryRollout ? .retry : .promote(full: false),
        reason: dialog.text(of: "reason").trimmingWhitespace())
    case .promote:
      let name = dialog.text(of: "target").trimmingWhitespace()
      guard PointerName.isValid(name), let target = try? PointerName(name) else {
        dialog.problem = "target \"\(name)\" is not a pointer name (lower-case letters, digits, - or _)"
        state.dialog = dialog
        setStatus(&state, dialog.problem ?? "", .warn)
        return []
      }
      command = .requestPromotion(
        artefact: dialog.artefact, version: dialog.version, target: target,
        reason: dialog.text(of: "reason").trimmingWhitespace(),
        expectedFrom: .some(dialog.seenPointers[target]), override: nil)
    case .approve, .reject:
      guard let id = dialog.requestID else { return [] }
      let comment = dialog.text(of: "comment").trimmingWhitespace()
      command =
        dialog.kind == .approve
        ? .approve(requestID: id, comment: comment) : .reject(requestID: id, comment: comment)
    case .rollback:
      if let id = dialog.incidentID,
        dialog.text(of: "reason").trimmingWhitespace() == rollbackReasonPrefix(id).trimmingWhitespace()
      {
        dialog.problem = "reason is required: say why, after INC-\(id):"
        state.dialog = dialog
        setStatus(&state, dialog.problem ?? "", .warn)
        return []
      }
      command = .rollback(
        artefact: dialog.artefact, to: dialog.rollbackTarget,
        reason: dialog.text(of: "reason").trimmingWhitespace(),
        expectedProduction: .some(dialog.seenProduction))
    }
    state.dialog = nil
    return [.registry(command)]
  }

  /// Shows a command's outcome: success in the ok style, refusals in warn,
  /// storage failures in critical.
  static func receiveOutcome(
    _ state: inout AppState, _ result: Result<RegistryOutcome, RegistryError>
  ) -> [AppEffect] {
    switch result {
    case .success(let outcome):
      var parts = [outcome.message] + outcome.warnings
      if let request = outcome.request, request.state == .pending, !request.approvers.isEmpty,
        request.approvers.count < request.rule.approvals
      {
        // Approved, and more approvals are needed: say how to give the next one.
        parts.append("next approver: " + approveCommand(request, state: state))
      }
      let text = parts.joined(separator: " · ")
      state.ownMoveIDs.formUnion(outcome.moves.map(\.id))
      setStatus(&state, text, .ok)
    case .failure(let error):
      let (text, level) = describe(error)
      setStatus(&state, text, level)
    }
    return []
  }

  /// Announces in the status line the pointer moves that appeared between
  /// `old` and `new` and were not made by this dashboard (another operator,
  /// the CLI), e.g. "bob moved support-bot production v12 → v13 (REQ-4)", so
  /// a change from elsewhere is noticed, not just redrawn.
  static func announceForeignMoves(_ state: inout AppState, old: RegistrySnapshot?, new: RegistrySnapshot) {
    guard let old else { return }
    let seen = old.artefacts.flatMap { $0.lastMoves.values.map(\.id) }.max() ?? 0
    let fresh = new.artefacts.flatMap { $0.lastMoves.values }
      .filter { $0.id > seen && !state.ownMoveIDs.contains($0.id) }
      .sorted { $0.id < $1.id }
    guard let last = fresh.last else { return }
    let request = last.requestID.map { " (REQ-\($0))" } ?? (last.cause == .rollback ? " (rollback)" : "")
    var text =
      "\(last.actor) moved \(last.artefact) \(last.pointer) \(last.fromVersion ?? "none") → \(last.toVersion ?? "none")\(request)"
    if fresh.count > 1 { text += " and \(fresh.count - 1) more" }
    setBackgroundStatus(&state, text, last.cause == .rollback ? .warn : .info)
  }

  /// The status text and level of a registry error.
  public static func describe(_ error: RegistryError) -> (String, StatusLevel) {
    switch error.code {
    case .changedSinceYouLooked:
      let m = error.message
      return (
        m.lowercased().contains("changed since you looked") ? m : "changed since you looked: " + m, .warn
      )
    case .invalidInput, .notFound, .alreadyExists, .fourEyes, .duplicateDecision, .missingRole,
      .requestClosed, .notApplicable, .gatesNotPassed:
      return ("refused: " + error.message, .warn)
    case .noWorkspace, .schemaTooNew, .corrupt, .readOnly, .diskFull, .busy, .storage:
      return ("registry error: " + error.message, .critical)
    }
  }

  /// Puts loaded pointer moves into the history overlay and, for a rollback
  /// dialog waiting for it, works out the version production goes back to.
  static func receiveHistory(
    _ state: inout AppState, artefact: String, _ result: Result<[PointerMove], RegistryError>
  ) -> [AppEffect] {
    if var history = state.history, history.artefact == artefact {
      switch result {
      case .success(let moves): history.moves = moves
      case .failure(let error): history.error = error.message
      }
      state.history = history
    }
    if var dialog = state.dialog, dialog.kind == .rollback, dialog.artefact == artefact,
      dialog.rollbackTarget == nil, case .success(let moves) = result
    {
      let rolledBack = Set(
        state.registry?.artefact(artefact)?.versions.filter { $0.rolledBackAt != nil }.map(\.label) ?? [])
      dialog.rollbackTarget = previousProduction(
        moves, current: dialog.seenProduction, rolledBack: rolledBack)
      state.dialog = dialog
    }
    if case .failure(let error) = result, state.history?.artefact != artefact {
      let (text, level) = describe(error)
      setStatus(&state, text, level)
    }
    return []
  }

  /// The version production pointed to before `current`, by the store's
  /// own rule (`SQLiteRegistryStore`'s rollback): walking production's
  /// moves newest first (each move's `to`, then its `from` version), the
  /// first that is not `current` and was never rolled back; `nil` when none.
  public static func previousProduction(
    _ moves: [PointerMove], current: String?, rolledBack: Set<String>
  ) -> String? {
    let production = moves.filter { $0.pointer == .production }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    for m in production.reversed() {
      for candidate in [m.toVersion, m.fromVersion].compactMap({ $0 })
      where candidate != current && !rolledBack.contains(candidate) {
        return candidate
      }
    }
    return nil
  }

  /// Puts the audit log into the audit pane and reports the chain's state.
  static func receiveAudit(
    _ state: inout AppState, _ result: Result<([AuditEntry], AuditVerification), RegistryError>
  ) -> [AppEffect] {
    var audit = state.audit ?? AuditOverlayState()
    switch result {
    case .success(let (entries, verification)):
      audit.entries = entries
      audit.verification = verification
      // Open on what matters: the first tampered entry (two rows of context
      // above it), else the newest page.
      let room = AuditOverlay.visibleRows(width: state.width, height: state.height)
      let lastPage = max(0, entries.count - room)
      if let p = verification.problem, let i = entries.firstIndex(where: { $0.sequence >= p.sequence }) {
        audit.offset = min(max(0, i - 2), lastPage)
      } else {
        audit.offset = lastPage
      }
      if let problem = verification.problem {
        setStatus(
          &state, "audit chain TAMPERED at #\(problem.sequence): \(problem.tampering.rawValue)", .critical)
      } else if !verification.mismatches.isEmpty {
        setStatus(
          &state,
          "audit log and tables DISAGREE: \(verification.mismatches.count) unaudited or missing row(s)",
          .critical)
      } else {
        setStatus(&state, "audit chain intact: \(verification.entriesChecked) entries", .ok)
      }
    case .failure(let error):
      audit.error = error.message
      let (text, level) = describe(error)
      setStatus(&state, text, level)
    }
    if state.audit != nil { state.audit = audit }
    return []
  }

  /// Scrolls the top overlay by `delta` rows (``scrollTopOverlay(_:by:)``);
  /// with no view open, moves the focused list pane's selection instead.
  static func scroll(_ state: inout AppState, by delta: Int) {
    if !state.overlays.isEmpty {
      scrollTopOverlay(&state, by: delta)
    } else if state.overlay == nil && state.focus != .charts {
      // No view open: PgUp/PgDn/Home/End move the focused list pane's selection.
      moveSelection(&state, by: delta)
    }
  }
}

extension String {
  /// The string without leading and trailing whitespace.
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s = s.dropFirst() }
    while let l = s.last, l.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
