import Foundation

/// The registry as it stood at any past instant: an "as-of" view rebuilt
/// from the audit log and the stored history, for a replay
/// (`flightdeck dashboard --replay INC-n`) whose panes must show the past
/// and only the past.
///
/// Built once from a store (``load(from:)``) or from its parts, it answers
/// each read the dashboard makes (``snapshot(at:)``, ``rollouts(at:)``,
/// ``incidents(at:)``, ``silences(at:includeExpired:)``,
/// ``alertInstances(at:)``) for any instant `t`, with nothing later than `t`:
///
/// - Artefacts and versions exist from their registration time; a version is
///   marked rolled back from its `rolled_back_at`.
/// - Pointers: the last ``PointerMove`` at or before `t` (the pointer
///   history already answers "which version at T"); a move to no version
///   removes the pointer.
/// - Canary weight: the last `canary.weight` entry at or before `t` (its
///   `after.weight`), else the first later one's `before.weight`.
/// - Requests: made at or before `t`, with the decisions taken by then; a
///   request whose state changed after `t` was still pending then, and an
///   open one past its expiry reads as expired, as the store reads it.
/// - Rollouts: started at or before `t`; phase, step, weight and message
///   from the last `rollout.*` entry at or before `t` (see
///   ``RolloutState/rewound(phase:step:canaryWeight:message:stepStartedAt:changedAt:asOf:)``).
/// - Alerts: the last `alert.firing` / `alert.resolved` entry of each
///   fingerprint at or before `t`, acknowledged when an `alert.acknowledge`
///   entry followed that firing by `t`.
/// - Silences: created (`silence.create`) by `t`; one expired early after
///   `t` keeps the end it had (`silence.expire`'s `before.ends_at`).
/// - Incidents: opened by `t`; state, severity and commander from the last
///   `incident.*` entry at or before `t` that set them; acknowledgement,
///   mitigation and resolution times only when at or before `t`; a
///   retrospective only once recorded.
///
/// What the stored data cannot give back is documented in the Incident
/// response article: a rollout's analysis run in progress, and alerts that
/// were pending (never audited; the replay evaluates the rules again).
public struct RegistryAsOf: Sendable {
  /// The audit log, in sequence order.
  public let audit: [AuditEntry]
  /// The registry now (its artefacts, versions and current rollouts).
  let current: [RegisteredArtefact]
  /// Every pointer move per artefact, oldest first.
  let moves: [String: [PointerMove]]
  /// Every promotion request, as stored.
  let allRequests: [PromotionRequest]
  /// Every rollout, as stored now.
  let allRollouts: [RolloutRecord]
  /// Gate records per `artefact@version`, newest first.
  let gateRecords: [String: [GateRecord]]
  /// Every stored alert instance, as stored now (templates for their labels and annotations).
  let storedAlerts: [AlertInstance]
  /// Every silence, expired ones included, as stored now.
  let allSilences: [AlertSilence]
  /// Every incident, as stored now.
  let allIncidents: [Incident]
  /// Audit entries per subject, in sequence order.
  let bySubject: [String: [AuditEntry]]

  /// Creates a view from the store's parts.
  /// - Parameters:
  ///   - audit: the whole audit log, in sequence order.
  ///   - current: the current snapshot's artefacts.
  ///   - moves: every pointer move per artefact (any order; sorted by id here).
  ///   - requests: every promotion request.
  ///   - rollouts: every rollout.
  ///   - gateRecords: gate records per `artefact@version` (any order).
  ///   - alertInstances: every stored alert instance.
  ///   - silences: every silence, expired ones included.
  ///   - incidents: every incident.
  public init(
    audit: [AuditEntry], current: [RegisteredArtefact], moves: [String: [PointerMove]],
    requests: [PromotionRequest], rollouts: [RolloutRecord], gateRecords: [String: [GateRecord]],
    alertInstances: [AlertInstance], silences: [AlertSilence], incidents: [Incident]
  ) {
    self.audit = audit.sorted { $0.sequence < $1.sequence }
    self.current = current
    self.moves = moves.mapValues { $0.sorted { $0.id < $1.id } }
    self.allRequests = requests
    self.allRollouts = rollouts
    self.gateRecords = gateRecords.mapValues { $0.sorted { $0.evaluatedAt > $1.evaluatedAt } }
    self.storedAlerts = alertInstances
    self.allSilences = silences
    self.allIncidents = incidents
    self.bySubject = Dictionary(grouping: self.audit, by: \.subject)
  }

