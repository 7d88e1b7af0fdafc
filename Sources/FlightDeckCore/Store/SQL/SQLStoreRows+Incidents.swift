import Foundation

extension SQLStoreRows {
  /// The incident `id` with its links, or `nil`; `nil` on a database
  /// without the v5 tables (an older file opened read-only).
  static func incident(_ session: any SQLSession, _ id: Int64) throws -> Incident? {
    guard try session.tableExists("incident") else { return nil }
    return try session.queryOne("SELECT * FROM incident WHERE id = ?", binding: [id]).map {
      try incident(session, $0)
    }
  }

  /// Incidents selected by `sql` (a `SELECT * FROM incident …`), with their links.
  static func incidents(
    _ session: any SQLSession, sql: String, binding arguments: [any SQLValueConvertible] = []
  )
    throws -> [Incident]
  {
    guard try session.tableExists("incident") else { return [] }
    return try session.query(sql, binding: arguments).map { try incident(session, $0) }
  }

  /// The id of an incident that links one of the alert firings `keys`
  /// (`fingerprint@ms`), if any (the lowest id).
  static func incidentLinking(_ session: any SQLSession, alertKeys keys: [String]) throws -> Int64? {
    guard !keys.isEmpty else { return nil }
    return try session.queryOne(
      "SELECT MIN(incident_id) AS id FROM incident_link WHERE kind = 'alert' AND value IN (\(keys.map { _ in "?" }.joined(separator: ", ")))",
      binding: keys
    )?.decode(Int64?.self, forColumn: "id")
  }

  /// The id of the oldest open (not resolved) incident with an alert link to
  /// one of the alert instances `fingerprints` (any firing of them), if any.
  static func openIncidentLinking(_ session: any SQLSession, fingerprints: [String]) throws -> Int64? {
    guard !fingerprints.isEmpty else { return nil }
    // An alert link's value is `fingerprint@firing-start-ms`: the values from
    // `fingerprint@` up to (not including) `fingerprintA` ('A' follows '@'),
    // a range the (kind, value) index answers.
    let match = fingerprints.map { _ in "(l.value >= ? AND l.value < ?)" }.joined(separator: " OR ")
    return try session.queryOne(
      """
      SELECT MIN(i.id) AS id FROM incident i JOIN incident_link l ON l.incident_id = i.id
      WHERE l.kind = 'alert' AND i.state != 'resolved' AND (\(match))
      """, binding: fingerprints.flatMap { [$0 + "@", $0 + "A"] }
    )?.decode(Int64?.self, forColumn: "id")
  }

  /// The incident of an `incident` row, with its links read through `session`.
  /// - Throws: `.corrupt` for a damaged row or link.
  static func incident(_ session: any SQLSession, _ row: SQLRow) throws -> Incident {
    let id: Int64 = try row.decode(forColumn: "id")
    let what = "incident INC-\(id)"
    func time(_ column: String) throws -> Timestamp? {
      (try row.decode(Int64?.self, forColumn: column)).map(Timestamp.init(millisecondsSinceEpoch:))
    }
    var links = IncidentLinks()
    for link in try session.query(
      "SELECT * FROM incident_link WHERE incident_id = ? ORDER BY id", binding: [id])
    {
      let kind: String = try link.decode(forColumn: "kind")
      let value: String = try link.decode(forColumn: "value")
      let artefact: String? = try link.decode(forColumn: "artefact")
      switch kind {
      case "alert":
        let detail: String = try link.decode(String?.self, forColumn: "detail") ?? ""
        links.alerts.append(try json(IncidentAlertLink.self, detail, "alert link of \(what)"))
      case "artefact":
        links.artefacts.append(value)
      case "version":
        guard let artefact else { throw damaged("version link of \(what)") }
        links.versions.append(IncidentVersionLink(artefact: artefact, label: value))
      case "rollout":
        guard let n = Int64(value) else { throw damaged("rollout link of \(what)") }
        links.rollouts.append(n)
      default:
        throw damaged("link kind of \(what)")
      }
    }
    return Incident(
      id: id, title: try row.decode(forColumn: "title"),
      severity: try enumValue(row.decode(forColumn: "severity"), "severity of \(what)"),
      state: try enumValue(row.decode(forColumn: "state"), "state of \(what)"),
      commander: try row.decode(forColumn: "commander"),
      source: try enumValue(row.decode(forColumn: "source"), "source of \(what)"),
      openedAt: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "opened_at")),
      openedBy: try row.decode(forColumn: "opened_by"), acknowledgedAt: try time("acknowledged_at"),
      acknowledgedBy: try row.decode(forColumn: "acknowledged_by"), mitigatedAt: try time("mitigated_at"),
      resolvedAt: try time("resolved_at"), links: links, retroPath: try row.decode(forColumn: "retro_path"),
      retroDigest: try row.decode(forColumn: "retro_digest"))
  }
}
