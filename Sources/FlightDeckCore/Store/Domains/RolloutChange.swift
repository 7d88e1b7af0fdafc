/// One change to canary traffic weights and rollouts: a transaction of ``RolloutStore``.
///
/// Each is one transaction that appends its audit entries; a refusal
/// changes nothing. The `expected…` fields carry what the caller last saw:
/// when set, the store refuses with `.changedSinceYouLooked` if the state
/// differs, so two operators acting on the same screen never overwrite each other.
public enum RolloutChange: Sendable, Hashable {
  /// Sets the canary traffic weight of an artefact (percent of user-facing
  /// requests, 0–100).
  case setCanaryWeight(artefact: String, percent: Int, reason: String)
  /// Starts a rollout of `plan.canaryVersion` of `plan.artefact`: runs
  /// ``RolloutState/start(_:at:)`` at the store clock's now and applies its
  /// effects in the same transaction (the `canary` pointer is moved to the
  /// version if needed, cause `assignment`, and the canary weight set to the
  /// first step's), audited as `rollout.start` plus the usual `pointer.move`
  /// and `canary.weight` entries. Refused with `.notFound` for an unknown
  /// artefact or version, `.alreadyExists` while another rollout of the
  /// artefact is unfinished, `.notApplicable` when the version is the one in
  /// production.
  case startRollout(RolloutPlan)
  /// Feeds `event` to the artefact's newest rollout
  /// (``RolloutState/handle(_:at:)`` at the store clock's now) and applies
  /// the effects in the same transaction: `setCanaryWeight` moves the canary
  /// pointer if needed and sets the weight; `markRolledBack` marks the canary
  /// version rolled back; `promoteCanary` asks for a `production` promotion
  /// through the normal path (gates and approvals apply; applied at once when
  /// the tier needs no approval); `measure` is returned in
  /// ``RegistryOutcome/rolloutEffects`` for a driver to take. Audited as
  /// `rollout.tick` (only when the tick changed something), `rollout.measurement`,
  /// `rollout.promote`, `rollout.abort`, `rollout.pause`, `rollout.resume`,
  /// `rollout.retry`, with before/after `{"phase","step","weight"}`.
  /// Refused with `.notFound` when the artefact has no rollout, and
  /// `.notApplicable` when the state machine refuses the event (a
  /// ``RolloutError``: already finished, not paused, …). `reason`, when a
  /// human gave one (the dashboard's step and retry dialogs ask for it),
  /// leads the audit entry's reason, before the state machine's message.
  case rolloutEvent(artefact: String, event: RolloutEvent, reason: String? = nil)
}
