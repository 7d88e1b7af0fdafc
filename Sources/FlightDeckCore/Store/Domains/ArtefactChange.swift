/// One change to the registry itself: artefacts, versions, the `production` pointer's rollback, the configuration in force, gate results and imports: a transaction of ``ArtefactStore``.
///
/// Each is one transaction that appends its audit entries; a refusal
/// changes nothing. The `expected…` fields carry what the caller last saw:
/// when set, the store refuses with `.changedSinceYouLooked` if the state
/// differs, so two operators acting on the same screen never overwrite each other.
public enum ArtefactChange: Sendable, Hashable {
  /// Registers an artefact. Refused with `.alreadyExists` if the name is taken.
  case registerArtefact(
    name: String, kind: ArtefactKind, owner: String, riskTier: RiskTier, description: String)
  /// Registers a version (immutable afterwards). Refused with `.alreadyExists`
  /// if the label is taken, `.notFound` for an unknown artefact.
  ///
  /// `template`: the prompt template's text, stored with the version
  /// (``ArtefactStore/versionTemplate(artefact:version:)``); the version's
  /// source is then `sha256:` of its UTF-8 bytes (``PromptTemplate``).
  /// Refused with `.invalidInput(field: "template")` when the text breaks
  /// ``PromptTemplate``'s rules or a `source` is given that is not that digest.
  case registerVersion(
    artefact: String, label: String, source: SourceReference?, tags: [String: String], description: String,
    template: String? = nil)
  /// Moves `production` back to the previous production version (or `to`),
  /// skipping approvals by design, marks the version it leaves as rolled back
  /// and sets the artefact's canary traffic weight to 0.
  /// `expectedProduction`: the version the caller saw in production.
  case rollback(artefact: String, to: String?, reason: String, expectedProduction: String??)
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
}
