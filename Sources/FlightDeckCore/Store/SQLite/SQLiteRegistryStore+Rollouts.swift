import GRDB

extension SQLiteRegistryStore {
  /// The rollouts of `artefact` (all when `nil`), newest first.
  /// - Throws: ``RegistryError``: `.invalidInput` for a bad name, `.corrupt`
  ///   for a damaged row, or a storage failure.
  public func rollouts(artefact: String?) throws -> [RolloutRecord] {
    try guarded {
      try writer.read { db in try SQLStoreReads.rollouts(SQLiteSession(db, path: path), artefact: artefact) }
    }
  }
}
