import GRDB

extension SQLiteRegistryStore: StoreRowTransfer {
  /// Runs `body` in one read transaction of the database.
  /// - Throws: ``RegistryError`` on a storage failure, or what `body` throws.
  public func readingRows<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try guarded { try writer.read { db in try body(SQLiteSession(db, path: path)) } }
  }

  /// Runs `body` in one `BEGIN IMMEDIATE` transaction. SQLite moves an
  /// `AUTOINCREMENT` table's sequence past an explicit id by itself, so
  /// nothing more is needed afterwards.
  /// - Throws: ``RegistryError`` on a storage failure, or what `body` throws
  ///   (nothing is then written).
  public func writingRows<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try guarded {
      try writer.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(SQLiteSession(db, path: path))
          return .commit
        }
        guard let result else { throw RegistryError(.storage, "the copy produced no result") }
        return result
      }
    }
  }
}
