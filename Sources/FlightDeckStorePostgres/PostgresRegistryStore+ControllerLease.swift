import FlightDeckCore
import PostgresNIO

/// The controller lease on PostgreSQL: a session-level advisory lock
/// (``PostgresAdvisoryLock/controller``, `pg_try_advisory_lock`) held on a
/// dedicated connection for as long as the lease is held, plus the shared
/// `controller_lease` row (``SQLControllerLease``) for the heartbeat that
/// dashboards read.
///
/// - Acquiring opens the dedicated connection (or reuses the one this holder
///   already has) and tries the lock: while another holder's session lives
///   it fails at once (`nil`). With the lock, the row is taken as on SQLite:
///   only when it is released or expired at the store clock's now. So after a
///   holder is killed, its session ends and the lock is free at once, but the
///   standby still waits for the dead holder's expiry, by when the dead
///   holder (had it only lost its connection) has stopped acting by its own clock.
/// - Renewing runs the fenced update on the dedicated connection: a closed
///   or failing connection (the lock may be gone with it) or a row naming
///   someone else is a lost lease (`nil`).
/// - Lease writes run outside the write lock and do not bump the change
///   counter, so heartbeats wake no dashboard.
extension PostgresRegistryStore: ControllerLeaseStore {
  /// Takes the lock and then the lease, unless another holder has either (see the extension).
  /// - Throws: ``RegistryError`` when the database cannot be reached.
  public func acquireControllerLease(for holder: ControllerLeaseHolder, ttlMs: Int64) throws
    -> ControllerLease?
  {
    let connection: PostgresConnection
    if let held = leaseConnections.withLockedValue({ $0[holder.instance] }), !held.isClosed {
      connection = held
    } else {
      let fresh = try runner.connector.connectAndWait()
      let session = leaseSession(fresh)
      let got = try session.queryOne(
        "SELECT CAST(pg_try_advisory_lock(?) AS INTEGER) AS got", [.integer(PostgresAdvisoryLock.controller)]
      )?.decode(Int64.self, forColumn: "got")
      guard got == 1 else {
        try? fresh.close().wait()
        return nil
      }
      leaseConnections.withLockedValue { $0[holder.instance] = fresh }
      connection = fresh
    }
    let now = clock.now()
    do {
      return try leaseTransaction(connection) { session in
        try SQLControllerLease.acquire(session, holder: holder, now: now, ttlMs: ttlMs)
      }
    } catch {
      dropLeaseConnection(holder.instance)
      throw error
    }
  }

  /// Renews `lease` on its holder's lock connection; `nil` when that connection
  /// is gone or fails (the lock may be gone with it), or the row no longer
  /// names the holder and epoch.
  /// - Throws: never in practice (a failure is a lost lease); declared for the protocol.
  public func renewControllerLease(_ lease: ControllerLease, ttlMs: Int64) throws -> ControllerLease? {
    guard let connection = leaseConnections.withLockedValue({ $0[lease.holder.instance] }),
      !connection.isClosed
    else {
      dropLeaseConnection(lease.holder.instance)
      return nil
    }
    let now = clock.now()
    do {
      let renewed = try leaseTransaction(connection) { session in
        try SQLControllerLease.renew(session, lease: lease, now: now, ttlMs: ttlMs)
      }
      if renewed == nil { dropLeaseConnection(lease.holder.instance) }
      return renewed
    } catch {
      // The lock lives and dies with the connection: a failure on it (the
      // server ended the session, the network dropped it) may have freed
      // the lock, so the lease is lost and the connection closed.
      dropLeaseConnection(lease.holder.instance)
      return nil
    }
  }

  /// Marks the row released and closes the lock connection (which unlocks).
  /// - Throws: ``RegistryError`` for a storage failure on a live connection.
  public func releaseControllerLease(_ lease: ControllerLease) throws {
    guard let connection = leaseConnections.withLockedValue({ $0[lease.holder.instance] }),
      !connection.isClosed
    else {
      dropLeaseConnection(lease.holder.instance)
      return
    }
    let now = clock.now()
    defer { dropLeaseConnection(lease.holder.instance) }
    _ = try leaseTransaction(connection) { session in
      try SQLControllerLease.release(session, lease: lease, now: now)
    }
    _ = try leaseSession(connection).query(
      "SELECT pg_advisory_unlock(?)", [.integer(PostgresAdvisoryLock.controller)])
  }

  /// The stored lease row (one read-only transaction), or `nil` when none.
  /// - Throws: ``RegistryError`` on a storage failure or a damaged row.
  public func controllerLease() throws -> ControllerLease? {
    try runner.read { try SQLControllerLease.read($0) }
  }

  /// Closes and forgets the lock connection of `instance` (the server then frees its lock).
  func dropLeaseConnection(_ instance: String) {
    let connection = leaseConnections.withLockedValue { $0.removeValue(forKey: instance) }
    if let connection { try? connection.close().wait() }
  }

  private func leaseSession(_ connection: PostgresConnection) -> PostgresSQLSession {
    PostgresSQLSession(connection: connection, location: runner.location, logger: runner.connector.logger)
  }

  /// Runs `body` in a READ COMMITTED transaction on the lock connection.
  private func leaseTransaction<T>(_ connection: PostgresConnection, _ body: (PostgresSQLSession) throws -> T)
    throws -> T
  {
    let session = leaseSession(connection)
    try session.execute("BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE")
    do {
      let value = try body(session)
      try session.execute("COMMIT")
      return value
    } catch {
      if !connection.isClosed { try? session.execute("ROLLBACK") }
      throw PostgresErrors.map(error, location: runner.location)
    }
  }
}
