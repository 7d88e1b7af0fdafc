/// Copies every row of a store into a new store of another backend, as the
/// rows are (ids, times, audit hashes): `flightdeck store migrate`.
///
/// The target must be new: at most the `workspace.init` entry its creation
/// appended, nothing else. Its rows are removed and the source's inserted
/// table by table, parents first, in one write transaction; the audit chain
/// then verifies on both sides and every table has the same count.
public enum SQLStoreCopy {
  /// The store's tables, parents before the tables that refer to them.
  public static let tables = [
    "artefact", "version", "version_template", "pointer_move", "pointer", "promotion_request",
    "request_decision", "meta",
    "audit_log", "audit_head", "gate_result", "rollout", "alert_instance", "silence", "incident",
    "incident_link", "incident_note", "notification_outbox", "notification_log", "routing_outbox",
    "routing_target",
  ]

  /// The row count of every table in `session` (table → rows).
  /// - Throws: ``RegistryError`` on a storage failure.
  public static func counts(_ session: any SQLSession) throws -> [String: Int64] {
    var out: [String: Int64] = [:]
    for table in tables {
      out[table] = try session.queryOne("SELECT COUNT(*) AS n FROM \(table)")?.decode(forColumn: "n") ?? 0
    }
    return out
  }

  /// Copies every row of `source` into `target` and returns the counts copied.
  /// - Throws: ``RegistryError`` `.alreadyExists` when the target holds
  ///   artefacts, requests, incidents or more than its `workspace.init`
  ///   entry ("migrate into a new store"); `.corrupt` when a source row has
  ///   a column the target's table lacks; a storage failure of either side.
  public static func copy(from source: any SQLSession, to target: any SQLSession) throws -> [String: Int64] {
    let existing = try counts(target)
    let held = tables.filter {
      !["meta", "audit_log", "audit_head"].contains($0) && existing[$0, default: 0] > 0
    }
    if !held.isEmpty || existing["audit_log", default: 0] > 1 {
      throw RegistryError(
        .alreadyExists,
        "the target store is not new (it holds \(held.isEmpty ? "\(existing["audit_log", default: 0]) audit entries" : held.joined(separator: ", "))): migrate into a new store"
      )
    }
    for table in tables.reversed() { try target.execute("DELETE FROM \(table)") }
    var copied: [String: Int64] = [:]
    for table in tables {
      let rows = try source.query("SELECT * FROM \(table)", [])
      for row in rows {
        let placeholders = Array(repeating: "?", count: row.columns.count).joined(separator: ", ")
        try target.execute(
          "INSERT INTO \(table) (\(row.columns.joined(separator: ", "))) VALUES (\(placeholders))", row.values
        )
      }
      copied[table] = Int64(rows.count)
    }
    return copied
  }
}
