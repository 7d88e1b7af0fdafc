/// One mutation of the registry: what the CLI commands and the dashboard's
/// keys ask the store to do. Each is one transaction that appends its audit
/// entries; a refusal changes nothing.
///
/// The `expected…` fields carry what the caller last saw. When set, the store
/// refuses with `.changedSinceYouLooked` if the state differs, so two
/// operators acting on the same screen never overwrite each other.
public enum RegistryCommand: Sendable, Hashable {
  /// Registers an artefact. Refused with `.alreadyExists` if the name is taken.
  case registerArtefact(
    name: String, kind: ArtefactKind, owner: String, riskTier: RiskTier, description: String)
  /// Registers a version (immutable afterwards). Refused with `.alreadyExists`
  /// if the label is taken, `.notFound` for an unknown artefact.
  case registerVersion(
    artefact: String, label: String, source: SourceReference?, tags: [String: String], description: String)
  /// Asks to move `target` to `version`. Applied at once when the risk policy
  /// needs no approvals (any pointer but `production`, or a `low` tier);
  /// otherwise pending. `expectedFrom`: the version the caller saw `target`
  /// at (`.some(nil)`: saw it unset; `nil`: no check).
  ///
  /// A move of `production` is refused with `.gatesNotPassed` when the
  /// version's latest gate record fails, is missing, or does not meet the
  /// gate policy in force for the artefact's tier
  /// (``GateRecord/promotionBlockers(_:artefact:version:policy:tier:)``),
  /// unless `override` gives a reason: the `request.create` audit entry then
  /// records `{"override": …, "blockers": […]}`. Other pointers are not gated.
  case requestPromotion(
    artefact: String, version: String, target: PointerName, reason: String, expectedFrom: String??,
    override: String? = nil)
  /// Approves a pending request; when it then has the approvals and role its
  /// rule needs, the pointer moves in the same transaction.
  case approve(requestID: Int64, comment: String)
  /// Rejects a pending request.
  case reject(requestID: Int64, comment: String)
  /// Withdraws a pending request (its requester only).
  case cancel(requestID: Int64, comment: String)
  /// Moves `production` back to the previous production version (or `to`),
  /// skipping approvals by design, marks the version it leaves as rolled back
  /// and sets the artefact's canary traffic weight to 0.
  /// `expectedProduction`: the version the caller saw in production.
  case rollback(artefact: String, to: String?, reason: String, expectedProduction: String??)
  /// Sets the canary traffic weight of an artefact (percent of user-facing
  /// requests, 0–100).
  case setCanaryWeight(artefact: String, percent: Int, reason: String)
  /// Makes `policy` and `roles` the workspace's configuration in force: from
  /// then on every process on the workspace counts approvals by this policy
  /// and takes operators' roles from this table, whatever configuration file
  /// it was started with. No-op (nothing audited) when equal to the one in
  /// force (compared by ``RiskPolicy/digest(roles:)``). Refused with
  /// `.missingRole("release-manager")` when the configuration in force names
  /// release managers and the actor is not one of them; a workspace with no
  /// configuration yet, or with no `release-manager` role, accepts the first.
  ///
  /// `gates` is the evaluation-gate policy promotions to `production` are
  /// judged by; it is part of the digest (``RiskPolicy/digest(roles:gates:)``).
  case applyConfiguration(policy: RiskPolicy, roles: [String: [String]], gates: GatePolicy = .standard)
  /// Records a gate check's report on `version` of `artefact` (every run is
  /// kept; the newest is current), audited as `gate.check`. Refused with
  /// `.notFound` for an unknown artefact or version, `.invalidInput` when
  /// the report is too large (over 200 gates or inputs).
  case recordGateResults(artefact: String, version: String, report: GateReport)
  /// Imports an artefact with its versions and pointers from another registry;
  /// anything already present and equal is left alone, so importing the same
  /// plan twice changes nothing the second time.
  case importArtefact(RegistryImportPlan)
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
  /// Records alert state changes from an ``AlertEvaluator``. Each applies
  /// only when the stored state is the transition's `from` (no row for
  /// `nil`), so two dashboards on one workspace evaluating the same rules
  /// write each change once; the others are skipped and counted in the
  /// message. Starting to fire is audited `alert.firing`, stopping
  /// `alert.resolved` (alert name, labels, value, severity); pending,
  /// no-data and inactive changes are stored but not audited. A transition
  /// to `inactive` deletes the row.
  case recordAlertTransitions([AlertTransition])
  /// Acknowledges the firing alert instance `fingerprint` as the actor,
  /// audited `alert.acknowledge`. Refused with `.notFound` for an unknown
  /// fingerprint, `.notApplicable` when it is not firing, `.alreadyExists`
  /// when already acknowledged.
  case acknowledgeAlert(fingerprint: String, comment: String)
  /// Creates a silence by the actor, audited `silence.create`. Refused with
  /// `.invalidInput` for no matchers, a bad matcher, `endsAt ≤ startsAt` or
  /// `endsAt ≤ now`, or an empty comment.
  case createSilence(matchers: [AlertLabelMatcher], startsAt: Timestamp, endsAt: Timestamp, comment: String)
  /// Ends silence `id` now, audited `silence.expire`. Refused with
  /// `.notFound` for an unknown id, `.notApplicable` when already ended.
  case expireSilence(id: Int64)

  // MARK: Incidents (SQLiteRegistryTransaction+Incidents.swift)

  /// Opens an incident (state `triggered`, audited as `incident.open`, subject
  /// `INC-<id>`). Linked artefacts, versions and rollouts must exist.
  /// Idempotent for alert firings: when an incident already links one of
  /// `links.alerts`' firings (same fingerprint and firing start), nothing is
  /// written and the outcome carries that incident. Refused with
  /// `.invalidInput` for an empty title, or `source` `.alert` without alert
  /// links; `.notFound` for an unknown link.
  case openIncident(
    title: String, severity: IncidentSeverity, commander: String?, links: IncidentLinks,
    source: IncidentSource)
  /// Acknowledges a triggered incident (`incident.acknowledge`). Refused
  /// with `.notFound` for an unknown incident, `.notApplicable` when it is
  /// already acknowledged, mitigated or resolved.
  case acknowledgeIncident(id: Int64)
  /// Makes `commander` the incident commander (`incident.assign`); no-op
  /// when already so. Refused with `.notApplicable` once resolved.
  case assignIncident(id: Int64, commander: String)
  /// Adds a note to the timeline (`incident.note`), in any state.
  case addIncidentNote(id: Int64, text: String)
  /// Changes the severity (`incident.severity`); no-op when equal. Refused
  /// with `.notApplicable` once resolved.
  case setIncidentSeverity(id: Int64, severity: IncidentSeverity)
  /// Marks the impact stopped (`incident.mitigate`, `note` as the reason);
  /// stamps the acknowledgement too when skipped. Refused with
  /// `.notApplicable` when already mitigated or resolved.
  case mitigateIncident(id: Int64, note: String)
  /// Resolves the incident (`incident.resolve`); stamps skipped stages.
  /// Refused with `.notApplicable` when already resolved.
  case resolveIncident(id: Int64, note: String)
  /// Records that a retrospective was written to `path` with SHA-256 hex
  /// `digest` (`incident.retro`), in any state; the last one is kept.
  case recordRetro(incident: Int64, path: String, digest: String)
}
