import FlightDeckTestSupport
import Foundation
import GRDB
import Testing

@testable import FlightDeckCore

/// Missing, newer, corrupt, read-only and full databases: each gives a clear
/// ``RegistryError`` and leaves the store as it was.
@Suite struct SQLiteRegistryFaultTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let scratch = RegistryScratch()

  @Test func missingWorkspaceSaysRunInit() throws {
    let dir = try scratch.directory() + "/nowhere"
    let e = try #require(throws: RegistryError.self) {
      try RegistryWorkspace(directory: dir).open(clock: clock)
    }
    #expect(e.code == .noWorkspace)
    #expect(e.message == "no FlightDeck workspace at \(dir) (run `flightdeck init`)")
    #expect(throws: RegistryError.self) {
      try SQLiteRegistryStore(path: dir + "/registry.sqlite", clock: clock)
    }
  }

  @Test func createIsIdempotentAndMakesParents() throws {
    let dir = try scratch.directory() + "/a/b/.flightdeck/"
    let ws = RegistryWorkspace(directory: dir)
    #expect(ws.databasePath.hasSuffix("/a/b/.flightdeck/registry.sqlite"))
    _ = try ws.create(clock: clock, actor: F.alice)
    let again = try ws.create(clock: clock, actor: F.bob)
    let entries = try again.auditEntries(since: nil)
    #expect(entries.map(\.action) == [.workspaceInit])
    #expect(entries.first?.after == #"{"schema":12}"#)
    let mode = try DatabaseQueue(path: ws.databasePath).read {
      try String.fetchOne($0, sql: "PRAGMA journal_mode")
    }
    #expect(mode == "wal")
  }

  @Test func anOperatorNameWithControlCharactersCreatesNothing() throws {
    let dir = try scratch.directory() + "/ws"
    let e = try #require(throws: RegistryError.self) {
      try RegistryWorkspace(directory: dir).create(
        clock: clock, actor: OperatorIdentity(name: "mal\u{1B}]0;PWN\u{07}"))
    }
    #expect(e.code == .invalidInput(field: "operator"))
    #expect(e.message == "operator contains control characters")
    // Before the check, the folder, the database and a `workspace.init`
    // entry by that name were written first.
    #expect(!FileManager.default.fileExists(atPath: dir))
  }

  @Test func aFileInTheWayIsReported() throws {
    let dir = try scratch.directory() + "/file"
    #expect(FileManager.default.createFile(atPath: dir, contents: Data("x".utf8)))
    let e = try #require(throws: RegistryError.self) {
      try RegistryWorkspace(directory: dir).create(clock: clock, actor: F.alice)
    }
    #expect(e.code == .storage && e.message.contains("a file of that name is in the way"))
  }

  @Test func newerSchemaIsRefused() throws {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    _ = try ws.create(clock: clock, actor: F.alice)
    try DatabaseQueue(path: ws.databasePath).write {
      try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
    }
    let e = try #require(throws: RegistryError.self) { try ws.open(clock: clock) }
    #expect(e.code == .schemaTooNew(found: 99, supported: 12))
    #expect(
      e.message.contains(
        "was written by a newer FlightDeck (it has schema migrations this one does not know: v99; this one understands up to v12)"
      ))
    #expect(throws: RegistryError.self) { try ws.create(clock: clock, actor: F.alice) }
  }

  @Test func garbageFileIsCorrupt() throws {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
    #expect(FileManager.default.createFile(atPath: ws.databasePath, contents: garbage))
    let e = try #require(throws: RegistryError.self) { try ws.open(clock: clock) }
    #expect(e.code == .corrupt)
    #expect(e.message.hasPrefix("\(ws.databasePath) is not a FlightDeck registry database or is damaged"))
    let c = try #require(throws: RegistryError.self) { try ws.create(clock: clock, actor: F.alice) }
    #expect(c.code == .corrupt)
  }

  @Test func foreignSQLiteDatabaseIsNotARegistry() throws {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    try DatabaseQueue(path: ws.databasePath).write { try $0.execute(sql: "CREATE TABLE t (x)") }
    let e = try #require(throws: RegistryError.self) { try ws.open(clock: clock) }
    #expect(
      e == RegistryError(.corrupt, "\(ws.databasePath) is a SQLite database but not a FlightDeck registry"))
    // `flightdeck init` does not turn someone else's database into a registry either.
    let c = try #require(throws: RegistryError.self) { try ws.create(clock: clock, actor: F.alice) }
    #expect(c.code == .corrupt)
  }

  /// Read-only is tested by opening the file with GRDB's read-only
  /// configuration (SQLITE_OPEN_READONLY): as root, chmod would not stop writes.
  @Test func readOnlyDatabaseRefusesWritesAndStillReads() throws {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    let writable = try ws.create(clock: clock, actor: F.alice)
    try F.seed(writable, clock: clock)
    let store = try SQLiteRegistryStore(
      path: ws.databasePath, clock: clock, policy: .standard, readOnly: true)
    #expect(try store.snapshot().artefact("support-bot")?.pointers[.production] == "v12")
    try F.expectRefusal(
      store, .rollback(artefact: "support-bot", to: nil, reason: "x", expectedProduction: nil), as: F.dave,
      .readOnly)
    #expect(try store.verifyAudit().isIntact)
  }

  /// A full disk, simulated by capping the writer connection's database size
  /// (`PRAGMA max_page_count`, <https://www.sqlite.org/pragma.html#pragma_max_page_count>):
  /// the failing command leaves everything as it was.
  @Test func diskFullLeavesTheStoreAsItWas() throws {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    let store = try ws.createSQLite(clock: clock, actor: F.alice)
    try F.seed(store, clock: clock)
    try store.writer.writeWithoutTransaction { db in
      let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
      try db.execute(sql: "PRAGMA max_page_count = \(pages)")
    }
    let big = String(repeating: "x", count: 2000)
    var full: RegistryError?
    var before = try F.state(store)
    for i in 0..<500 {
      before = try F.state(store)
      do {
        _ = try store.perform(
          .registerVersion(
            artefact: "support-bot", label: "big\(i)", source: nil, tags: [:], description: big),
          as: F.alice)
      } catch let e as RegistryError {
        full = e
        break
      }
    }
    let e = try #require(full)
    #expect(e.code == .diskFull)
    #expect(e.message.hasPrefix("the disk holding \(ws.databasePath) is full; nothing was changed"))
    let after = try F.state(store)
    #expect(after.0 == before.0 && after.1 == before.1)
    // Another connection (without the cap) sees the same intact registry.
    let other = try ws.open(clock: clock)
    #expect(try other.snapshot() == before.0)
    #expect(try other.verifyAudit().isIntact)
  }

  @Test func storageErrorsMapToCodes() {
    let path = "/w/registry.sqlite"
    func code(_ r: ResultCode) -> RegistryError.Code {
      SQLiteRegistryErrors.map(DatabaseError(resultCode: r, message: "m"), path: path).code
    }
    #expect(code(.SQLITE_FULL) == .diskFull)
    #expect(code(.SQLITE_READONLY) == .readOnly)
    #expect(code(.SQLITE_BUSY) == .busy)
    #expect(code(.SQLITE_NOTADB) == .corrupt)
    #expect(code(.SQLITE_IOERR) == .storage)
    #expect(
      SQLiteRegistryErrors.map(
        DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error"), path: path
      )
      .message == "registry database /w/registry.sqlite: disk I/O error")
  }
}
