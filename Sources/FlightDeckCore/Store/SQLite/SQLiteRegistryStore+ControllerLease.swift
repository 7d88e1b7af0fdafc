import GRDB

/// The controller lease on SQLite: the `controller_lease` row (schema v7),
/// each call one `BEGIN IMMEDIATE` transaction (so two processes' attempts
/// are serialised by SQLite's write lock), on the store's clock.
extension SQLiteRegistryStore: ControllerLeaseStore {
  /// Takes the lease unless another holder's is in force (see ``ControllerLeaseStore``).
  /// - Throws: ``RegistryError`` on a storage failure.
  public func acquireControllerLease(for holder: ControllerLeaseHolder, ttlMs: Int64) throws
    -> ControllerLease?
  {
    try leaseTransaction { session, now in
      try SQLControllerLease.acquire(session, holder: holder, now: now, ttlMs: ttlMs)
    }
  }

  /// Renews `lease`, fenced on its holder and epoch; `nil` when it was lost.
  /// - Throws: ``RegistryError`` on a storage failure.
  public func renewControllerLease(_ lease: ControllerLease, ttlMs: Int64) throws -> ControllerLease? {
    try leaseTransaction { session, now in
      try SQLControllerLease.renew(session, lease: lease, now: now, ttlMs: ttlMs)
    }
  }

  /// Releases `lease` when still held by it.
  /// - Throws: ``RegistryError`` on a storage failure.
  public func releaseControllerLease(_ lease: ControllerLease) throws {
    _ = try leaseTransaction { session, now in
      try SQLControllerLease.release(session, lease: lease, now: now)
    }
  }

  /// The stored lease row, or `nil` when none.
  /// - Throws: ``RegistryError`` on a storage failure or a damaged row.
  public func controllerLease() throws -> ControllerLease? {
    try guarded { try writer.read { db in try SQLControllerLease.read(SQLiteSession(db, path: path)) } }
  }

  /// Runs `body` in one `BEGIN IMMEDIATE` transaction with the clock's now.
  private func leaseTransaction<T>(_ body: (SQLiteSession, Timestamp) throws -> T) throws -> T {
    try guarded {
      try writer.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(SQLiteSession(db, path: path), clock.now())
          return .commit
        }
        guard let result else { throw RegistryError(.storage, "the lease transaction produced no result") }
        return result
      }
    }
  }
}
