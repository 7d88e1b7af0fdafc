import FlightDeckCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// Runs the store's transactions on a PostgreSQL database, synchronously,
/// from any thread that is not an event loop's.
///
/// - A **write** transaction is `BEGIN` (READ COMMITTED), `SET LOCAL
///   lock_timeout`, `SELECT pg_advisory_xact_lock(`\(PostgresAdvisoryLock.write)`)`,
///   the closure, then — when the closure wrote a row — one more on the
///   change counter with `pg_notify` (``PostgresChangeFeed``), `COMMIT`. The advisory lock makes writers run
///   one at a time as SQLite's `BEGIN IMMEDIATE` does, so each sees every
///   write committed before it and the audit chain stays one linear chain.
///   READ COMMITTED (not REPEATABLE READ) matters here: each statement after
///   the lock reads what the previous writer committed, whereas a REPEATABLE
///   READ snapshot would be taken by the lock's own statement, before the wait.
/// - A **read** transaction is `BEGIN ISOLATION LEVEL REPEATABLE READ READ
///   ONLY`: one consistent snapshot, no lock.
/// - A transaction that fails with a serialization failure or a deadlock
///   (`40001`, `40P01`) is rolled back and run again, up to ``maxAttempts``
///   times in all; so the closure must have no effect outside the database.
///   Any other error rolls back and is thrown (a ``RegistryError``).
///
/// Connections are kept in a small pool (at most ``poolSize`` idle ones); a
/// pooled connection found closed when the transaction begins is replaced
/// without counting as an attempt. Call ``close()`` when done (deinit does
/// too).
public final class PostgresTransactionRunner: Sendable {
  /// Where the database is.
  public let location: PostgresLocation
  /// How many times a transaction runs at most when it keeps failing with `40001`/`40P01`.
  public let maxAttempts: Int
  /// How many idle connections are kept.
  public let poolSize: Int
  /// How long a write waits for the write lock (or any row lock) before
  /// failing with ``RegistryError/Code/busy``, in seconds.
  public let lockTimeoutSeconds: Int
  let connector: PostgresConnector
  private let idle = NIOLockedValueBox<[PostgresConnection]>([])
  private let closed = NIOLockedValueBox(false)
  private let actor = NIOLockedValueBox<String?>(nil)

  /// What a transaction may do.
  enum Kind: Sendable {
    /// Reads only, on one snapshot.
    case read
    /// Writes under the write lock, and bumps the change counter.
    case write
    /// Changes the schema under the migration lock.
    case migration
  }

  /// A runner for `location`.
  ///
  /// - Parameters:
  ///   - eventLoopGroup: where the connections' channels run (NIO's shared
  ///     group by default; never the caller's thread).
  ///   - poolSize: idle connections kept, at least 1.
  ///   - maxAttempts: runs of a transaction that keeps failing with `40001`/`40P01`, at least 1.
  ///   - lockTimeoutSeconds: how long a write waits for a lock, in seconds, at least 1.
  ///   - applicationName: what `pg_stat_activity.application_name` shows.
  /// - Throws: ``RegistryError`` from the password file or the TLS settings;
  ///   no connection is opened yet.
  public init(
    location: PostgresLocation, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    poolSize: Int = 4, maxAttempts: Int = 5, lockTimeoutSeconds: Int = 30,
    applicationName: String = "flightdeck"
  ) throws {
    self.location = location
    self.poolSize = max(1, poolSize)
    self.maxAttempts = max(1, maxAttempts)
    self.lockTimeoutSeconds = max(1, lockTimeoutSeconds)
    connector = try PostgresConnector(
      location: location, eventLoopGroup: eventLoopGroup, applicationName: applicationName)
  }

  deinit { close() }