  /// Reads everything the view needs from `store` (a read-only store is fine).
  /// - Throws: ``RegistryError`` when the store cannot be read.
  public static func load(from store: any RegistryStore) throws -> RegistryAsOf {
    let snapshot = try store.snapshot()
    var moves: [String: [PointerMove]] = [:]
    var gates: [String: [GateRecord]] = [:]
    for a in snapshot.artefacts {
      moves[a.artefact.name] = try store.pointerHistory(artefact: a.artefact.name, pointer: nil)
      for v in a.versions {
        gates["\(a.artefact.name)@\(v.label)"] = try store.gateResults(
          artefact: a.artefact.name, version: v.label)
      }
    }
    return RegistryAsOf(
      audit: try store.auditEntries(since: nil), current: snapshot.artefacts, moves: moves,
      requests: try store.requests(artefact: nil, states: nil, limit: Int.max),
      rollouts: try store.rollouts(artefact: nil), gateRecords: gates,
      alertInstances: try store.alertInstances(),
      silences: try store.silences(includeExpired: true),
      incidents: try store.incidents(states: nil, limit: Int.max))
  }

  /// A number that grows whenever something the view shows changes between
  /// two instants: the audit entries at or before `t`, plus the requests
  /// and silences whose expiry or end has passed by `t`.
  public func changeToken(at t: Timestamp) -> Int64 {
    let entries = audit.reduce(0) { $0 + ($1.at <= t ? 1 : 0) }
    let expiries = allRequests.reduce(0) { $0 + ($1.expiresAt <= t ? 1 : 0) }
    let ends = allSilences.reduce(0) { $0 + ($1.endsAt <= t ? 1 : 0) }
    return Int64(entries + expiries + ends)
  }

  /// The audit entries written at or before `t`, in sequence order.
  public func auditEntries(at t: Timestamp) -> [AuditEntry] { audit.filter { $0.at <= t } }

  /// The entries about `subject` at or before `t` (`upTo`), and those after it.
  func entries(_ subject: String, at t: Timestamp) -> (upTo: [AuditEntry], later: [AuditEntry]) {
    let all = bySubject[subject] ?? []
    return (all.filter { $0.at <= t }, all.filter { $0.at > t })
  }

  /// The value of `key` as it stood at `t` among `subject`'s entries of
  /// `actions`: the last such entry at or before `t` (its `after[key]`), else
  /// the first later one (its `before[key]`); `.none` when no entry tells.
  func field(
    _ key: String, of subject: String, actions: Set<AuditAction>, at t: Timestamp
  ) -> Any?? {
    let (upTo, later) = entries(subject, at: t)
    if let last = upTo.last(where: { actions.contains($0.action) && Self.json($0.after)[key] != nil }) {
      return .some(Self.json(last.after)[key].flatMap { $0 is NSNull ? nil : $0 })
    }
    if let next = later.first(where: { actions.contains($0.action) && Self.json($0.before)[key] != nil }) {
      return .some(Self.json(next.before)[key].flatMap { $0 is NSNull ? nil : $0 })
    }
    return .none
  }

  /// `text` parsed as a JSON object (empty when `nil` or not an object).
  static func json(_ text: String?) -> [String: Any] { IncidentTimeline.json(text) }

  /// A JSON number or numeric string as an `Int`.
  static func int(_ value: Any?) -> Int? {
    if let n = value as? NSNumber { return n.intValue }
    if let s = value as? String { return Int(s) }
    return nil
  }
}
