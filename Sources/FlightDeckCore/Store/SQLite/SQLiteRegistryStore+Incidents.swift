import GRDB

extension SQLiteRegistryStore {
  /// Incidents in `states` (all when `nil`), newest first, at most `limit` (≥ 0).
  /// - Throws: ``RegistryError`` on a storage failure or a damaged row.
  public func incidents(states: Set<IncidentState>?, limit: Int) throws -> [Incident] {
    try guarded {
      try writer.read { db in
        try SQLStoreReads.incidents(SQLiteSession(db, path: path), states: states, limit: limit)
      }
    }
  }

  /// The incident `id`.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown id, `.corrupt` for a damaged row.
  public func incident(id: Int64) throws -> Incident {
    try guarded {
      try writer.read { db in try SQLStoreReads.incident(SQLiteSession(db, path: path), id: id) }
    }
  }

  /// The timeline of incident `id` (``IncidentTimeline/build(incident:entries:requestArtefacts:now:leadMs:)``
  /// over the audit log from the window's start, with the artefact of every
  /// promotion request), at the store clock's now.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown id, or a storage failure.
  public func incidentTimeline(id: Int64, leadMs: Int64) throws -> [IncidentTimelineEntry] {
    let incident = try incident(id: id)
    let now = clock.now()
    let start = IncidentTimeline.window(of: incident, now: now, leadMs: leadMs).start
    let (entries, requests, silences) = try guarded {
      try writer.read { db in
        try SQLStoreReads.timelineInputs(
          SQLiteSession(db, path: path), start: start, subject: incident.displayID)
      }
    }
    return IncidentTimeline.build(
      incident: incident, entries: entries, requestArtefacts: requests, silenceMatchers: silences, now: now,
      leadMs: leadMs)
  }
}
