/// Where a rollout is (Argo Rollouts' and Flagger's states, as the issue names them).
public enum RolloutPhase: String, Sendable, Hashable, Codable, CaseIterable {
  /// Moving through its steps (setting weights).
  case progressing
  /// Holding: a timed pause, a pause until promoted, or paused by a human.
  case paused
  /// Running an analysis step.
  case analysing
  /// Every step passed (or a human promoted it): the canary should become production.
  case promoted
  /// Stopped: canary weight 0, the version marked rolled back.
  case aborted
  /// An analysis could not decide: holding, a human must promote, retry or abort.
  case inconclusive

  /// Whether the rollout is over (promoted or aborted).
  public var isFinished: Bool { self == .promoted || self == .aborted }
}
