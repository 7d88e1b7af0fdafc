/// The registry domain of a store: artefacts, versions, pointers, gate
/// results and the configuration in force.
///
/// Every backend (SQLite, the embedded default; PostgreSQL for teams)
/// implements it, and passes the same contract tests.
public protocol ArtefactStore: Sendable {
  /// Performs one registry change as `actor`, atomically with its audit entries.
  ///
  /// Expired requests are marked expired (audited as `system:registry`) in the same
  /// transaction before the change runs.
  /// - Returns: what changed.
  /// - Throws: ``RegistryError``: a refusal (invalid input, not found, changed
  ///   since you looked, missing role, …) or a storage failure; the store is unchanged.
  func perform(_ change: ArtefactChange, as actor: OperatorIdentity) throws -> RegistryOutcome

  /// Reads the whole registry (artefacts, versions, pointers, open and recent requests).
  /// - Throws: ``RegistryError`` on a storage failure.
  func snapshot() throws -> RegistrySnapshot

  /// Every move of the pointers of `artefact` (all pointers when `pointer` is
  /// `nil`), oldest first.
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown artefact).
  func pointerHistory(artefact: String, pointer: PointerName?) throws -> [PointerMove]

  /// The gate records of `version` of `artefact`, newest first (the first
  /// is the one promotions consult); empty when never checked.
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown artefact or version).
  func gateResults(artefact: String, version: String) throws -> [GateRecord]

  /// The prompt template stored with `version` of `artefact`
  /// (``ArtefactChange/registerVersion(artefact:label:source:tags:description:template:)``),
  /// exactly as registered; `nil` when the version was registered without one.
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown artefact or
  ///   version, `.invalidInput` for a malformed name or label).
  func versionTemplate(artefact: String, version: String) throws -> String?

  /// The evaluation-gate policy in force: the workspace's (last applied
  /// with ``ArtefactChange/applyConfiguration(policy:roles:gates:)``), else
  /// the one the store was opened with.
  /// - Throws: ``RegistryError`` on a storage failure or a damaged configuration.
  func gatePolicyInForce() throws -> GatePolicy
}
