import FlightDeckCore
import FlightDeckStorePostgres
import Foundation
import Synchronization
import Testing

/// A store backend the contract tests run against: each test asks for a
/// fresh, empty store (``make(clock:policy:gatePolicy:)``).
///
/// - `.sqlite`: ``SQLiteRegistryStore/inMemory(clock:policy:gatePolicy:)``.
/// - `.postgres`: a new database in the cluster `FLIGHTDECK_TEST_POSTGRES_URL`
///   names (`eval "$(Tests/Tools/postgres-cluster.sh start)"`), migrated, and a
///   ``PostgresRegistryStore`` on it that takes identities as given
///   (``PostgresActorSource/asGiven``), since the tests play several people on
///   one connection. A database is dropped at a later ``make(clock:policy:gatePolicy:)``
///   once its store is gone (its runner deallocated, so its connections are
///   closed); the last few live until the cluster is stopped.
///
/// ``all`` leaves `.postgres` out, with a message, when the variable is
/// unset, except under `CI=true`, where `.postgres` stays and its tests fail.
enum StoreUnderTest: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case sqlite
  case postgres

  /// The backends to run: both, or SQLite only when no PostgreSQL is given (not under CI).
  static let all: [StoreUnderTest] = {
    let environment = ProcessInfo.processInfo.environment
    if environment["FLIGHTDECK_TEST_POSTGRES_URL"]?.isEmpty == false || environment["CI"] == "true" {
      return allCases
    }
    print(
      "SKIPPED the PostgreSQL runs of the store contract tests: FLIGHTDECK_TEST_POSTGRES_URL is not set (eval \"$(Tests/Tools/postgres-cluster.sh start)\")"
    )
    return [.sqlite]
  }()

  var testDescription: String { rawValue }

  /// A fresh, empty store of this backend.
  /// - Throws: when the store cannot be made; for `.postgres`, when
  ///   `FLIGHTDECK_TEST_POSTGRES_URL` is unset (only under `CI=true`) or the cluster cannot be reached.
  func make(clock: any FlightDeckClock, policy: RiskPolicy = .standard, gatePolicy: GatePolicy = .standard)
    throws -> any RegistryStore
  {
    switch self {
    case .sqlite:
      return try SQLiteRegistryStore.inMemory(clock: clock, policy: policy, gatePolicy: gatePolicy)
    case .postgres:
      Self.dropFinishedDatabases()
      let runner = try PostgresTransactionRunner(location: Self.freshDatabase())
      Self.made.withLock { $0.append(MadeDatabase(name: runner.location.database, runner: runner)) }
      try PostgresMigrator.migrate(runner)
      return PostgresRegistryStore(
        runner: runner, clock: clock, policy: policy, gatePolicy: gatePolicy, actorSource: .asGiven)
    }
  }

  /// A database ``make(clock:policy:gatePolicy:)`` created and the runner of
  /// the store on it, held weakly: `nil` once the test is done with the store.
  struct MadeDatabase: @unchecked Sendable {
    let name: String
    weak var runner: PostgresTransactionRunner?
  }

  /// The databases made for stores, until dropped.
  static let made = Mutex<[MadeDatabase]>([])

  /// Drops every made database whose store is gone. `DROP DATABASE` without
  /// `FORCE` fails while any connection is open (a server backend still
  /// ending, or another runner a test opened on it), and such a database is
  /// kept for the next call: nothing in use is ever dropped.
  static func dropFinishedDatabases() {
    let finished = made.withLock { list in
      let done = list.filter { $0.runner == nil }
      list.removeAll { $0.runner == nil }
      return done
    }
    guard !finished.isEmpty, let url = ProcessInfo.processInfo.environment["FLIGHTDECK_TEST_POSTGRES_URL"],
      let location = try? PostgresLocation(parsing: url),
      let admin = try? PostgresTransactionRunner(location: location, poolSize: 1)
    else {
      made.withLock { $0.append(contentsOf: finished) }
      return
    }
    defer { admin.close() }
    let kept = finished.filter { database in
      (try? admin.executeOutsideTransaction("DROP DATABASE IF EXISTS \(database.name)")) == nil
    }
    made.withLock { $0.append(contentsOf: kept) }
  }

  /// A new database in the test cluster, as the cluster's test role.
  /// - Throws: when `FLIGHTDECK_TEST_POSTGRES_URL` is unset or the cluster cannot be reached.
  static func freshDatabase() throws -> PostgresLocation {
    guard let url = ProcessInfo.processInfo.environment["FLIGHTDECK_TEST_POSTGRES_URL"], !url.isEmpty else {
      throw RegistryError(
        .storage,
        "CI=true but FLIGHTDECK_TEST_POSTGRES_URL is not set: .ci/run must start Tests/Tools/postgres-cluster.sh"
      )
    }
    var location = try PostgresLocation(parsing: url)
    let name = "fd_contract_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
    let admin = try PostgresTransactionRunner(location: location, poolSize: 1)
    defer { admin.close() }
    try admin.executeOutsideTransaction("CREATE DATABASE \(name)")
    location.database = name
    return location
  }
}
