/// The incidents domain of a store: incidents (SEV1–SEV4), their timelines
/// and retrospectives.
public protocol IncidentStore: Sendable {
  /// Performs one incident change as `actor`, atomically with its audit entries.
  /// - Returns: what changed (an opened incident's id among it).
  /// - Throws: ``RegistryError``: a refusal (not found, not applicable in the
  ///   incident's state, a bad link) or a storage failure; the store is unchanged.
  func perform(_ change: IncidentChange, as actor: OperatorIdentity) throws -> RegistryOutcome

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

extension IncidentStore {
  /// The timeline of incident `id` with the default 30-minute lead
  /// (``IncidentTimeline/defaultLeadMs``).
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown id).
  public func incidentTimeline(id: Int64) throws -> [IncidentTimelineEntry] {
    try incidentTimeline(id: id, leadMs: IncidentTimeline.defaultLeadMs)
  }
}
