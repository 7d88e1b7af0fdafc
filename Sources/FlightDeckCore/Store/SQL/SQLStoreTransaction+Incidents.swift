/// Incidents: open (idempotent per alert firing; an alert firing again
/// while an incident linked to it is open joins that one), acknowledge, assign, note,
/// severity, mitigate, resolve and retrospective records, each checking the
/// state it expects and audited with subject `INC-<id>`.
extension SQLStoreTransaction {
  /// Runs one incident change.
  func incidentCommand(_ change: IncidentChange) throws -> RegistryOutcome {
    switch change {
    case .openIncident(let title, let severity, let commander, let links, let source):
      return try openIncident(
        title: title, severity: severity, commander: commander, links: links, source: source)
    case .acknowledgeIncident(let id):
      return try acknowledgeIncident(id)
    case .assignIncident(let id, let commander):
      return try assignIncident(id, commander: commander)
    case .addIncidentNote(let id, let text):
      return try addIncidentNote(id, text: text)
    case .setIncidentSeverity(let id, let severity):
      return try setIncidentSeverity(id, severity)
    case .mitigateIncident(let id, let note):
      return try advanceIncident(id, to: .mitigated, note: note)
    case .resolveIncident(let id, let note):
      return try advanceIncident(id, to: .resolved, note: note)
    case .recordRetro(let id, let path, let digest):
      return try recordRetro(id, path: path, digest: digest)
    }
  }

  /// Opens an incident, or joins the open one an alert is already linked to.
  private func openIncident(
    title: String, severity: IncidentSeverity, commander: String?, links: IncidentLinks,
    source: IncidentSource
  ) throws -> RegistryOutcome {
    try RegistryNames.validateText(title, field: "title", max: 200, required: true)
    if let commander {
      try RegistryNames.validateText(commander, field: "commander", max: 128, required: true)
    }
    if source == .alert && links.alerts.isEmpty {
      throw RegistryError(
        .invalidInput(field: "links.alerts"), "an incident opened from an alert needs the alert's link")
    }
    for a in links.alerts {
      try RegistryNames.validateText(a.rule, field: "alert rule", max: 200, required: true)
      try RegistryNames.validateText(a.fingerprint, field: "alert fingerprint", max: 128, required: true)
    }
    for a in links.artefacts { _ = try requireArtefact(a) }
    for v in links.versions { _ = try requireVersion(v.artefact, v.label) }
    for r in links.rollouts {
      guard try session.queryOne("SELECT id FROM rollout WHERE id = ?", binding: [r]) != nil else {
        throw RegistryError(.notFound, "RO-\(r) does not exist")
      }
    }
    // One firing opens at most one incident: the backend serialises write
    // transactions (an immediate transaction, a lock), so this check and every other
    // process's open cannot interleave.
    if let existing = try SQLStoreRows.incidentLinking(session, alertKeys: links.alerts.map(\.key)),
      let incident = try SQLStoreRows.incident(session, existing)
    {
      return RegistryOutcome(
        message:
          "\(incident.displayID) already covers this alert firing (\(incident.state.rawValue)); nothing opened",
        incident: incident)
    }
    // An alert that fires again while an incident linked to it is open joins
    // that incident (PagerDuty's dedup key): only a resolved one lets a new open.
    if source == .alert,
      let open = try SQLStoreRows.openIncidentLinking(
        session, fingerprints: links.alerts.map(\.fingerprint)),
      let incident = try SQLStoreRows.incident(session, open)
    {
      return try joinIncident(incident, alerts: links.alerts, title: title)
    }
    let who = source == .alert ? SystemActor.alerting.rawValue : actor.name
    let id = try session.insertReturningID(
      """
      INSERT INTO incident (title, severity, state, commander, source, alert_key, opened_at, opened_by)
      VALUES (?, ?, 'triggered', ?, ?, ?, ?, ?)
      """,
      binding: [
        title, severity.rawValue, commander, source.rawValue, source == .alert ? links.alertKey : nil,
        now.millisecondsSinceEpoch, who,
      ])
    func link(_ kind: String, _ artefact: String?, _ value: String, _ detail: String? = nil) throws {
      try session.execute(
        "INSERT INTO incident_link (incident_id, kind, artefact, value, detail) VALUES (?, ?, ?, ?, ?)",
        binding: [id, kind, artefact, value, detail])
    }
    for a in links.alerts {
      try link("alert", a.labels["artefact"], a.key, try SQLStoreRows.sortedJSON(a))
    }
    for a in links.artefacts { try link("artefact", a, a) }
    for v in links.versions { try link("version", v.artefact, v.label) }
    for r in links.rollouts { try link("rollout", nil, String(r)) }
    let after: [String: CanonicalJSON.Value] = [
      "title": .string(title), "severity": .string(severity.rawValue), "state": "triggered",
      "commander": .optional(commander), "source": .string(source.rawValue),
      "artefacts": .array(links.allArtefacts.map { .string($0) }),
      "versions": .array(links.versions.map { .string("\($0.artefact)@\($0.label)") }),
      "rollouts": .array(links.rollouts.map { .string("RO-\($0)") }),
      "alerts": .array(
        links.alerts.map {
          .object([
            "rule": .string($0.rule), "fingerprint": .string($0.fingerprint),
            "since": .integer($0.firingSince.millisecondsSinceEpoch),
          ])
        }),
    ]
    try audit(
      .incidentOpen, subject: "INC-\(id)", before: nil, after: CanonicalJSON.object(after), reason: title,
      actor: who)
    let incident = try requireIncident(id)
    try enqueueIncidentNotification(.incidentOpened, incident, summary: title)
    return RegistryOutcome(
      message: "\(incident.displayID) opened (\(severity.rawValue)): \(title)", incident: incident)
  }

