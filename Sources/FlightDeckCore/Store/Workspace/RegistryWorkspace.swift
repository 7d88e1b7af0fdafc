import Foundation

/// A FlightDeck workspace: a folder (default `./.flightdeck/`, `--workspace
/// DIR`) holding its configuration file, and the store its registry,
/// approvals, rollouts, alerts, incidents and audit log live in.
///
/// The store is at ``storeLocation``: `--store URL` or `FLIGHTDECK_STORE`
/// when given (a PostgreSQL database shared by a team, or a SQLite file
/// elsewhere), else the embedded default, the SQLite file `registry.sqlite`
/// in the folder (with SQLite's `-wal` and `-shm` files beside it while in
/// use). ``open(clock:policy:gatePolicy:readOnly:backends:)`` picks the
/// backend by the location's scheme.
public struct RegistryWorkspace: Sendable, Hashable {
  /// The default workspace folder, relative to the current directory.
  public static let defaultDirectory = ".flightdeck"

  /// The workspace folder.
  public var directory: String

  /// The store given explicitly (`--store`, `FLIGHTDECK_STORE`), if any.
  public var store: StoreLocation?

  /// Where the store is: ``store``, else the folder's embedded SQLite file.
  public var storeLocation: StoreLocation {
    store ?? .embedded(workspace: directory)
  }

  /// Whether the store is the folder's own embedded file (no `--store`).
  public var storeIsEmbedded: Bool { store == nil }

  /// The workspace's own configuration file, `flightdeck.toml` inside the
  /// folder: `dashboard --workspace DIR` (live and in a replay) and the registry
  /// commands (`retro`, `kpi`, …) read it when no `--config` is given, so a
  /// workspace's SLOs and alert rules are known to every command run on it (a
  /// seeded demo workspace has one).
  public var configurationPath: String { directory + "/flightdeck.toml" }

  /// A workspace at `directory` (a trailing `/` is dropped; nothing is
  /// touched yet) whose store is `store`, or the folder's embedded file when `nil`.
  public init(directory: String, store: StoreLocation? = nil) {
    var d = directory
    while d.count > 1 && d.hasSuffix("/") { d.removeLast() }
    self.directory = d.isEmpty ? "." : d
    self.store = store
  }

  /// The local files of the store (``StoreBackend/localFiles(at:)``; none
  /// when no backend owns the location or the store is a server).
  public func storeFiles(backends: StoreBackends = .embedded) -> [String] {
    (try? backends.backend(for: storeLocation))?.localFiles(at: storeLocation) ?? []
  }

  /// Whether the store exists (``StoreBackend/exists(at:)``).
  /// - Throws: ``RegistryError`` when no backend owns the location or it cannot be reached.
  public func storeExists(backends: StoreBackends = .embedded) throws -> Bool {
    try backends.backend(for: storeLocation).exists(at: storeLocation)
  }

  /// Creates the folder (with its parents) and the store, or opens them if
  /// they exist (`flightdeck init`); a new log starts with `workspace.init` by `actor`.
  /// - Throws: ``RegistryError``: `.invalidInput(field: "operator")` when
  ///   `actor`'s name is empty, longer than 128 characters or holds control
  ///   characters (checked before anything is created, so no folder, database
  ///   or audit entry is left with that name); `.readOnly` when the folder
  ///   cannot be created or written; `.storage` when a file is in the way;
  ///   otherwise as the backend's ``StoreBackend/create(at:options:actor:)``.
  public func create(
    clock: any FlightDeckClock, policy: RiskPolicy = .standard, actor: OperatorIdentity,
    backends: StoreBackends = .embedded
  ) throws -> any RegistryStore {
    try RegistryNames.validateText(actor.name, field: "operator", max: 128, required: true)
    if storeIsEmbedded { try createFolder() }
    return try backends.backend(for: storeLocation).create(
      at: storeLocation, options: StoreOpenOptions(clock: clock, policy: policy), actor: actor)
  }

  /// Opens the workspace's existing store; read-only when `readOnly` (for
  /// commands that only read: nothing is written, and a folder the operator
  /// cannot write still reads; a store an older FlightDeck wrote may be
  /// upgraded first when it can be written).
  /// - Throws: ``RegistryError`` `.noWorkspace` ("no FlightDeck workspace at
  ///   DIR (run `flightdeck init`)") when there is none; `.invalidInput(field:
  ///   "store")` when no backend owns the location; otherwise as the
  ///   backend's ``StoreBackend/open(at:options:)``.
  public func open(
    clock: any FlightDeckClock, policy: RiskPolicy = .standard, gatePolicy: GatePolicy = .standard,
    readOnly: Bool = false, backends: StoreBackends = .embedded
  ) throws -> any RegistryStore {
    try backends.backend(for: storeLocation).open(
      at: storeLocation,
      options: StoreOpenOptions(clock: clock, policy: policy, gatePolicy: gatePolicy, readOnly: readOnly))
  }

  /// Creates the folder for the embedded store.
  /// - Throws: ``RegistryError`` `.readOnly` or `.storage` (see ``create(clock:policy:actor:backends:)``).
  private func createFolder() throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw RegistryError(
          .storage, "cannot create the workspace \(directory): a file of that name is in the way")
      }
    } else {
      do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      } catch {
        let parent = (directory as NSString).deletingLastPathComponent
        if access(parent.isEmpty ? "." : parent, W_OK) != 0 {
          throw RegistryError(
            .readOnly, "cannot create the workspace \(directory): its parent folder is read-only")
        }
        throw RegistryError(
          .storage, "cannot create the workspace \(directory): \(error.localizedDescription)")
      }
    }
    guard access(directory, W_OK) == 0 else {
      throw RegistryError(.readOnly, "the workspace folder \(directory) is read-only")
    }
  }
}
