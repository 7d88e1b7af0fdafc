/// What a rollout transition asks the outside world to do; the caller carries
/// these out through the registry (so each is audited) and the router.
public enum RolloutEffect: Sendable, Hashable {
  /// Set the artefact's canary traffic weight (percent, 0–100).
  case setCanaryWeight(Int)
  /// Take one analysis measurement now and report it with ``RolloutEvent/measurement(_:)``.
  case measure
  /// Move `production` to the canary version (through the registry's
  /// promotion request and its approvals).
  case promoteCanary
  /// Mark the canary version rolled back (after an abort).
  case markRolledBack(reason: String)
}
