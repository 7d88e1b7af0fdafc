import GRDB

extension SQLiteRegistryStore {
  /// Every stored alert instance with its acknowledgement, firing first.
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func alertInstances() throws -> [AlertInstance] {
    try guarded { try writer.read { db in try SQLStoreReads.alertInstances(SQLiteSession(db, path: path)) } }
  }

  /// Silences, newest first: those ending after the clock's now, or all.
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func silences(includeExpired: Bool) throws -> [AlertSilence] {
    let now = clock.now()
    return try guarded {
      try writer.read { db in
        try SQLStoreReads.silences(SQLiteSession(db, path: path), includeExpired: includeExpired, now: now)
      }
    }
  }
}
