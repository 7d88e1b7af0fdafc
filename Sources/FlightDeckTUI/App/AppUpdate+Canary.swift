import FlightDeckCore

/// The Canary pane's own keys: Enter opens the verdict drill-down of the
/// selected canary's latest rollout, `+`/`-` propose a canary weight and
/// project it (what-if), and Enter in the proposal confirms it through the
/// registry's ``FlightDeckCore/RegistryCommand/setCanaryWeight(artefact:percent:reason:)``.
extension AppUpdate {
  /// `support-bot RO-1 is analysing: the rollout sets the weight (pause, promote or abort it first)`.
  static func weightRefusal(_ running: RolloutRecord) -> String {
    "\(running.artefact) \(running.displayID) is \(running.state.phase.rawValue): the rollout sets the "
      + "canary weight (promote or abort it first)"
  }

  /// Performs a Canary pane key. Never silent: without a selection, a
  /// registry or data, the status line says which.
  static func performCanary(_ state: inout AppState, _ action: Action) -> [AppEffect] {
    switch action {
    case .showVerdict:
      guard let artefact = state.selection(of: .canary).key?.artefact else {
        setStatus(&state, "nothing selected to drill into", .warn)
        return []
      }
      guard state.registry?.artefact(artefact)?.displayedRollout != nil else {
        drill(&state, into: artefact)
        setStatus(&state, "\(artefact) has had no rollout: showing its versions", .info)
        return []
      }
      state.verdict = VerdictOverlayState(artefact: artefact)
      return []
    case .raiseProposedWeight, .lowerProposedWeight:
      let steps = action == .raiseProposedWeight ? 1 : -1
      if var proposal = state.whatIf {
        proposal.move(by: steps)
        state.whatIf = proposal
        return []
      }
      guard let artefact = state.selection(of: .canary).key?.artefact else {
        setStatus(&state, "what-if: select a canary first", .warn)
        return []
      }
      let entry = state.registry?.artefact(artefact)
      if let running = entry?.rollout {
        setStatus(&state, weightRefusal(running), .warn)
        return []
      }
      // The canary is the production version (its promotion finished): a
      // weight would only shift traffic from a version to itself.
      if let promoted = CanaryPane.promotedVersion(entry) {
        setStatus(
          &state,
          "what-if: \(artefact)'s canary \(promoted) is its production version: no split to shift "
            + "(put a new version on the canary first)", .warn)
        return []
      }
      // The registry's weight, else (no registry) the split the window saw.
      let observed = state.snapshot?.whatIf[artefact].map { Int($0.currentCanaryWeightPercent.rounded()) }
      var proposal = WhatIfProposal(
        artefact: artefact, currentWeight: entry?.canaryWeightPercent ?? observed ?? 0)
      proposal.move(by: steps)
      state.whatIf = proposal
      return []
    case .confirmProposedWeight:
      guard let proposal = state.whatIf else { return [] }
      guard let registry = state.registry else {
        setStatus(&state, state.registryProblem ?? noRegistryText, .warn)
        return []
      }
      guard let entry = registry.artefact(proposal.artefact) else {
        setStatus(&state, "\(proposal.artefact) is not registered (flightdeck registry register)", .warn)
        return []
      }
      if let running = entry.rollout {
        state.whatIf = nil
        setStatus(&state, weightRefusal(running), .warn)
        return []
      }
      guard proposal.proposedWeight != entry.canaryWeightPercent else {
        setStatus(
          &state,
          "\(proposal.artefact) canary weight is already \(proposal.proposedWeight) %: +/- to change it",
          .info)
        return []
      }
      var dialog = RegistryDialog(
        kind: .setCanaryWeight, artefact: proposal.artefact, version: entry.pointers[.canary] ?? "none",
        seenPointers: entry.pointers, fields: [.init(label: "reason", required: false)])
      dialog.proposedWeight = proposal.proposedWeight
      dialog.seenWeight = entry.canaryWeightPercent
      dialog.projection =
        WhatIfPanel.report(proposal, snapshot: state.snapshot).map(WhatIfPanel.summaryLines) ?? []
      state.dialog = dialog
      return []
    default:
      return []
    }
  }
}
