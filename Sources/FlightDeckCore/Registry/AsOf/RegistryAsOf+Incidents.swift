/// Incidents as of an instant, rebuilt from their `incident.*` audit entries.
extension RegistryAsOf {
  /// The incidents opened at or before `t` as they stood then, newest first
  /// (highest id, as ``RegistryStore/incidents(states:limit:)`` reads them now).
  public func incidents(at t: Timestamp) -> [Incident] {
    allIncidents.filter { $0.openedAt <= t }.map { incident(asOf: $0, at: t) }.sorted { $0.id > $1.id }
  }

  /// Incident `id` as it stood at `t`, or `nil` when it was not open yet.
  public func incident(id: Int64, at t: Timestamp) -> Incident? {
    allIncidents.first { $0.id == id && $0.openedAt <= t }.map { incident(asOf: $0, at: t) }
  }

  /// `stored` at `t`: its state from the last entry at or before `t` that
  /// set one (`after.state`; triggered before any), severity and commander
  /// as they stood then, the acknowledgement, mitigation and resolution only
  /// when they had happened, alert links only once their firing had begun,
  /// the retrospective only once recorded.
  func incident(asOf stored: Incident, at t: Timestamp) -> Incident {
    let subject = stored.displayID
    var i = stored
    let (upTo, _) = entries(subject, at: t)
    let stateEntry = upTo.last {
      $0.action != .incidentOpen && Self.json($0.after)["state"] is String
    }
    i.state =
      (stateEntry.flatMap { Self.json($0.after)["state"] as? String }).flatMap(IncidentState.init(rawValue:))
      ?? .triggered
    if let at = i.acknowledgedAt, at > t {
      i.acknowledgedAt = nil
      i.acknowledgedBy = nil
    }
    if let at = i.mitigatedAt, at > t { i.mitigatedAt = nil }
    // An alert that joined later (`incident.alert`, "fired again") is not linked yet.
    i.links.alerts = i.links.alerts.filter { $0.firingSince <= t }
    if let at = i.resolvedAt, at > t { i.resolvedAt = nil }
    if case .some(let value) = field("severity", of: subject, actions: [.incidentSeverity], at: t),
      let severity = (value as? String).flatMap(IncidentSeverity.init(rawValue:))
    {
      i.severity = severity
    }
    if case .some(let value) = field("commander", of: subject, actions: [.incidentAssign], at: t) {
      i.commander = value as? String
    }
    let retro = upTo.last { $0.action == .incidentRetro }
    i.retroPath = retro.flatMap { Self.json($0.after)["path"] as? String }
    i.retroDigest = retro.flatMap { Self.json($0.after)["digest"] as? String }
    return i
  }
}
