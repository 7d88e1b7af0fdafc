import GRDB

extension SQLiteRegistryStore {
  /// Incidents in `states` (all when `nil`), newest first, at most `limit` (≥ 0).
  /// - Throws: ``RegistryError`` on a storage failure or a damaged row.
  public func incidents(states: Set<IncidentState>?, limit: Int) throws -> [Incident] {
    var filter = ""
    var arguments = StatementArguments()
    if let states {
      guard !states.isEmpty else { return [] }
      let sorted = states.map(\.rawValue).sorted()
      filter = " WHERE state IN (\(sorted.map { _ in "?" }.joined(separator: ", ")))"
      arguments += StatementArguments(sorted)
    }
    arguments += [max(0, limit)]
    return try guarded {
      try writer.read { db in
        try SQLiteRegistryRows.incidents(
          db, sql: "SELECT * FROM incident\(filter) ORDER BY id DESC LIMIT ?", arguments: arguments)
      }
    }
  }

  /// The incident `id`.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown id, `.corrupt` for a damaged row.
  public func incident(id: Int64) throws -> Incident {
    let found = try guarded { try writer.read { db in try SQLiteRegistryRows.incident(db, id) } }
    guard let found else { throw RegistryError(.notFound, "INC-\(id) does not exist") }
    return found
  }

  /// The timeline of incident `id` (``IncidentTimeline/build(incident:entries:requestArtefacts:now:leadMs:)``
  /// over the audit log from the window's start, with the artefact of every
  /// promotion request), at the store clock's now.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown id, or a storage failure.
  public func incidentTimeline(id: Int64, leadMs: Int64) throws -> [IncidentTimelineEntry] {
    let incident = try incident(id: id)
    let now = clock.now()
    let start = IncidentTimeline.window(of: incident, now: now, leadMs: leadMs).start
    let (entries, requests) = try guarded {
      try writer.read { db in
        let entries = try SQLiteRegistryRows.auditEntries(
          db,
          sql: "SELECT * FROM audit_log WHERE at >= ? OR subject = ? ORDER BY sequence",
          arguments: [start.millisecondsSinceEpoch, incident.displayID])
        var requests: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, artefact FROM promotion_request") {
          requests[row["id"]] = row["artefact"]
        }
        return (entries, requests)
      }
    }
    return IncidentTimeline.build(
      incident: incident, entries: entries, requestArtefacts: requests, now: now, leadMs: leadMs)
  }
}