  /// Links the new firings `alerts` to the open `incident` and audits
  /// `incident.alert` ("fired again") on it; its state, severity and times
  /// are left as they are.
  private func joinIncident(_ incident: Incident, alerts: [IncidentAlertLink], title: String) throws
    -> RegistryOutcome
  {
    for a in alerts {
      try session.execute(
        "INSERT INTO incident_link (incident_id, kind, artefact, value, detail) VALUES (?, 'alert', ?, ?, ?)",
        binding: [incident.id, a.labels["artefact"], a.key, try SQLStoreRows.sortedJSON(a)])
    }
    let after: [String: CanonicalJSON.Value] = [
      "alerts": .array(
        alerts.map {
          .object([
            "rule": .string($0.rule), "fingerprint": .string($0.fingerprint),
            "since": .integer($0.firingSince.millisecondsSinceEpoch),
            "labels": .object($0.labels.mapValues { .string($0) }),
          ])
        }),
      "state": .string(incident.state.rawValue),
    ]
    try audit(
      .incidentAlert, subject: incident.displayID, before: nil, after: CanonicalJSON.object(after),
      reason: title, actor: SystemActor.alerting.rawValue)
    return RegistryOutcome(
      message:
        "\(incident.displayID) is still \(incident.state.rawValue): the alert fired again and joined it; nothing opened",
      incident: try requireIncident(incident.id))
  }

  /// Acknowledges a triggered incident.
  private func acknowledgeIncident(_ id: Int64) throws -> RegistryOutcome {
    let incident = try requireIncident(id)
    guard incident.state == .triggered else {
      throw RegistryError(.notApplicable, "\(incident.displayID) is already \(describeState(incident))")
    }
    try session.execute(
      "UPDATE incident SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ? WHERE id = ?",
      binding: [now.millisecondsSinceEpoch, actor.name, id])
    try audit(
      .incidentAcknowledge, subject: incident.displayID, before: CanonicalJSON.object(["state": "triggered"]),
      after: CanonicalJSON.object(["state": "acknowledged"]), reason: "")
    try enqueueIncidentNotification(
      .incidentAcknowledged, try requireIncident(id),
      summary: "\(incident.displayID) acknowledged by \(actor.name)")
    return try changed(id, "\(incident.displayID) acknowledged by \(actor.name)")
  }

  /// Sets the commander of an open incident.
  private func assignIncident(_ id: Int64, commander: String) throws -> RegistryOutcome {
    try RegistryNames.validateText(commander, field: "commander", max: 128, required: true)
    let incident = try requireOpenIncident(id, "assigned")
    guard incident.commander != commander else {
      return RegistryOutcome(
        message: "\(incident.displayID) commander is already \(commander); nothing changed",
        incident: incident)
    }
    try session.execute("UPDATE incident SET commander = ? WHERE id = ?", binding: [commander, id])
    try audit(
      .incidentAssign, subject: incident.displayID,
      before: CanonicalJSON.object(["commander": .optional(incident.commander)]),
      after: CanonicalJSON.object(["commander": .string(commander)]), reason: "")
    return try changed(id, "\(incident.displayID) commander: \(commander)")
  }

  /// Adds a note to an incident.
  private func addIncidentNote(_ id: Int64, text: String) throws -> RegistryOutcome {
    try RegistryNames.validateText(text, field: "note", max: 2000, required: true)
    let incident = try requireIncident(id)
    try session.execute(
      "INSERT INTO incident_note (incident_id, at, actor, text) VALUES (?, ?, ?, ?)",
      binding: [id, now.millisecondsSinceEpoch, actor.name, text])
    try audit(.incidentNote, subject: incident.displayID, before: nil, after: nil, reason: text)
    return try changed(id, "\(incident.displayID) note added by \(actor.name)")
  }

