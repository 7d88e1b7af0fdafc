/// The one interface between FlightDeck and where its registry lives.
///
/// Panes and commands speak only this protocol: domain operations as
/// ``RegistryCommand`` values, each one transaction that checks the state it
/// expects and appends its audit entries, and immutable reads. The SQLite
/// implementation (``SQLiteRegistryStore``) is the default; a PostgreSQL one
/// can slot in behind the same protocol without touching panes or commands.
///
/// Implementations take their clock, risk policy and role table at creation,
/// are safe to use from any thread, and never lose an update between two
/// processes on the same workspace.
public protocol RegistryStore: Sendable {
  /// Performs one mutation as `actor`, atomically with its audit entries.
  ///
  /// Expired requests are marked expired (audited as `system:registry`) in the same
  /// transaction before the command runs.
  /// - Returns: what changed.
  /// - Throws: ``RegistryError``: a refusal (invalid input, not found, four-eyes,
  ///   changed since you looked, …) or a storage failure; the store is unchanged.
  func perform(_ command: RegistryCommand, as actor: OperatorIdentity) throws -> RegistryOutcome

  /// Reads the whole registry (artefacts, versions, pointers, open and recent requests).
  /// - Throws: ``RegistryError`` on a storage failure.
  func snapshot() throws -> RegistrySnapshot

  /// A number that changes whenever any process commits a change; cheap enough
  /// to poll every few hundred ms (the dashboard reloads its snapshot when it changes).
  /// - Throws: ``RegistryError`` on a storage failure.
  func changeToken() throws -> Int64

  /// Every move of the pointers of `artefact` (all pointers when `pointer` is
  /// `nil`), oldest first.
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown artefact).
  func pointerHistory(artefact: String, pointer: PointerName?) throws -> [PointerMove]

  /// Requests matching the filters, newest first (at most `limit`).
  /// - Throws: ``RegistryError`` on a storage failure.
  func requests(artefact: String?, states: Set<RequestState>?, limit: Int) throws -> [PromotionRequest]

  /// Audit entries from the first one with `at >= since` on, by sequence (all
  /// when `nil`; a contiguous run of the chain even if times go backwards), in
  /// sequence order.
  /// - Throws: ``RegistryError`` on a storage failure.
  func auditEntries(since: Timestamp?) throws -> [AuditEntry]

  /// The gate records of `version` of `artefact`, newest first (the first
  /// is the one promotions consult); empty when never checked.
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown artefact or version).
  func gateResults(artefact: String, version: String) throws -> [GateRecord]

  /// The evaluation-gate policy in force: the workspace's (last applied
  /// with ``RegistryCommand/applyConfiguration(policy:roles:gates:)``), else
  /// the one the store was opened with.
  /// - Throws: ``RegistryError`` on a storage failure or a damaged configuration.
  func gatePolicyInForce() throws -> GatePolicy

  /// Walks the audit chain from the first entry and reports the first entry
  /// that was edited, deleted, reordered or inserted.
  /// - Throws: ``RegistryError`` when the log cannot be read at all.
  func verifyAudit() throws -> AuditVerification

  /// The rollouts of `artefact` (all artefacts when `nil`), newest first.
  /// - Throws: ``RegistryError`` (`.invalidInput` for a bad name, `.corrupt`
  ///   for a damaged row, or a storage failure).
  func rollouts(artefact: String?) throws -> [RolloutRecord]

  /// Every stored alert instance (with its acknowledgement), firing first.
  /// - Throws: ``RegistryError`` (`.corrupt` for a damaged row, or a storage failure).
  func alertInstances() throws -> [AlertInstance]

  /// Silences, newest first: those not yet ended (or all when `includeExpired`).
  /// - Throws: ``RegistryError`` (`.corrupt` for a damaged row, or a storage failure).
  func silences(includeExpired: Bool) throws -> [AlertSilence]
  /// Incidents in `states` (all when `nil`), newest first (highest id), at
  /// most `limit`. The dashboard's queue order (open first, by severity and
  /// age) is the pane's business.
  /// - Throws: ``RegistryError`` on a storage failure or a damaged row.
  func incidents(states: Set<IncidentState>?, limit: Int) throws -> [Incident]

  /// The incident `INC-<id>`.
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown id).
  func incident(id: Int64) throws -> Incident

  /// The self-building timeline of incident `id` (``IncidentTimeline``),
  /// looking `leadMs` before the first alert or the opening.
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown id).
  func incidentTimeline(id: Int64, leadMs: Int64) throws -> [IncidentTimelineEntry]
}

extension RegistryStore {
  /// The timeline of incident `id` with the default 30-minute lead
  /// (``IncidentTimeline/defaultLeadMs``).
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown id).
  public func incidentTimeline(id: Int64) throws -> [IncidentTimelineEntry] {
    try incidentTimeline(id: id, leadMs: IncidentTimeline.defaultLeadMs)
  }
}
