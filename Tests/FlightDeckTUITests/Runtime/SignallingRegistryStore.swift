import FlightDeckCore
import Synchronization

/// A registry store that offers a change signal the test drives by hand
/// (``emit(_:)``), and counts its change-token reads and snapshot reads.
/// Everything else passes straight through to `base` (another process's
/// writes go to `base` directly).
final class SignallingRegistryStore: RegistryCommandStore {
  let base: any RegistryStore
  private let handler = Mutex<(@Sendable (StoreChangeEvent) -> Void)?>(nil)
  private let tokenReadCount = Mutex(0)
  private let snapshotReadCount = Mutex(0)
  private let stopCount = Mutex(0)

  init(base: any RegistryStore) { self.base = base }

  /// How many times ``changeToken()`` was called.
  var tokenReads: Int { tokenReadCount.withLock { $0 } }
  /// How many times ``snapshot()`` was called.
  var snapshotReads: Int { snapshotReadCount.withLock { $0 } }
  /// How many times the signal was stopped.
  var stops: Int { stopCount.withLock { $0 } }
  /// Whether someone subscribed and has not stopped.
  var subscribed: Bool { handler.withLock { $0 != nil } }

  /// Delivers `event` to the subscriber, as the backend's thread would.
  func emit(_ event: StoreChangeEvent) {
    handler.withLock { $0 }?(event)
  }

  func signalChanges(_ handler: @escaping @Sendable (StoreChangeEvent) -> Void) throws -> StoreChangeSignal? {
    self.handler.withLock { $0 = handler }
    return StoreChangeSignal { [self] in
      self.handler.withLock { $0 = nil }
      stopCount.withLock { $0 += 1 }
    }
  }

  func performCommand(_ command: RegistryCommand, as actor: OperatorIdentity) throws -> RegistryOutcome {
    try base.run(command, as: actor)
  }
  func snapshot() throws -> RegistrySnapshot {
    snapshotReadCount.withLock { $0 += 1 }
    return try base.snapshot()
  }
  func pointerHistory(artefact: String, pointer: PointerName?) throws -> [PointerMove] {
    try base.pointerHistory(artefact: artefact, pointer: pointer)
  }
  func gateResults(artefact: String, version: String) throws -> [GateRecord] {
    try base.gateResults(artefact: artefact, version: version)
  }
  func gatePolicyInForce() throws -> GatePolicy { try base.gatePolicyInForce() }
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
  func changeToken() throws -> Int64 {
    tokenReadCount.withLock { $0 += 1 }
    return try base.changeToken()
  }
}