  /// Runs `body` in a write transaction (see the type's description) and commits.
  /// - Throws: ``RegistryError``: `body`'s own, or the database's mapped by
  ///   ``PostgresErrors`` (`.busy` after ``maxAttempts`` serialization
  ///   failures or a lock wait past ``lockTimeoutSeconds``, `.missingRole`
  ///   when the role lacks a right, …). Nothing is committed when it throws.
  public func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try transaction(.write, body)
  }

  /// Runs `body` in a read-only REPEATABLE READ transaction.
  /// - Throws: as ``write(_:)``; `.readOnly` when `body` tries to write.
  public func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try transaction(.read, body)
  }

  /// The role the database authenticated, `session_user`: the actor of every
  /// action on this store (read once, then remembered).
  /// - Throws: ``RegistryError`` when the database cannot be reached.
  public func sessionUser() throws -> String {
    if let known = actor.withLockedValue({ $0 }) { return known }
    let name = try withConnection { session in
      try session.queryOne("SELECT CAST(session_user AS TEXT) AS actor")?.decode(
        String.self, forColumn: "actor")
    }
    guard let name else { throw RegistryError(.storage, "PostgreSQL did not say which role is logged in") }
    actor.withLockedValue { $0 = name }
    return name
  }

  /// The change counter: how many write transactions that wrote a row have
  /// committed since the schema was created. Two equal tokens mean nothing changed in between.
  /// One single-row read, outside any transaction.
  /// - Throws: ``RegistryError``, `.noWorkspace` before the schema exists.
  public func changeToken() throws -> Int64 {
    try withConnection { session in
      guard
        let row = try session.queryOne(
          "SELECT counter FROM \(PostgresChangeFeed.table) WHERE id = 1")
      else { throw RegistryError(.corrupt, "the change counter row of \(location) is missing") }
      return try row.decode(Int64.self, forColumn: "counter")
    }
  }

  /// Closes every idle connection; later transactions throw. Idempotent.
  public func close() {
    closed.withLockedValue { $0 = true }
    let connections = idle.withLockedValue { list in
      defer { list = [] }
      return list
    }
    for connection in connections { try? connection.close().wait() }
  }

  /// Runs `sql` (one statement, no arguments) on a pooled connection outside
  /// any transaction: for what PostgreSQL refuses inside one (`CREATE DATABASE`).
  /// - Throws: as ``write(_:)``.
  public func executeOutsideTransaction(_ sql: String) throws {
    try withConnection { try $0.execute(sql) }
  }

  /// Runs `body` on a pooled connection outside any transaction (autocommit).
  /// - Throws: as ``write(_:)``.
  func withConnection<T>(_ body: (PostgresSQLSession) throws -> T) throws -> T {
    let (connection, _) = try checkOut()
    let session = PostgresSQLSession(connection: connection, location: location, logger: connector.logger)
    do {
      let value = try body(session)
      checkIn(connection)
      return value
    } catch {
      checkIn(connection)
      throw error
    }
  }

  /// Runs `body` in a transaction of `kind`, retrying serialization failures.
  /// - Throws: as ``write(_:)``.
  func transaction<T>(_ kind: Kind, _ body: (PostgresSQLSession) throws -> T) throws -> T {
    var attempt = 1
    while true {
      let (connection, pooled) = try checkOut()
      let session = PostgresSQLSession(connection: connection, location: location, logger: connector.logger)
      var begun = false
      do {
        try begin(kind, session)
        begun = true
        let value = try body(session)
        // Only a transaction that wrote a row bumps the counter (PostgreSQL
        // assigns a transaction id at the first write), so a write that
        // changed nothing — an import already done — is no change to anyone.
        if kind == .write,
          try session.queryOne(
            "SELECT CAST(pg_current_xact_id_if_assigned() IS NOT NULL AS INTEGER) AS wrote")?.decode(
              Int64.self, forColumn: "wrote") == 1
        {
          let bumped = try session.queryOne(
            "UPDATE \(PostgresChangeFeed.table) SET counter = counter + 1 WHERE id = 1 RETURNING counter")
          guard let counter = try bumped?.decode(Int64.self, forColumn: "counter") else {
            throw RegistryError(.corrupt, "the change counter row of \(location) is missing")
          }
          try session.execute(
            "SELECT pg_notify(?, ?)", [.text(PostgresChangeFeed.channel), .text(String(counter))])
        }
        let commit = try session.run("COMMIT", [])
        guard commit.metadata.command == "COMMIT" else {
          // PostgreSQL answers COMMIT with ROLLBACK when a statement of the transaction failed.
          throw RegistryError(
            .storage,
            "PostgreSQL rolled the transaction back because one of its statements failed; nothing was changed"
          )
        }
        checkIn(connection)
        return value
      } catch {
        let retryable = session.sawRetryableFailure || PostgresErrors.isRetryable(error)
        if !connection.isClosed, (try? session.run("ROLLBACK", [])) != nil {
          checkIn(connection)
        } else {
          try? connection.close().wait()
        }
        if !begun && pooled && connection.isClosed { continue }  // a stale pooled connection: not an attempt
        if retryable && attempt < maxAttempts {
          attempt += 1
          continue
        }
        throw PostgresErrors.map(error, location: location)
      }
    }
  }

  /// `BEGIN` as `kind` needs, and its lock.
  private func begin(_ kind: Kind, _ session: PostgresSQLSession) throws {
    switch kind {
    case .read:
      try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    case .write:
      try session.execute("BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE")
      try session.execute("SET LOCAL lock_timeout = '\(lockTimeoutSeconds)s'")
      try session.execute("SELECT pg_advisory_xact_lock(?)", [.integer(PostgresAdvisoryLock.write)])
    case .migration:
      try session.execute("BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE")
      try session.execute("SET LOCAL lock_timeout = '\(lockTimeoutSeconds)s'")
      try session.execute("SELECT pg_advisory_xact_lock(?)", [.integer(PostgresAdvisoryLock.migration)])
    }
  }

  /// An open connection: an idle one from the pool (`pooled` true) or a new one.
  private func checkOut() throws -> (connection: PostgresConnection, pooled: Bool) {
    if closed.withLockedValue({ $0 }) {
      throw RegistryError(.storage, "the PostgreSQL store \(location) was closed")
    }
    while let connection = idle.withLockedValue({ $0.popLast() }) {
      if !connection.isClosed { return (connection, true) }
      try? connection.close().wait()
    }
    return (try connector.connectAndWait(), false)
  }

  /// Returns `connection` to the pool, or closes it when the pool is full or the runner closed.
  private func checkIn(_ connection: PostgresConnection) {
    let kept = idle.withLockedValue { list -> Bool in
      guard !connection.isClosed, list.count < poolSize, !closed.withLockedValue({ $0 }) else { return false }
      list.append(connection)
      return true
    }
    if !kept { try? connection.close().wait() }
  }
}
