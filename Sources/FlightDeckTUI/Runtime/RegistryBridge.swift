import FlightDeckCore

/// Carries out the registry effects of ``AppUpdate`` through a
/// ``ReleaseDesk`` and returns the messages that answer them, so the run
/// loop and test drivers share one path from key to store and back.
public enum RegistryBridge {
  /// Whether `effect` is one the bridge handles.
  public static func handles(_ effect: AppEffect) -> Bool {
    switch effect {
    case .registry, .loadHistory, .loadAudit, .loadIncidents, .loadIncident, .loadKPI,
      .loadNotificationDelivery, .loadRouting:
      return true
    default: return false
    }
  }

  /// Performs `effect` through `desk` and returns the answering messages in
  /// order: for a command the refreshed snapshot then its outcome (so the
  /// outcome's status line wins over the snapshot's announcement of moves
  /// made elsewhere); for the loads (history, audit, incident queue,
  /// incident and timeline, KPIs, notification delivery) their results. Without a desk, every registry effect is answered
  /// with a "no registry workspace" refusal, so nothing fails silently.
  /// `kpiTelemetry`, when given, tallies the dashboard's own telemetry for
  /// the KPI period (cost, latency-SLO attainment).
  public static func execute(
    _ effect: AppEffect, desk: ReleaseDesk?,
    kpiTelemetry: ((Timestamp, Timestamp) -> KPITelemetry?)? = nil
  ) -> [AppMessage] {
    guard let desk else {
      let error = RegistryError(.noWorkspace, AppUpdate.noRegistryText)
      switch effect {
      case .registry: return [.registryOutcome(.failure(error))]
      case .loadHistory(let artefact): return [.history(artefact: artefact, .failure(error))]
      case .loadAudit: return [.audit(.failure(error))]
      case .loadIncidents: return [.incidents(.failure(error))]
      case .loadIncident(let id): return [.incidentDetail(id: id, .failure(error))]
      case .loadKPI: return [.kpi(.failure(error))]
      default: return []
      }
    }
    switch effect {
    case .registry(let command):
      let result = desk.perform(command)
      var out: [AppMessage] = []
      if let snapshot = desk.snapshot { out.append(.registrySnapshot(snapshot)) }
      out.append(.registryOutcome(result))
      return out
    case .loadHistory(let artefact):
      return [.history(artefact: artefact, desk.history(artefact: artefact))]
    case .loadAudit:
      return [.audit(desk.audit())]
    case .loadIncidents:
      return [.incidents(desk.incidents())]
    case .loadIncident(let id):
      return [.incidentDetail(id: id, desk.incidentDetail(id: id))]
    case .loadKPI(let from, let to):
      return [.kpi(desk.kpiReport(from: from, to: to, telemetry: kpiTelemetry?(from, to)))]
    case .loadNotificationDelivery:
      // A store without an outbox, or a failed read: nothing (the header keeps the last reading).
      guard let outbox = desk.store as? any NotificationOutboxStore,
        let trouble = try? NotificationDeliveryTrouble.read(from: outbox)
      else { return [] }
      return [.notificationDelivery(trouble)]
    case .loadRouting:
      // No targets, no routing outbox, or a failed read: nothing (the screen keeps the last reading).
      guard let lines = try? desk.routingStatus() else { return [] }
      return [.routingStatus(lines)]
    default:
      return []
    }
  }

  /// Polls `desk` (cheap: at most one change-token read per 500 ms) and
  /// returns a ``AppMessage/registrySnapshot(_:)`` when the registry changed,
  /// or ``AppMessage/registryUnavailable(_:)`` when the read failed.
  public static func poll(_ desk: ReleaseDesk, now: Timestamp) -> AppMessage? {
    if let snapshot = desk.poll(now: now) { return .registrySnapshot(snapshot) }
    if let error = desk.lastError { return .registryUnavailable(error.message) }
    return nil
  }

  /// Answers a store change signal through `desk`
  /// (``ReleaseDesk/refresh(signalled:now:)``: a reload unless the snapshot
  /// already shows `token`; always when `token` is `nil`) and returns a
  /// ``AppMessage/registrySnapshot(_:)`` when it read one, or
  /// ``AppMessage/registryUnavailable(_:)`` when the read failed.
  public static func refresh(_ desk: ReleaseDesk, signalled token: Int64?, now: Timestamp) -> AppMessage? {
    if let snapshot = desk.refresh(signalled: token, now: now) { return .registrySnapshot(snapshot) }
    if let error = desk.lastError { return .registryUnavailable(error.message) }
    return nil
  }
}
