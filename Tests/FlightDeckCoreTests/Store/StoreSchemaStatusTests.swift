import FlightDeckStorePostgres
import Foundation
import GRDB
import Testing

@testable import FlightDeckCore

/// ``StoreBackend/schemaStatus(at:)`` on both backends, as `flightdeck
/// doctor` uses it: a store made by this FlightDeck is current; one whose
/// schema stopped at an earlier migration lists exactly the missing ones,
/// and reading the status applies none of them.
@Suite struct StoreSchemaStatusTests {
  /// A new store at a location of `backend`, and that backend.
  private func location(_ backend: StoreUnderTest) throws -> (StoreLocation, any StoreBackend) {
    switch backend {
    case .sqlite:
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
        "fd-schema-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      return (.sqlite(path: dir.appendingPathComponent("registry.sqlite").path), SQLiteStoreBackend())
    case .postgres:
      return (try StoreLocation(parsing: StoreUnderTest.freshDatabase().description), PostgresStoreBackend())
    }
  }

  @Test(arguments: StoreUnderTest.all)
  func aNewStoreIsCurrent(_ backend: StoreUnderTest) throws {
    let (location, store) = try location(backend)
    _ = try store.create(
      at: location,
      options: StoreOpenOptions(
        clock: ManualClock(start: Timestamp(millisecondsSinceEpoch: 1_764_420_000_000))),
      actor: OperatorIdentity(name: "alice"))
    let status = try store.schemaStatus(at: location)
    #expect(status.isCurrent)
    #expect(status.pending.isEmpty)
    let expected =
      backend == .sqlite
      ? SQLiteRegistrySchema.migrator.migrations
      : PostgresSchema.migrations.map { String($0.version) }.sorted {
        Int($0)! < Int($1)!
      }
    #expect(status.applied == expected)
  }

  @Test(arguments: StoreUnderTest.all)
  func anOlderSchemaListsTheMissingMigrationsAndIsLeftAsItIs(_ backend: StoreUnderTest) throws {
    let (location, store) = try location(backend)
    let missing: [String]
    switch backend {
    case .sqlite:
      let migrator = SQLiteRegistrySchema.migrator
      let queue = try DatabaseQueue(path: SQLiteStoreBackend.databasePath(location))
      try migrator.migrate(queue, upTo: "v3")
      try queue.close()
      missing = Array(migrator.migrations.drop { $0 != "v3" }.dropFirst())
    case .postgres:
      let runner = try PostgresTransactionRunner(
        location: PostgresLocation(parsing: location.text), poolSize: 1)
      defer { runner.close() }
      let all = PostgresSchema.migrations.sorted { $0.version < $1.version }
      _ = try PostgresMigrator.migrate(runner, migrations: Array(all.prefix(3)))
      missing = all.dropFirst(3).map { String($0.version) }
    }
    #expect(!missing.isEmpty)
    let status = try store.schemaStatus(at: location)
    #expect(!status.isCurrent)
    #expect(status.pending == missing)
    // Reading the status changed nothing.
    #expect(try store.schemaStatus(at: location).pending == missing)
  }

  @Test(arguments: StoreUnderTest.all)
  func noStoreIsNoWorkspace(_ backend: StoreUnderTest) throws {
    let (location, store) = try location(backend)
    #expect {
      try store.schemaStatus(at: location)
    } throws: { ($0 as? RegistryError)?.code == .noWorkspace }
  }
}
