import FlightDeckCore

/// The rollout keys (`]` step, `}` promote in full, `X` abort, `z` pause or
/// resume, `y` retry), acting on the selected artefact's unfinished rollout
/// (Argo Rollouts' `promote`, `promote --full`, `abort`, `pause`, `resume`,
/// `retry`). Each sends ``FlightDeckCore/RegistryCommand/rolloutEvent(artefact:event:reason:)``;
/// the store applies it, audits it and answers in the status line. The keys
/// that override the judge or skip its analysis — `]`, `}`, `X`, `y` —
/// open a confirmation dialog first; `]`, `X` and `y` ask for a reason,
/// which goes to the audit entry.
extension AppUpdate {
  /// `no rollout on support-agent (flightdeck rollout start …)`.
  static func noRolloutText(_ artefact: String) -> String {
    "no rollout on \(artefact) (flightdeck rollout start …)"
  }

  /// Performs a rollout key. Never silent: without a registry, a selection,
  /// a registered artefact or a rollout, the status line says which.
  static func performRollout(_ state: inout AppState, _ action: Action) -> [AppEffect] {
    guard let registry = state.registry else {
      setStatus(&state, state.registryProblem ?? noRegistryText, .warn)
      return []
    }
    guard let artefact = state.selectedArtefact else {
      setStatus(&state, "rollout control: select an artefact first", .warn)
      return []
    }
    guard let entry = registry.artefact(artefact) else {
      setStatus(&state, "\(artefact) is not registered (flightdeck registry register)", .warn)
      return []
    }
    if action == .retryRollout || action == .promoteRolloutStep,
      let shown = action == .retryRollout ? entry.displayedRollout : entry.rollout
    {
      // An aborted rollout is finished, so the snapshot carries it as the
      // latest rather than the running one; the store retries the newest
      // one (or says why it cannot).
      state.dialog = RegistryDialog(
        kind: action == .retryRollout ? .retryRollout : .promoteRolloutStep, artefact: artefact,
        version: shown.plan.canaryVersion, seenPointers: entry.pointers,
        seenProduction: entry.pointers[.production], rolloutSummary: RolloutSummary.text(shown),
        fields: [.init(label: "reason", required: true)])
      return []
    }
    guard let rollout = entry.rollout else {
      setStatus(&state, noRolloutText(artefact), .warn)
      return []
    }
    let event: RolloutEvent
    switch action {
    case .promoteRolloutFull, .abortRollout:
      let abort = action == .abortRollout
      state.dialog = RegistryDialog(
        kind: abort ? .abortRollout : .promoteRolloutFull, artefact: artefact,
        version: rollout.plan.canaryVersion, seenPointers: entry.pointers,
        seenProduction: entry.pointers[.production], rolloutSummary: RolloutSummary.text(rollout),
        fields: abort ? [.init(label: "reason", required: true)] : [])
      return []
    case .pauseResumeRollout: event = rollout.state.pausedAt == nil ? .pause : .resume
    default:
      setStatus(&state, noRolloutText(artefact), .warn)
      return []
    }
    return [.registry(.rolloutEvent(artefact: artefact, event: event))]
  }
}
