import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// The runner's transactions: the write lock, retries, rollbacks, the change
/// counter, the identity.
@Suite struct PostgresTransactionRunnerTests {
  /// Writer A holds the write lock; writer B, on another connection, is seen
  /// waiting for it in `pg_locks` (not granted) before A appends; B then
  /// appends and reads A's row. The log's order is A, B: an ordering, not a timing.
  @Test func writersTakeTheLockOneAtATime() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    let observer = try db.runner()
    defer {
      runner.close()
      observer.close()
    }
    try runner.write { try $0.execute("CREATE TABLE log (id BIGINT GENERATED ALWAYS AS IDENTITY, who TEXT)") }
    let bSawBefore = Inbox<Int64>()
    let bDone = Inbox<Bool>()
    let waitingSeen = try runner.write { session -> Bool in
      // B starts while A holds the lock.
      Thread.detachNewThread {
        let seen = try? runner.write { session -> Int64 in
          let count = try session.queryOne("SELECT count(*) AS n FROM log WHERE who = 'A'")?.decode(
            Int64.self, forColumn: "n")
          try session.execute("INSERT INTO log (who) VALUES ('B')")
          return count ?? -1
        }
        bSawBefore.put(seen ?? -2)
        bDone.put(true)
      }
      // Wait until PostgreSQL shows B waiting on FlightDeck's write lock.
      var waiting = false
      for _ in 0..<3000 where !waiting {
        let row = try observer.read { s in
          try s.queryOne(
            """
            SELECT count(*) AS n FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND ((CAST(classid AS BIGINT) << 32) | CAST(objid AS BIGINT)) = ?
            """, [.integer(PostgresAdvisoryLock.write)])
        }
        waiting = try row?.decode(Int64.self, forColumn: "n") == 1
        if !waiting { usleep(10_000) }
      }
      try session.execute("INSERT INTO log (who) VALUES ('A')")
      return waiting
    }
    #expect(waitingSeen, "writer B never showed as waiting for the write lock")
    #expect(bDone.wait { !$0.isEmpty })
    #expect(bSawBefore.all == [1], "B ran after A committed and saw its row")
    let order = try runner.read { try $0.query("SELECT who FROM log ORDER BY id", []) }.map { $0["who"] }
    #expect(order == [.text("A"), .text("B")])
  }

  /// Eight threads each add one to a value read then written back, 20 times:
  /// with the write lock no update is lost (160), as the audit chain's
  /// read-head-then-append needs.
  @Test func readModifyWriteLosesNoUpdate() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner(poolSize: 8)
    defer { runner.close() }
    try runner.write { try $0.execute("INSERT INTO meta (key, value) VALUES ('n', '0')") }
    let failures = Inbox<String>()
    let group = DispatchGroup()
    for _ in 0..<8 {
      group.enter()
      Thread.detachNewThread {
        defer { group.leave() }
        for _ in 0..<20 {
          do {
            try runner.write { session in
              let value = try session.queryOne("SELECT value FROM meta WHERE key = 'n'")?.decode(
                String.self, forColumn: "value")
              try session.execute(
                "UPDATE meta SET value = ? WHERE key = 'n'", [.text(String((Int(value ?? "") ?? -1000) + 1))])
            }
          } catch { failures.put("\(error)") }
        }
      }
    }
    group.wait()
    #expect(failures.all.isEmpty)
    let final = try runner.read { try $0.queryOne("SELECT value FROM meta WHERE key = 'n'") }
    #expect(final?["value"] == .text("160"))
    #expect(try runner.changeToken() == 161)
  }

  @Test func aSerializationFailureRunsTheTransactionAgain() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner(maxAttempts: 3)
    defer { runner.close() }
    var attempts = 0
    try runner.write { session in
      attempts += 1
      try session.execute("INSERT INTO meta (key, value) VALUES (?, 'x')", [.text("attempt-\(attempts)")])
      if attempts == 1 {
        try session.execute(
          "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$")
      }
    }
    #expect(attempts == 2)
    let keys = try runner.read { try $0.query("SELECT key FROM meta ORDER BY key", []) }.map { $0["key"] }
    #expect(keys == [.text("attempt-2")])
    #expect(try runner.changeToken() == 1)

    var always = 0
    let error = #expect(throws: RegistryError.self) {
      try runner.write { session in
        always += 1
        try session.execute(
          "DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = 'deadlock_detected'; END $$")
      }
    }
    #expect(always == 3)
    #expect(error?.code == .busy)
  }

  /// The retry is decided from the server's state even when the shared code
  /// replaced the error with its own.
  @Test func aReplacedSerializationErrorIsStillRetried() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner(maxAttempts: 2)
    defer { runner.close() }
    var attempts = 0
    _ = try? runner.write { session in
      attempts += 1
      do {
        try session.execute("DO $$ BEGIN RAISE EXCEPTION 'c' USING ERRCODE = 'serialization_failure'; END $$")
      } catch {
        throw RegistryError(.changedSinceYouLooked, "replaced")
      }
    }
    #expect(attempts == 2)
  }

  @Test func aRefusalRollsBackAndDoesNotCountAsAChange() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let error = #expect(throws: RegistryError.self) {
      try runner.write { session in
        try session.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        throw RegistryError(.fourEyes, "refused")
      }
    }
    #expect(error == RegistryError(.fourEyes, "refused"))
    #expect(try runner.read { try $0.query("SELECT key FROM meta", []) }.isEmpty)
    #expect(try runner.changeToken() == 0)
  }

  /// A statement failed, the shared code swallowed the error and returned:
  /// PostgreSQL answers COMMIT with ROLLBACK, and the runner says so.
  @Test func aSwallowedStatementFailureIsNotReportedAsCommitted() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let error = #expect(throws: RegistryError.self) {
      try runner.write { session in
        try session.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        _ = try? session.execute("SELECT 1 / 0")
      }
    }
    #expect(error?.code == .storage)
    #expect(try runner.read { try $0.query("SELECT key FROM meta", []) }.isEmpty)
    // A read has no statement after the body: only COMMIT's answer tells.
    let read = #expect(throws: RegistryError.self) {
      try runner.read { session -> Int in
        _ = try? session.execute("SELECT 1 / 0")
        return 1
      }
    }
    #expect(read?.message.hasPrefix("PostgreSQL rolled the transaction back") == true)
  }

  /// A pooled connection the server ended while it sat idle is replaced
  /// without the caller seeing an error.
  @Test func aStalePooledConnectionIsReplaced() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let name = "fd-stale-\(UUID().uuidString.prefix(8))"
    let runner = try PostgresTransactionRunner(location: db.location, poolSize: 1, applicationName: name)
    let admin = try db.runner()
    defer {
      runner.close()
      admin.close()
    }
    try runner.write { try $0.execute("INSERT INTO meta (key, value) VALUES ('a', '1')") }
    let ended = try admin.withConnection { session in
      try session.queryOne(
        "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = ?",
        [.text(name)])?.decode(Int64.self, forColumn: "n")
    }
    #expect(ended == 1)
    let value = try runner.read { try $0.queryOne("SELECT value FROM meta WHERE key = 'a'") }
    #expect(value?["value"] == .text("1"))
  }

  @Test func theActorIsTheSessionUser() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let role = try db.role("fd_alice", grants: ["GRANT SELECT ON ALL TABLES IN SCHEMA public TO ROLE"])
    let runner = try PostgresTransactionRunner(location: role)
    defer { runner.close() }
    #expect(try runner.sessionUser() == role.user)
    #expect(role.user.hasPrefix("fd_alice_"))
  }

  @Test func aReadSeesOneSnapshot() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    let writer = try db.runner()
    defer {
      runner.close()
      writer.close()
    }
    let counts = try runner.read { session -> [Int64] in
      let before = try session.queryOne("SELECT count(*) AS n FROM meta")?.decode(Int64.self, forColumn: "n")
      try writer.write { try $0.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')") }
      let after = try session.queryOne("SELECT count(*) AS n FROM meta")?.decode(Int64.self, forColumn: "n")
      return [before ?? -1, after ?? -1]
    }
    #expect(counts == [0, 0])
    #expect(try runner.read { try $0.queryOne("SELECT count(*) AS n FROM meta") }?["n"] == .integer(1))
  }
}
