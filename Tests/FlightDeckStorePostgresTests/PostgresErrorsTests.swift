import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// Each failure the store maps, produced by a real server (a refused port, a
/// wrong password, a role without a grant, `RAISE … USING ERRCODE` for the
/// states a test cannot provoke cheaply, such as a full disk).
@Suite struct PostgresErrorsTests {
  @Test func aClosedPortNamesHostAndPort() throws {
    guard let admin = try PostgresTestCluster.adminLocation() else { return }
    // A port nothing listens on: bind one, learn its number, close it.
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    let port = Int(UInt16(bigEndian: address.sin_port))
    close(fd)
    var location = admin
    location.port = port
    let runner = try PostgresTransactionRunner(location: location)
    defer { runner.close() }
    let error = #expect(throws: RegistryError.self) { try runner.read { _ in } }
    #expect(error?.code == .storage)
    #expect(
      error?.message.hasPrefix("cannot connect to PostgreSQL at 127.0.0.1:\(port) (") == true,
      "\(String(describing: error))")
  }

  @Test func aWrongPasswordIsAnAuthenticationFailureWithoutThePassword() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    var location = try db.role("fd_wrongpw")
    let secret = "not-the-password-\(UUID().uuidString)"
    location.passwordFile = try PostgresTestCluster.passwordFile(["*:*:*:*:\(secret)"])
    let runner = try PostgresTransactionRunner(location: location)
    defer { runner.close() }
    let error = #expect(throws: RegistryError.self) { try runner.read { _ in } }
    #expect(error?.code == .storage)
    #expect(
      error?.message.hasPrefix("authentication failed for role \(location.user) at \(location.endpoint)")
        == true)
    #expect(error?.message.contains(secret) == false)
  }

  @Test func noPasswordForARoleThatNeedsOneSaysSo() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    var location = try db.role("fd_nopw")
    location.passwordFile = try PostgresTestCluster.passwordFile(["otherhost:*:*:*:x"])
    let runner = try PostgresTransactionRunner(location: location)
    defer { runner.close() }
    let error = #expect(throws: RegistryError.self) { try runner.read { _ in } }
    #expect(error?.message.contains("the server asks for a password and none was found") == true)
  }

  @Test func aRoleWithoutInsertIsRefusedByTheDatabase() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let viewer = try db.role(
      "fd_viewer",
      grants: [
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO ROLE", "GRANT UPDATE ON flightdeck_change TO ROLE",
      ])
    let runner = try PostgresTransactionRunner(location: viewer)
    defer { runner.close() }
    #expect(try runner.read { try $0.query("SELECT name FROM artefact", []) }.isEmpty)
    let error = #expect(throws: RegistryError.self) {
      try runner.write { session in
        try session.execute(
          "INSERT INTO meta (key, value) VALUES (?, ?)", [.text("k"), .text("v")])
      }
    }
    #expect(error?.code == .missingRole("INSERT on meta"))
    #expect(
      error?.message
        == "the database refused: role \(viewer.user) lacks the INSERT right on table meta (permission denied for table meta); only a role granted it (flightdeck admin) may do this"
    )
  }

  @Test(arguments: [
    ("serialization_failure", RegistryError.Code.busy), ("deadlock_detected", .busy),
    ("disk_full", .diskFull),
    ("read_only_sql_transaction", .readOnly), ("lock_not_available", .busy), ("data_corrupted", .corrupt),
    ("insufficient_privilege", .missingRole("DO on the object")), ("unique_violation", .storage),
  ])
  func serverStatesMapToCodes(condition: String, code: RegistryError.Code) throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner(maxAttempts: 2)
    defer { runner.close() }
    let error = #expect(throws: RegistryError.self) {
      try runner.write { session in
        try session.execute(
          "DO $$ BEGIN RAISE EXCEPTION 'raised %', 'here' USING ERRCODE = '\(condition)'; END $$")
      }
    }
    #expect(error?.code == code, "\(condition): \(String(describing: error))")
    #expect(error?.message.contains("raised here") == true)
  }

  @Test func aUniqueViolationNamesTheConstraint() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let insert = "INSERT INTO meta (key, value) VALUES ('k', 'v')"
    try runner.write { try $0.execute(insert) }
    let error = #expect(throws: RegistryError.self) { try runner.write { try $0.execute(insert) } }
    #expect(error?.code == .storage)
    #expect(error?.message.contains("(constraint meta_pkey)") == true, "\(String(describing: error))")
    #expect(error?.message.contains("Key (key)=(k) already exists") == true)
  }

  @Test func writingInAReadTransactionIsReadOnly() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let error = #expect(throws: RegistryError.self) {
      try runner.read { try $0.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')") }
    }
    #expect(error?.code == .readOnly)
    #expect(try runner.read { try $0.query("SELECT key FROM meta", []) }.isEmpty)
  }

  /// The test cluster offers no TLS: `prefer` falls back to plain TCP, `require` refuses.
  @Test func tlsModesAgainstAServerWithoutTLS() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    var location = db.location
    location.tlsMode = .prefer
    let prefer = try PostgresTransactionRunner(location: location)
    defer { prefer.close() }
    #expect(try prefer.sessionUser() == location.user)
    location.tlsMode = .require
    let require = try PostgresTransactionRunner(location: location)
    defer { require.close() }
    let error = #expect(throws: RegistryError.self) { try require.read { _ in } }
    #expect(
      error?.message
        == "PostgreSQL at \(location.endpoint) does not offer TLS, and the location asks for sslmode=require")
  }

  @Test func aMissingDatabaseIsNamed() throws {
    guard var location = try PostgresTestCluster.adminLocation() else { return }
    location.database = "fd_no_such_database"
    let runner = try PostgresTransactionRunner(location: location)
    defer { runner.close() }
    let error = #expect(throws: RegistryError.self) { try runner.read { _ in } }
    #expect(
      error?.message
        == "PostgreSQL at \(location.endpoint) has no database fd_no_such_database (create it with createdb)")
  }
}
