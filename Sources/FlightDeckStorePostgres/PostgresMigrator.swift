import FlightDeckCore

/// Applies ``PostgresSchema``'s migrations to a database, and checks a
/// database's schema version.
///
/// A migration run is one transaction under the migration advisory lock
/// (``PostgresAdvisoryLock/migration``): it creates
/// ``PostgresSchema/migrationsTable`` when missing, refuses a database that
/// has applied a version this binary does not know, applies every missing
/// migration in order and records each. PostgreSQL's DDL is transactional,
/// so a failure leaves the database as it was, and a second process
/// migrating at the same time waits for the lock and then finds nothing to do.
public enum PostgresMigrator {
  /// Brings the database of `runner` up to date.
  /// - Parameter migrations: the migrations to apply (``PostgresSchema/migrations`` but in tests).
  /// - Returns: the versions applied by this call, in order (empty when it was up to date).
  /// - Throws: ``RegistryError`` `.schemaTooNew(found:supported:)` when the
  ///   database has applied a version not in `migrations` (a newer
  ///   FlightDeck wrote it); `.missingRole` when the role may not create
  ///   tables; any other ``PostgresErrors`` mapping.
  @discardableResult
  public static func migrate(
    _ runner: PostgresTransactionRunner, migrations: [PostgresMigration] = PostgresSchema.migrations
  ) throws -> [Int] {
    try runner.transaction(.migration) { session in
      try session.execute(
        """
        CREATE TABLE IF NOT EXISTS \(PostgresSchema.migrationsTable) (
          version BIGINT PRIMARY KEY,
          summary TEXT NOT NULL,
          applied_at BIGINT NOT NULL,
          applied_by TEXT NOT NULL
        )
        """)
      let applied = try appliedVersions(session)
      try refuseUnknown(applied, known: migrations)
      var done: [Int] = []
      for migration in migrations.sorted(by: { $0.version < $1.version })
      where !applied.contains(migration.version) {
        for statement in migration.statements { try session.execute(statement) }
        try session.execute(
          """
          INSERT INTO \(PostgresSchema.migrationsTable) (version, summary, applied_at, applied_by)
          VALUES (?, ?, CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT), CAST(session_user AS TEXT))
          """, [.integer(Int64(migration.version)), .text(migration.summary)])
        done.append(migration.version)
      }
      return done
    }
  }

  /// The highest migration version the database has applied (0 when it has
  /// none, or no migrations table), without changing anything.
  /// - Throws: ``RegistryError`` `.schemaTooNew(found:supported:)` when it
  ///   has applied a version not in `migrations`; any ``PostgresErrors`` mapping.
  public static func appliedVersion(
    _ runner: PostgresTransactionRunner, migrations: [PostgresMigration] = PostgresSchema.migrations
  ) throws -> Int {
    try runner.read { session in
      guard try session.tableExists(PostgresSchema.migrationsTable) else { return 0 }
      let applied = try appliedVersions(session)
      try refuseUnknown(applied, known: migrations)
      return applied.max() ?? 0
    }
  }

  /// The versions recorded in the migrations table.
  static func appliedVersions(_ session: any SQLSession) throws -> Set<Int> {
    Set(
      try session.query("SELECT version FROM \(PostgresSchema.migrationsTable)", []).map {
        try $0.decode(Int.self, forColumn: "version")
      })
  }

  /// Throws `.schemaTooNew` when `applied` holds a version `known` lacks.
  static func refuseUnknown(_ applied: Set<Int>, known: [PostgresMigration]) throws {
    let unknown = applied.subtracting(known.map(\.version))
    guard let found = unknown.max() else { return }
    let supported = known.map(\.version).max() ?? 0
    throw RegistryError(
      .schemaTooNew(found: found, supported: supported),
      "the PostgreSQL store's schema is at version \(found), newer than this FlightDeck's \(supported); upgrade FlightDeck"
    )
  }
}
