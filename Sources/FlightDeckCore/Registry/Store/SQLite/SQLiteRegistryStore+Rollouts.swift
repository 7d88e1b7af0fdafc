import GRDB

extension SQLiteRegistryStore {
  /// The rollouts of `artefact` (all when `nil`), newest first.
  /// - Throws: ``RegistryError``: `.invalidInput` for a bad name, `.corrupt`
  ///   for a damaged row, or a storage failure.
  public func rollouts(artefact: String?) throws -> [RolloutRecord] {
    if let artefact { try RegistryNames.validateArtefact(artefact) }
    return try guarded { try writer.read { db in try SQLiteRegistryRows.rollouts(db, artefact: artefact) } }
  }
}
