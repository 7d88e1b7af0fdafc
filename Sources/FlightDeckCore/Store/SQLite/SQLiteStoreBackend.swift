import Foundation

/// The embedded backend: a SQLite database file (``SQLiteRegistryStore``) at
/// `sqlite:PATH`, by default the workspace folder's `registry.sqlite`.
public struct SQLiteStoreBackend: StoreBackend {
  /// `["sqlite"]`.
  public let schemes = ["sqlite"]

  /// The backend.
  public init() {}

  /// The database file of the workspace folder `directory`: `DIR/registry.sqlite`.
  public static func defaultLocation(workspace directory: String) -> StoreLocation {
    .sqlite(path: directory + "/registry.sqlite")
  }

  /// The database file `location` names: `PATH`, or `PATH/registry.sqlite`
  /// when `PATH` is a folder.
  public static func databasePath(_ location: StoreLocation) -> String {
    var path = location.rest
    if path.hasPrefix("//") { path.removeFirst(2) }  // sqlite:///abs/path, as SQLAlchemy writes it
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      return path + "/registry.sqlite"
    }
    return path
  }

  /// The database file and SQLite's files beside it (``SafeFileWriter/storeFiles(_:)``).
  public func localFiles(at location: StoreLocation) -> [String] {
    SafeFileWriter.storeFiles(Self.databasePath(location))
  }

  /// Whether the database file exists.
  public func exists(at location: StoreLocation) throws -> Bool {
    FileManager.default.fileExists(atPath: Self.databasePath(location))
  }

  /// The database file's applied migrations beside this binary's, read
  /// through a read-only connection (nothing is migrated).
  /// - Throws: ``RegistryError`` `.noWorkspace` when the file is missing;
  ///   otherwise as ``SQLiteRegistryStore/init(path:clock:policy:gatePolicy:readOnly:)``.
  public func schemaStatus(at location: StoreLocation) throws -> StoreSchemaStatus {
    let path = Self.databasePath(location)
    guard FileManager.default.fileExists(atPath: path) else {
      throw RegistryError(.noWorkspace, "no FlightDeck store at \(path) (run `flightdeck init`)")
    }
    let store = try SQLiteRegistryStore(
      path: path, clock: SystemClock(), policy: .standard, gatePolicy: .standard, readOnly: true)
    return try store.schemaStatus()
  }

  /// Opens the database file. Read-only options open it read-only, except
  /// that a database whose schema an older FlightDeck wrote is opened for
  /// writing when its folder is writable, so its schema is brought up to date first.
  /// - Throws: ``RegistryError`` `.noWorkspace` ("no FlightDeck workspace
  ///   at PATH (run `flightdeck init`)") when the file is missing; otherwise
  ///   as ``SQLiteRegistryStore/init(path:clock:policy:gatePolicy:readOnly:)``.
  public func open(at location: StoreLocation, options: StoreOpenOptions) throws -> any RegistryStore {
    let path = Self.databasePath(location)
    guard FileManager.default.fileExists(atPath: path) else {
      let folder = (path as NSString).deletingLastPathComponent
      guard (path as NSString).lastPathComponent == "registry.sqlite" else {
        throw RegistryError(
          .noWorkspace, "no FlightDeck store at \(path) (run `flightdeck init --store sqlite:\(path)`)")
      }
      throw RegistryError(.noWorkspace, "no FlightDeck workspace at \(folder) (run `flightdeck init`)")
    }
    let store = try SQLiteRegistryStore(
      path: path, clock: options.clock, policy: options.policy, gatePolicy: options.gatePolicy,
      readOnly: options.readOnly)
    if options.readOnly, try !store.schemaIsCurrent(), SQLiteRegistryStore.folderIsWritable(path) {
      return try SQLiteRegistryStore(
        path: path, clock: options.clock, policy: options.policy, gatePolicy: options.gatePolicy)
    }
    return store
  }

  /// Creates the database file (its folder must exist) or opens it.
  /// - Throws: as ``SQLiteRegistryStore/create(path:clock:policy:actor:)``.
  public func create(at location: StoreLocation, options: StoreOpenOptions, actor: OperatorIdentity) throws
    -> any RegistryStore
  {
    try SQLiteRegistryStore.create(
      path: Self.databasePath(location), clock: options.clock, policy: options.policy, actor: actor)
  }
}
