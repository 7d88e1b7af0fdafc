import Dispatch
import FlightDeckCore
import Synchronization

/// A registry store whose changes block, once armed, until the test
/// releases them (or 5 s pass, SQLite's busy timeout): a lock wait or a
/// slow network, seen from the dashboard. Reads pass straight through.
final class BlockingRegistryStore: RegistryCommandStore {
  let base: any RegistryStore
  private let armed = Mutex(false)
  private let gate = DispatchSemaphore(value: 0)
  private let entered = DispatchSemaphore(value: 0)

  init(base: any RegistryStore) { self.base = base }

  /// From now on every change blocks until ``release()``.
  func arm() { armed.withLock { $0 = true } }

  /// Lets one blocked (or the next) change through and stops blocking.
  func release() {
    armed.withLock { $0 = false }
    gate.signal()
  }

  /// Waits (up to `seconds`) until a change is blocked in the store.
  /// - Returns: `true` when one is.
  func waitUntilBlocked(seconds: Double = 5) -> Bool {
    entered.wait(timeout: .now() + seconds) == .success
  }

  private func blockIfArmed() {
    guard armed.withLock({ $0 }) else { return }
    entered.signal()
    _ = gate.wait(timeout: .now() + 5)
  }

  func performCommand(_ command: RegistryCommand, as actor: OperatorIdentity) throws -> RegistryOutcome {
    blockIfArmed()
    return try base.run(command, as: actor)
  }
  func snapshot() throws -> RegistrySnapshot { try base.snapshot() }
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
  func changeToken() throws -> Int64 { try base.changeToken() }
}
