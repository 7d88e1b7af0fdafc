import FlightDeckCore

/// The SQLite backend's tests reach the database file and the concrete store.
extension RegistryWorkspace {
  /// The embedded store's database file.
  var databasePath: String { SQLiteStoreBackend.databasePath(storeLocation) }

  /// ``open(clock:policy:gatePolicy:readOnly:backends:)`` on the embedded
  /// store, as the SQLite type.
  func openSQLite(
    clock: any FlightDeckClock, policy: RiskPolicy = .standard, readOnly: Bool = false
  ) throws -> SQLiteRegistryStore {
    try SQLiteRegistryStore(path: databasePath, clock: clock, policy: policy, readOnly: readOnly)
  }

  /// ``create(clock:policy:actor:backends:)`` on the embedded store, as the SQLite type.
  func createSQLite(clock: any FlightDeckClock, policy: RiskPolicy = .standard, actor: OperatorIdentity)
    throws -> SQLiteRegistryStore
  {
    let store = try create(clock: clock, policy: policy, actor: actor)
    guard let sqlite = store as? SQLiteRegistryStore else { fatalError("the embedded store is SQLite") }
    return sqlite
  }
}
