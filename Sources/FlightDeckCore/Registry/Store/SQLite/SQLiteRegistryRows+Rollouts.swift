import Foundation
import GRDB

extension SQLiteRegistryRows {
  /// Rollouts of `artefact` (all when `nil`), newest first; empty on a
  /// database without the v3 table (a v2 file opened read-only).
  static func rollouts(_ db: Database, artefact: String?) throws -> [RolloutRecord] {
    guard try db.tableExists("rollout") else { return [] }
    if let artefact {
      return try Row.fetchAll(
        db, sql: "SELECT * FROM rollout WHERE artefact = ? ORDER BY id DESC", arguments: [artefact]
      ).map(rollout)
    }
    return try Row.fetchAll(db, sql: "SELECT * FROM rollout ORDER BY id DESC").map(rollout)
  }

  /// The newest rollout of `artefact` (the unfinished one when there is one).
  static func latestRollout(_ db: Database, _ artefact: String) throws -> RolloutRecord? {
    guard try db.tableExists("rollout") else { return nil }
    return try Row.fetchOne(
      db, sql: "SELECT * FROM rollout WHERE artefact = ? ORDER BY id DESC LIMIT 1", arguments: [artefact]
    ).map(rollout)
  }

  /// The unfinished rollout of `artefact`, if any.
  static func unfinishedRollout(_ db: Database, _ artefact: String) throws -> RolloutRecord? {
    guard try db.tableExists("rollout") else { return nil }
    return try Row.fetchOne(
      db, sql: "SELECT * FROM rollout WHERE artefact = ? AND finished = 0", arguments: [artefact]
    ).map(rollout)
  }

  static func rollout(_ row: Row) throws -> RolloutRecord {
    let id: Int64 = try row.decode(forColumn: "id")
    return RolloutRecord(
      id: id, artefact: try row.decode(forColumn: "artefact"),
      plan: try json(RolloutPlan.self, row.decode(forColumn: "plan"), "rollout plan of RO-\(id)"),
      state: try json(RolloutState.self, row.decode(forColumn: "state"), "rollout state of RO-\(id)"),
      startedAt: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "started_at")),
      startedBy: try row.decode(forColumn: "started_by"),
      updatedAt: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "updated_at")))
  }

  /// `value` as JSON text with sorted keys (how plans and states are stored).
  static func sortedJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
