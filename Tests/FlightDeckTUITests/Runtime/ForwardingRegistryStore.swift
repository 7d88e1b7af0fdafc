import FlightDeckCore

/// A test store that passes everything to `base` unless it says otherwise:
/// the reads and `performCommand(_:as:)` forward here, so a store that
/// blocks, counts or hides its change signal writes only what it changes.
protocol ForwardingRegistryStore: RegistryCommandStore {
  /// The store everything goes to.
  var base: any RegistryStore { get }
}

extension ForwardingRegistryStore {
  func performCommand(_ command: RegistryCommand, as actor: OperatorIdentity) throws -> RegistryOutcome {
    try base.run(command, as: actor)
  }
  func snapshot() throws -> RegistrySnapshot { try base.snapshot() }
  func pointerHistory(artefact: String, pointer: PointerName?) throws -> [PointerMove] {
    try base.pointerHistory(artefact: artefact, pointer: pointer)
  }
  func gateResults(artefact: String, version: String) throws -> [GateRecord] {
    try base.gateResults(artefact: artefact, version: version)
  }
  func gatePolicyInForce() throws -> GatePolicy { try base.gatePolicyInForce() }
  func versionTemplate(artefact: String, version: String) throws -> String? {
    try base.versionTemplate(artefact: artefact, version: version)
  }
  func requests(artefact: String?, states: Set<RequestState>?, limit: Int) throws -> [PromotionRequest] {
    try base.requests(artefact: artefact, states: states, limit: limit)
  }
  func rollouts(artefact: String?) throws -> [RolloutRecord] { try base.rollouts(artefact: artefact) }
  func alertInstances() throws -> [AlertInstance] { try base.alertInstances() }
  func silences(includeExpired: Bool) throws -> [AlertSilence] {
    try base.silences(includeExpired: includeExpired)
  }
  func incidents(states: Set<IncidentState>?, limit: Int) throws -> [Incident] {
    try base.incidents(states: states, limit: limit)
  }
  func incident(id: Int64) throws -> Incident { try base.incident(id: id) }
  func incidentTimeline(id: Int64, leadMs: Int64) throws -> [IncidentTimelineEntry] {
    try base.incidentTimeline(id: id, leadMs: leadMs)
  }
  func auditEntries(since: Timestamp?) throws -> [AuditEntry] { try base.auditEntries(since: since) }
  func verifyAudit() throws -> AuditVerification { try base.verifyAudit() }
  func changeToken() throws -> Int64 { try base.changeToken() }
}
