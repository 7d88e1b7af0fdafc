/// A kind of store (SQLite, PostgreSQL): opens and creates stores at the
/// locations whose scheme it owns.
///
/// Backends live in their own folders or modules; a ``StoreBackends`` list
/// picks one by a location's scheme, so nothing outside a backend names its
/// database.
public protocol StoreBackend: Sendable {
  /// The schemes this backend opens (`["sqlite"]`, `["postgres"]`).
  var schemes: [String] { get }

  /// The local files that hold the store at `location` (a SQLite database
  /// and its `-wal`, `-shm` and `-journal` files; none for a server), which
  /// an export must never overwrite.
  func localFiles(at location: StoreLocation) -> [String]

  /// Whether a store exists at `location` (a SQLite file is there; a
  /// PostgreSQL database has FlightDeck's schema).
  /// - Throws: ``RegistryError`` when the location cannot be reached or read.
  func exists(at location: StoreLocation) throws -> Bool

  /// The secret files opening the store at `location` reads (a PostgreSQL
  /// password file; none for SQLite), for `flightdeck doctor` to inspect.
  /// - Throws: ``RegistryError`` when the location is malformed.
  func secretFiles(at location: StoreLocation) throws -> [String]

  /// The store's schema beside this binary's migrations, read without
  /// changing anything (no migration is applied).
  /// - Throws: ``RegistryError``: `.noWorkspace` when there is no store,
  ///   `.schemaTooNew` when a newer FlightDeck wrote it, `.corrupt` when it is
  ///   not FlightDeck's, or the failure to reach it (the location named,
  ///   never a password).
  func schemaStatus(at location: StoreLocation) throws -> StoreSchemaStatus

  /// Opens the existing store at `location`.
  /// - Throws: ``RegistryError``: `.noWorkspace` when there is none,
  ///   `.schemaTooNew`, `.corrupt`, `.readOnly`, `.storage` (the location
  ///   named, never a password).
  func open(at location: StoreLocation, options: StoreOpenOptions) throws -> any RegistryStore

  /// Creates the store at `location` (or opens it when it exists); a new
  /// audit chain starts with `workspace.init` by `actor`.
  /// - Throws: as ``open(at:options:)``, and `.readOnly` when it cannot be created.
  func create(at location: StoreLocation, options: StoreOpenOptions, actor: OperatorIdentity) throws
    -> any RegistryStore
}

extension StoreBackend {
  /// None: the default for a backend that reads no secret file.
  public func secretFiles(at location: StoreLocation) throws -> [String] { [] }
}
