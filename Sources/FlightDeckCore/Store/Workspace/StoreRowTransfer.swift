/// A store whose rows can be copied as they are into a store of another
/// backend (`flightdeck store migrate`): the audit chain keeps every
/// sequence, time, actor and hash, so it verifies on both sides.
///
/// Both backends implement it; ``SQLStoreCopy`` does the copying over the
/// two sessions.
public protocol StoreRowTransfer: RegistryStore {
  /// Runs `body` in one read transaction (one snapshot of every table).
  /// - Throws: ``RegistryError`` on a storage failure, or what `body` throws.
  func readingRows<T>(_ body: (any SQLSession) throws -> T) throws -> T

  /// Runs `body` in one write transaction, then does what the backend
  /// needs after rows were inserted with their own ids (PostgreSQL moves
  /// its identity sequences past them), before committing.
  /// - Throws: ``RegistryError`` on a storage failure, or what `body`
  ///   throws (nothing is then written).
  func writingRows<T>(_ body: (any SQLSession) throws -> T) throws -> T
}
