import FlightDeckCore
import Foundation
import Synchronization
import Testing

@testable import FlightDeckStorePostgres

/// The throwaway cluster `Tests/Tools/postgres-cluster.sh start` made:
/// `FLIGHTDECK_TEST_POSTGRES_URL` names a role that may create databases and
/// roles. Each test gets its own database (``freshDatabase()``), dropped at
/// the end. Without the variable the tests skip with a message, except under
/// `CI=true`, where they fail (`.ci/run` starts the cluster).
enum PostgresTestCluster {
  /// The administrative location, or `nil` after skipping / recording the failure.
  static func adminLocation(_ test: String = #function) throws -> PostgresLocation? {
    guard let url = ProcessInfo.processInfo.environment["FLIGHTDECK_TEST_POSTGRES_URL"], !url.isEmpty else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record(
          "CI=true but FLIGHTDECK_TEST_POSTGRES_URL is not set: .ci/run must start Tests/Tools/postgres-cluster.sh"
        )
      } else {
        print(
          "SKIPPED \(test): FLIGHTDECK_TEST_POSTGRES_URL is not set (eval \"$(Tests/Tools/postgres-cluster.sh start)\")"
        )
      }
      return nil
    }
    return try PostgresLocation(parsing: url)
  }

  /// A new database for one test (migrated to ``PostgresSchema``'s latest
  /// version unless `migrated` is false), or `nil` when skipping.
  static func freshDatabase(migrated: Bool = true, _ test: String = #function) throws -> TestDatabase? {
    guard let admin = try adminLocation(test) else { return nil }
    let name = "fd_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
    let runner = try PostgresTransactionRunner(location: admin)
    defer { runner.close() }
    try runner.withConnection { try $0.execute("CREATE DATABASE \(name)") }
    var location = admin
    location.database = name
    let db = TestDatabase(admin: admin, location: location)
    if migrated {
      let runner = try db.runner()
      defer { runner.close() }
      try PostgresMigrator.migrate(runner)
    }
    return db
  }

  /// The path of a new password file (mode 600) holding `lines`, in a new temporary folder.
  static func passwordFile(_ lines: [String], mode: mode_t = 0o600) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-pgpass-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("pgpass").path
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    chmod(path, mode)
    return path
  }
}

/// One test's database: its location (as the cluster's test role) and the
/// administrative location used to create roles and drop it.
final class TestDatabase: Sendable {
  let admin: PostgresLocation
  let location: PostgresLocation
  /// The folders of the password files ``role(_:grants:)`` wrote, removed with the database.
  private let passwordFolders = Mutex<[String]>([])

  init(admin: PostgresLocation, location: PostgresLocation) {
    self.admin = admin
    self.location = location
  }

  deinit {
    for folder in passwordFolders.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: folder) }
    guard let runner = try? PostgresTransactionRunner(location: admin) else { return }
    _ = try? runner.withConnection {
      try $0.execute("DROP DATABASE IF EXISTS \(location.database) WITH (FORCE)")
    }
    runner.close()
  }

  /// A runner on this database as the test role.
  func runner(poolSize: Int = 4, maxAttempts: Int = 5) throws -> PostgresTransactionRunner {
    try PostgresTransactionRunner(location: location, poolSize: poolSize, maxAttempts: maxAttempts)
  }

  /// Creates a login role named `prefix` and a random suffix, with a random
  /// password (dropped with the cluster, not the database), runs `grants`
  /// (`ROLE` in them replaced by its name) and returns this database's
  /// location as that role, with a password file for it.
  func role(_ prefix: String, grants: [String] = []) throws -> PostgresLocation {
    let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    let password = UUID().uuidString
    let runner = try PostgresTransactionRunner(location: location)
    defer { runner.close() }
    try runner.withConnection { session in
      try session.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(name)') THEN CREATE ROLE \(name) LOGIN; END IF; END $$"
      )
      try session.execute("ALTER ROLE \(name) PASSWORD '\(password)'")
      for grant in grants { try session.execute(grant.replacingOccurrences(of: "ROLE", with: name)) }
    }
    var roleLocation = location
    roleLocation.user = name
    let file = try PostgresTestCluster.passwordFile([
      "\(location.host):\(location.port):*:\(name):\(password)"
    ])
    passwordFolders.withLock { $0.append((file as NSString).deletingLastPathComponent) }
    roleLocation.passwordFile = file
    return roleLocation
  }
}

/// Collects values delivered on other threads and waits for a condition on
/// them (a guard against a hang, not a timing assertion: the bound is 30 s).
final class Inbox<Value: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var items: [Value] = []

  /// Adds `value` and wakes the waiters.
  func put(_ value: Value) {
    condition.lock()
    items.append(value)
    condition.broadcast()
    condition.unlock()
  }

  /// Everything delivered so far.
  var all: [Value] {
    condition.lock()
    defer { condition.unlock() }
    return items
  }

  /// Waits until `predicate` holds for the delivered values; false after 30 s.
  func wait(until predicate: ([Value]) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(30)
    condition.lock()
    defer { condition.unlock() }
    while !predicate(items) {
      if !condition.wait(until: deadline) { return predicate(items) }
    }
    return true
  }
}
