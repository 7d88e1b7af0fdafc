import FlightDeckCore
import FlightDeckStorePostgres
import Foundation
import Testing

/// A store backend the contract tests run against: each test asks for a
/// fresh, empty store (``make(clock:policy:gatePolicy:)``).
///
/// - `.sqlite`: ``SQLiteRegistryStore/inMemory(clock:policy:gatePolicy:)``.
/// - `.postgres`: a new database in the cluster `FLIGHTDECK_TEST_POSTGRES_URL`
///   names (`eval "$(Tests/Tools/postgres-cluster.sh start)"`), migrated, and a
///   ``PostgresRegistryStore`` on it that takes identities as given
///   (``PostgresActorSource/asGiven``), since the tests play several people on
///   one connection. The databases live until the cluster is stopped.
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
      let runner = try PostgresTransactionRunner(location: Self.freshDatabase())
      try PostgresMigrator.migrate(runner)
      return PostgresRegistryStore(
        runner: runner, clock: clock, policy: policy, gatePolicy: gatePolicy, actorSource: .asGiven)
    }
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