  /// Re-grades an open incident.
  private func setIncidentSeverity(_ id: Int64, _ severity: IncidentSeverity) throws -> RegistryOutcome {
    let incident = try requireOpenIncident(id, "re-graded")
    guard incident.severity != severity else {
      return RegistryOutcome(
        message: "\(incident.displayID) is already \(severity.rawValue); nothing changed", incident: incident)
    }
    try session.execute("UPDATE incident SET severity = ? WHERE id = ?", binding: [severity.rawValue, id])
    try audit(
      .incidentSeverity, subject: incident.displayID,
      before: CanonicalJSON.object(["severity": .string(incident.severity.rawValue)]),
      after: CanonicalJSON.object(["severity": .string(severity.rawValue)]), reason: "")
    return try changed(
      id, "\(incident.displayID) severity \(incident.severity.rawValue) → \(severity.rawValue)")
  }

  /// Moves the incident forward to `.mitigated` or `.resolved`; resolving an
  /// unmitigated incident stamps `mitigated_at` with the same time (the
  /// impact stopped by then at the latest). A skipped acknowledgement is not
  /// stamped: nobody acknowledged it, and MTTA counts only incidents that
  /// were (PagerDuty's definition).
  private func advanceIncident(_ id: Int64, to target: IncidentState, note: String) throws -> RegistryOutcome
  {
    try RegistryNames.validateText(note, field: "note", max: 2000)
    let incident = try requireIncident(id)
    guard incident.state < target else {
      throw RegistryError(.notApplicable, "\(incident.displayID) is already \(describeState(incident))")
    }
    let t = now.millisecondsSinceEpoch
    try session.execute(
      """
      UPDATE incident SET state = ?, mitigated_at = COALESCE(mitigated_at, ?), resolved_at = ?
      WHERE id = ?
      """, binding: [target.rawValue, t, target == .resolved ? t : nil, id])
    try audit(
      target == .resolved ? .incidentResolve : .incidentMitigate, subject: incident.displayID,
      before: CanonicalJSON.object(["state": .string(incident.state.rawValue)]),
      after: CanonicalJSON.object(["state": .string(target.rawValue)]), reason: note)
    if target == .resolved {
      try enqueueIncidentNotification(
        .incidentResolved, try requireIncident(id),
        summary: "\(incident.displayID) resolved by \(actor.name)" + (note.isEmpty ? "" : ": \(note)"))
    }
    return try changed(id, "\(incident.displayID) \(target.rawValue) by \(actor.name)")
  }

  /// Records the retrospective written for an incident (path and SHA-256).
  private func recordRetro(_ id: Int64, path: String, digest: String) throws -> RegistryOutcome {
    try RegistryNames.validateText(path, field: "path", max: 1024, required: true)
    guard digest.count == 64, digest.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
      throw RegistryError(.invalidInput(field: "digest"), "digest must be 64 lower-case hex digits (SHA-256)")
    }
    let incident = try requireIncident(id)
    try session.execute(
      "UPDATE incident SET retro_path = ?, retro_digest = ? WHERE id = ?", binding: [path, digest, id])
    try audit(
      .incidentRetro, subject: incident.displayID,
      before: incident.retroPath.map { CanonicalJSON.object(["path": .string($0)]) },
      after: CanonicalJSON.object(["path": .string(path), "digest": .string(digest)]), reason: "")
    return try changed(id, "\(incident.displayID) retrospective recorded: \(path)")
  }

  // MARK: Helpers

  /// The incident `id`.
  /// - Throws: `.notFound`.
  func requireIncident(_ id: Int64) throws -> Incident {
    guard let found = try SQLStoreRows.incident(session, id) else {
      throw RegistryError(.notFound, "INC-\(id) does not exist")
    }
    return found
  }

  /// The incident `id`, refused with `.notApplicable` when resolved (it cannot be `what` then).
  private func requireOpenIncident(_ id: Int64, _ what: String) throws -> Incident {
    let incident = try requireIncident(id)
    guard incident.state.isOpen else {
      throw RegistryError(.notApplicable, "\(incident.displayID) is resolved and cannot be \(what)")
    }
    return incident
  }

  /// `acknowledged (by bob at 13:02:11Z)`, `resolved (at 13:40:00Z)`.
  private func describeState(_ i: Incident) -> String {
    switch i.state {
    case .triggered: return "triggered"
    case .acknowledged:
      let at = i.acknowledgedAt.map { " at \(Self.clockTime($0))" } ?? ""
      return "acknowledged (by \(i.acknowledgedBy ?? "?")\(at))"
    case .mitigated: return "mitigated" + (i.mitigatedAt.map { " (at \(Self.clockTime($0)))" } ?? "")
    case .resolved: return "resolved" + (i.resolvedAt.map { " (at \(Self.clockTime($0)))" } ?? "")
    }
  }

  /// The outcome of a command that changed incident `id`.
  private func changed(_ id: Int64, _ message: String) throws -> RegistryOutcome {
    RegistryOutcome(message: message, incident: try requireIncident(id))
  }
}
