import Foundation

extension SQLStoreRows {
  /// Rollouts of `artefact` (all when `nil`), newest first; empty on a
  /// database without the v3 table (a v2 file opened read-only).
  static func rollouts(_ session: any SQLSession, artefact: String?) throws -> [RolloutRecord] {
    guard try session.tableExists("rollout") else { return [] }
    if let artefact {
      return try session.query(
        "SELECT * FROM rollout WHERE artefact = ? ORDER BY id DESC", binding: [artefact]
      ).map(rollout)
    }
    return try session.query("SELECT * FROM rollout ORDER BY id DESC").map(rollout)
  }

  /// The newest rollout of `artefact` (the unfinished one when there is one).
  static func latestRollout(_ session: any SQLSession, _ artefact: String) throws -> RolloutRecord? {
    guard try session.tableExists("rollout") else { return nil }
    return try session.queryOne(
      "SELECT * FROM rollout WHERE artefact = ? ORDER BY id DESC LIMIT 1", binding: [artefact]
    ).map(rollout)
  }

  /// The unfinished rollout of `artefact`, if any.
  static func unfinishedRollout(_ session: any SQLSession, _ artefact: String) throws -> RolloutRecord? {
    guard try session.tableExists("rollout") else { return nil }
    return try session.queryOne(
      "SELECT * FROM rollout WHERE artefact = ? AND finished = 0", binding: [artefact]
    ).map(rollout)
  }

  /// The rollout of a `rollout` row.
  /// - Throws: `.corrupt` when its plan or state does not decode.
  static func rollout(_ row: SQLRow) throws -> RolloutRecord {
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
