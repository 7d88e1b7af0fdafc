import Foundation
import GRDB
import Testing

@testable import FlightDeckCore
@testable import FlightDeckStorePostgres

/// Migrations on a real PostgreSQL: the schema mirrors SQLite's, runs once,
/// is safe to run from several processes at once, and refuses a newer database.
@Suite struct PostgresMigratorTests {
  /// Every table and column of the SQLite store's schema (built by its own
  /// GRDB migrator, read with `PRAGMA table_info`) exists in PostgreSQL with
  /// the mapped type and the same nullability; PostgreSQL has only the
  /// change counter and the migrations table besides.
  @Test func theSchemaMirrorsSQLite() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let queue = try DatabaseQueue()
    try SQLiteRegistrySchema.migrator.migrate(queue)
    let sqlite = try queue.read { d -> [String: [String: String]] in
      let tables = try String.fetchAll(
        d,
        sql:
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'"
      )
      var out: [String: [String: String]] = [:]
      for table in tables {
        for row in try Row.fetchAll(d, sql: "PRAGMA table_info(\(table))") {
          let type: String = row["type"]
          let notNull: Int = row["notnull"]
          let pk: Int = row["pk"]
          let mapped =
            ["INTEGER": "bigint", "TEXT": "text", "REAL": "double precision", "BLOB": "bytea"][type]
            ?? "?\(type)"
          out[table, default: [:]][row["name"]] = "\(mapped) \(notNull == 1 || pk > 0 ? "NOT NULL" : "NULL")"
        }
      }
      return out
    }
    let postgres = try runner.read { session -> [String: [String: String]] in
      var out: [String: [String: String]] = [:]
      for row in try session.query(
        """
        SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
        """, [])
      {
        let table = try row.decode(String.self, forColumn: "table_name")
        out[table, default: [:]][try row.decode(String.self, forColumn: "column_name")] =
          "\(try row.decode(String.self, forColumn: "data_type")) \(try row.decode(String.self, forColumn: "is_nullable") == "YES" ? "NULL" : "NOT NULL")"
      }
      return out
    }
    #expect(sqlite.count == 22)
    for (table, columns) in sqlite { #expect(postgres[table] == columns, "\(table)") }
    #expect(
      Set(postgres.keys).subtracting(sqlite.keys) == [
        PostgresChangeFeed.table, PostgresSchema.migrationsTable,
      ])
    // The same indexes, by name.
    let sqliteIndexes = try queue.read { d in
      Set(
        try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      )
    }
    let postgresIndexes = try runner.read { session in
      Set(
        try session.query(
          "SELECT CAST(indexname AS TEXT) AS name FROM pg_indexes WHERE schemaname = 'public'", []
        )
        .map { try $0.decode(String.self, forColumn: "name") })
    }
    #expect(
      sqliteIndexes.subtracting(postgresIndexes).isEmpty, "\(sqliteIndexes.subtracting(postgresIndexes))")
  }

  @Test func theAuditHeadAndTheCounterAreSeeded() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let head = try runner.read { try $0.query("SELECT id, sequence, hash FROM audit_head", []) }
    #expect(
      head == [SQLRow(columns: ["id", "sequence", "hash"], values: [1, 0, .text(AuditChain.genesisHash)])])
    #expect(try runner.changeToken() == 0)
    // Constraints came along: a second head row and a canary weight of 101 are refused.
    #expect(throws: RegistryError.self) {
      try runner.write { try $0.execute("INSERT INTO audit_head (id, sequence, hash) VALUES (2, 0, 'x')") }
    }
    let check = #expect(throws: RegistryError.self) {
      try runner.write {
        try $0.execute(
          "INSERT INTO artefact (name, kind, owner, risk_tier, description, created_at, created_by, canary_weight) VALUES ('a', 'model', 'o', 'low', '', 0, 'x', 101)"
        )
      }
    }
    #expect(check?.message.contains("artefact_canary_weight_check") == true)
    // AUTOINCREMENT ids are assigned by the database.
    let id = try runner.write { session in
      try session.execute(
        "INSERT INTO silence (matchers, starts_at, ends_at, created_by, created_at, comment) VALUES ('[{\"name\":\"a\",\"op\":\"=\",\"value\":\"b\"}]', 0, 1, 'x', 0, '')"
      )
      return try session.queryOne(
        "INSERT INTO silence (matchers, starts_at, ends_at, created_by, created_at, comment) VALUES ('[{\"name\":\"a\",\"op\":\"=\",\"value\":\"b\"}]', 0, 1, 'x', 0, '') RETURNING id"
      )?.decode(Int64.self, forColumn: "id")
    }
    #expect(id == 2)
  }

  @Test func migratingTwiceDoesNothingTheSecondTime() throws {
    guard let db = try PostgresTestCluster.freshDatabase(migrated: false) else { return }
    let runner = try db.runner()
    defer { runner.close() }
    #expect(try PostgresMigrator.appliedVersion(runner) == 0)
    #expect(try PostgresMigrator.migrate(runner) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
    #expect(try PostgresMigrator.migrate(runner) == [])
    #expect(try PostgresMigrator.appliedVersion(runner) == PostgresSchema.supportedVersion)
    let rows = try runner.read {
      try $0.query("SELECT version, applied_by FROM \(PostgresSchema.migrationsTable) ORDER BY version", [])
    }
    #expect(
      rows == [
        SQLRow(columns: ["version", "applied_by"], values: [1, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [2, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [3, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [4, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [5, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [6, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [7, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [8, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [9, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [10, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [11, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [12, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [13, .text(db.location.user)]),
        SQLRow(columns: ["version", "applied_by"], values: [14, .text(db.location.user)]),
      ])
  }

  /// Six processes' worth of runners migrate one empty database at once:
  /// exactly one applies migration 1, none fails.
  @Test func concurrentMigrationsApplyOnce() throws {
    guard let db = try PostgresTestCluster.freshDatabase(migrated: false) else { return }
    let results = Inbox<String>()
    let group = DispatchGroup()
    for _ in 0..<6 {
      group.enter()
      Thread.detachNewThread {
        defer { group.leave() }
        do {
          let runner = try db.runner()
          defer { runner.close() }
          results.put("\(try PostgresMigrator.migrate(runner))")
        } catch { results.put("error: \(error)") }
      }
    }
    group.wait()
    #expect(
      results.all.sorted() == [
        "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]", "[]", "[]", "[]", "[]", "[]",
      ])
  }

  @Test func aNewerSchemaIsRefused() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let future = PostgresSchema.supportedVersion + 1
    try runner.write {
      try $0.execute(
        "INSERT INTO \(PostgresSchema.migrationsTable) (version, summary, applied_at, applied_by) VALUES (\(future), 'future', 0, 'x')"
      )
    }
    let expected = RegistryError.Code.schemaTooNew(found: future, supported: PostgresSchema.supportedVersion)
    #expect(throws: RegistryError.self) { try PostgresMigrator.migrate(runner) }
    #expect((try? PostgresMigrator.migrate(runner)) == nil)
    do {
      _ = try PostgresMigrator.appliedVersion(runner)
      Issue.record("a newer schema was accepted")
    } catch let error as RegistryError {
      #expect(error.code == expected)
      #expect(
        error.message.contains(
          "version \(future), newer than this FlightDeck's \(PostgresSchema.supportedVersion)"))
    }
  }

  /// A later migration applies on top of an earlier one, in its own run.
  @Test func aLaterMigrationApplies() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let next = PostgresSchema.supportedVersion + 1
    let later = PostgresMigration(
      version: next, summary: "test", statements: ["ALTER TABLE meta ADD COLUMN note TEXT"])
    #expect(try PostgresMigrator.migrate(runner, migrations: PostgresSchema.migrations + [later]) == [next])
    #expect(try runner.read { try $0.query("SELECT note FROM meta", []) }.isEmpty)
    // The binary without it now refuses the database.
    let error = #expect(throws: RegistryError.self) { try PostgresMigrator.appliedVersion(runner) }
    #expect(error?.code == .schemaTooNew(found: next, supported: PostgresSchema.supportedVersion))
  }
}
