/// A read-only ``RegistryStore`` that answers every read as the registry
/// stood at its clock's "now": the store a replay
/// (`flightdeck dashboard --replay INC-n`) shows, on a ``ReplayClock``, so
/// each pane (registry, requests, rollouts, alerts, silences, incidents and
/// their timelines, KPIs) shows the past and only the past.
///
/// The whole history is read once from `base` when created
/// (``RegistryAsOf/load(from:)``); each read rebuilds its answer at
/// `clock.now()`. ``changeToken()`` moves whenever the clock passes an audit
/// entry (or an expiry), so a ``ReleaseDesk`` polling it reloads its
/// snapshot exactly when the replayed registry changed. Every
/// Every change (`perform(_:as:)` of each domain) is refused (`.readOnly`): a replay writes nothing.
public final class AsOfRegistryStore: RegistryCommandStore {
  /// The history the answers are rebuilt from.
  public let history: RegistryAsOf
  private let base: any RegistryStore
  private let clock: any FlightDeckClock

  /// Reads `base`'s history and answers as of `clock`.
  /// - Throws: ``RegistryError`` when `base` cannot be read.
  public init(base: any RegistryStore, clock: any FlightDeckClock) throws {
    self.history = try RegistryAsOf.load(from: base)
    self.base = base
    self.clock = clock
  }

  /// Refused: a replay is read-only (every domain's `perform(_:as:)` comes here).
  /// - Throws: ``RegistryError`` `.readOnly`, always.
  public func performCommand(_ command: RegistryCommand, as actor: OperatorIdentity) throws -> RegistryOutcome
  {
    throw Self.refusal
  }

  /// What every change is refused with.
  private static let refusal = RegistryError(
    .readOnly, "read-only: this is a replay of the past; nothing is written")

  /// ``RegistryAsOf/snapshot(at:)`` at the clock's now.
  public func snapshot() throws -> RegistrySnapshot { history.snapshot(at: clock.now()) }

  /// ``RegistryAsOf/changeToken(at:)`` at the clock's now.
  public func changeToken() throws -> Int64 { history.changeToken(at: clock.now()) }

  /// The moves made by now.
  /// - Throws: ``RegistryError`` `.notFound` for an artefact not registered by now.
  public func pointerHistory(artefact: String, pointer: PointerName?) throws -> [PointerMove] {
    let now = clock.now()
    guard history.current.contains(where: { $0.artefact.name == artefact && $0.artefact.createdAt <= now })
    else { throw RegistryError(.notFound, "no artefact named \(artefact) was registered at \(now.rfc3339)") }
    return history.pointerHistory(artefact: artefact, at: now).filter {
      pointer == nil || $0.pointer == pointer
    }
  }

  /// The requests as they stood now, filtered, newest first.
  public func requests(artefact: String?, states: Set<RequestState>?, limit: Int) throws -> [PromotionRequest]
  {
    let list = history.requests(at: clock.now()).filter {
      (artefact == nil || $0.artefact == artefact) && (states?.contains($0.state) ?? true)
    }
    return Array(list.prefix(max(0, limit)))
  }

  /// The entries written by now (from the first with `at >= since`).
  public func auditEntries(since: Timestamp?) throws -> [AuditEntry] {
    let upTo = history.auditEntries(at: clock.now())
    guard let since, let first = upTo.firstIndex(where: { $0.at >= since }) else {
      return since == nil ? upTo : []
    }
    return Array(upTo[first...])
  }

  /// The gate records evaluated by now, newest first.
  public func gateResults(artefact: String, version: String) throws -> [GateRecord] {
    let now = clock.now()
    return try base.gateResults(artefact: artefact, version: version).filter { $0.evaluatedAt <= now }
  }

  /// The workspace's gate policy (the configuration is not rewound).
  public func gatePolicyInForce() throws -> GatePolicy { try base.gatePolicyInForce() }

  /// The base store's template: a template is immutable, stored with its version.
  /// - Throws: as the base store's.
  public func versionTemplate(artefact: String, version: String) throws -> String? {
    try base.versionTemplate(artefact: artefact, version: version)
  }

  /// The whole chain's verification (the log is verified as stored).
  public func verifyAudit() throws -> AuditVerification { try base.verifyAudit() }

  /// The rollouts as they stood now, newest first.
  public func rollouts(artefact: String?) throws -> [RolloutRecord] {
    history.rollouts(at: clock.now()).filter { artefact == nil || $0.artefact == artefact }
  }

  /// The alert instances as they stood now, firing first.
  public func alertInstances() throws -> [AlertInstance] { history.alertInstances(at: clock.now()) }

  /// The silences as they stood now, newest first.
  public func silences(includeExpired: Bool) throws -> [AlertSilence] {
    history.silences(at: clock.now(), includeExpired: includeExpired)
  }

  /// The incidents opened by now, as they stood now, newest first.
  public func incidents(states: Set<IncidentState>?, limit: Int) throws -> [Incident] {
    let list = history.incidents(at: clock.now()).filter { states?.contains($0.state) ?? true }
    return Array(list.prefix(max(0, limit)))
  }

  /// Incident `id` as it stood now.
  /// - Throws: ``RegistryError`` `.notFound` when it was not open yet.
  public func incident(id: Int64) throws -> Incident {
    let now = clock.now()
    guard let i = history.incident(id: id, at: now) else {
      throw RegistryError(.notFound, "INC-\(id) was not open at \(now.rfc3339)")
    }
    return i
  }

  /// The incident's timeline up to now (entries at or before now).
  /// - Throws: ``RegistryError`` `.notFound` when it was not open yet.
  public func incidentTimeline(id: Int64, leadMs: Int64) throws -> [IncidentTimelineEntry] {
    let now = clock.now()
    _ = try incident(id: id)
    return try base.incidentTimeline(id: id, leadMs: leadMs).filter { $0.at <= now }
  }
}
