import GRDB

extension SQLiteRegistryStore {
  /// Every stored alert instance with its acknowledgement, firing first.
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func alertInstances() throws -> [AlertInstance] {
    let rows = try guarded {
      try writer.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM alert_instance").map(SQLiteRegistryTransaction.alertInstance)
      }
    }
    return rows.sorted {
      ($0.state.rank, $0.ruleName, $0.fingerprint) < ($1.state.rank, $1.ruleName, $1.fingerprint)
    }
  }

  /// Silences, newest first: those ending after the clock's now, or all.
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func silences(includeExpired: Bool) throws -> [AlertSilence] {
    let now = clock.now().millisecondsSinceEpoch
    return try guarded {
      try writer.read { db in
        let sql =
          includeExpired
          ? "SELECT * FROM silence ORDER BY id DESC"
          : "SELECT * FROM silence WHERE ends_at > ? ORDER BY id DESC"
        return try Row.fetchAll(db, sql: sql, arguments: includeExpired ? [] : [now])
          .map(SQLiteRegistryTransaction.silence)
      }
    }
  }
}
