/// The phase of an analysis run (Argo Rollouts' AnalysisRun phases; Argo's Error is reported as
/// `failed` with an "errors" reason, because a rollout aborts on both).
public enum AnalysisPhase: String, Sendable, Hashable, Codable, CaseIterable {
  /// More measurements are due.
  case running
  /// Completed: the canary may proceed.
  case successful
  /// Completed: abort the rollout.
  case failed
  /// Completed: hold the rollout for a human.
  case inconclusive

  /// Whether the run is over.
  public var isCompleted: Bool { self != .running }
}
