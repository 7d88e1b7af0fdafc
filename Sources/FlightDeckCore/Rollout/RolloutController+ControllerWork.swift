/// The rollout controller as the controller's work: a round when one is due
/// (``RolloutController/roundIfDue()``), logged as one line per step that
/// changed a rollout and per problem.
extension RolloutController: ControllerWork {
  /// `rollouts`.
  public var workName: String { "rollouts" }

  /// Runs a round if due.
  /// - Returns: `RO-1 support-bot: paused: step 2/7 …` per changed rollout, then the problems.
  public func runIfDue() -> [String] {
    guard let round = roundIfDue() else { return [] }
    var lines: [String] = []
    for stepped in round.steps where stepped.step.changed {
      guard let rollout = stepped.step.rollout else { continue }
      var line =
        "\(rollout.displayID) \(stepped.artefact): \(rollout.state.phase.rawValue): \(rollout.state.message)"
      if let verdict = stepped.step.verdict { line += " — measurement \(verdict.summary)" }
      lines.append(line)
    }
    return lines + round.problems
  }
}
