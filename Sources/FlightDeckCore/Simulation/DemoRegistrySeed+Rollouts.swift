extension DemoRegistrySeed {
  /// What happened to one of the scenario's rollouts when the demo opened.
  public struct StoryRollout: Sendable, Hashable {
    /// The artefact.
    public var artefact: String
    /// The rollout started now, or `nil` when it was not started.
    public var started: RolloutRecord?
    /// Why it was not started (a rollout already running, the version
    /// rolled back by an earlier run, the artefact not registered).
    public var skipped: String?
  }

  /// Starts the scenario's `[[rollout]]`s (``Scenario/rollouts``) through
  /// the store, as `actor` (the demo uses `alice`, a release manager):
  /// the story's rollouts begin when the demo's screen opens.
  ///
  /// A rollout is skipped, with the reason, when its artefact is not
  /// registered, already has an unfinished rollout (a demo restarted on the
  /// same workspace carries on with it), or its version is marked rolled back
  /// (an earlier run aborted it: `flightdeck demo --fresh` plays the story again).
  /// - Returns: one entry per scenario rollout, in file order.
  /// - Throws: ``RegistryError`` when the store cannot be read or refuses a
  ///   start for another reason.
  public static func startRollouts(
    _ store: any RegistryStore, scenario: Scenario, as actor: OperatorIdentity
  ) throws -> [StoryRollout] {
    var out: [StoryRollout] = []
    for rollout in scenario.rollouts {
      let plan = rollout.plan
      let snapshot = try store.snapshot()
      guard let entry = snapshot.artefact(plan.artefact) else {
        out.append(StoryRollout(artefact: plan.artefact, skipped: "\(plan.artefact) is not registered"))
        continue
      }
      if let running = entry.rollout {
        out.append(
          StoryRollout(artefact: plan.artefact, skipped: "\(running.displayID) is still running"))
        continue
      }
      if entry.versions.first(where: { $0.label == plan.canaryVersion })?.rolledBackAt != nil {
        out.append(
          StoryRollout(
            artefact: plan.artefact,
            skipped: "\(plan.canaryVersion) was rolled back by an earlier run (demo --fresh plays it again)"))
        continue
      }
      let outcome = try store.perform(.startRollout(plan), as: actor)
      out.append(StoryRollout(artefact: plan.artefact, started: outcome.rollout))
    }
    return out
  }
}
