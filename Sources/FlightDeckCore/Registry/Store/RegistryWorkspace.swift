import Foundation

/// A FlightDeck workspace: a folder (default `./.flightdeck/`, `--workspace
/// DIR`) holding the registry database `registry.sqlite` (with SQLite's
/// `-wal` and `-shm` files beside it while in use).
public struct RegistryWorkspace: Sendable, Hashable {
  /// The default workspace folder, relative to the current directory.
  public static let defaultDirectory = ".flightdeck"

  /// The workspace folder.
  public var directory: String

  /// The registry database file inside the folder.
  public var databasePath: String { directory + "/registry.sqlite" }

  /// The workspace's own configuration file, `flightdeck.toml` inside the
  /// folder: `dashboard --workspace DIR` (live and in a replay) and the registry
  /// commands (`retro`, `kpi`, …) read it when no `--config` is given, so a
  /// workspace's SLOs and alert rules are known to every command run on it (a
  /// seeded demo workspace has one).
  public var configurationPath: String { directory + "/flightdeck.toml" }

  /// A workspace at `directory` (a trailing `/` is dropped; nothing is touched yet).
  public init(directory: String) {
    var d = directory
    while d.count > 1 && d.hasSuffix("/") { d.removeLast() }
    self.directory = d.isEmpty ? "." : d
  }

  /// Creates the folder (with its parents) and the database, or opens them if
  /// they exist (`flightdeck init`); a new log starts with `workspace.init` by `actor`.
  /// - Throws: ``RegistryError``: `.invalidInput(field: "operator")` when
  ///   `actor`'s name is empty, longer than 128 characters or holds control
  ///   characters (checked before anything is created, so no folder, database
  ///   or audit entry is left with that name); `.readOnly` when the folder
  ///   cannot be created or written; `.storage` when a file is in the way;
  ///   otherwise as ``SQLiteRegistryStore/create(path:clock:policy:actor:)``.
  public func create(clock: any FlightDeckClock, policy: RiskPolicy = .standard, actor: OperatorIdentity)
    throws
    -> SQLiteRegistryStore
  {
    try RegistryNames.validateText(actor.name, field: "operator", max: 128, required: true)
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
    return try SQLiteRegistryStore.create(path: databasePath, clock: clock, policy: policy, actor: actor)
  }

  /// Opens the workspace's existing database; read-only when `readOnly`
  /// (for commands that only read: nothing is written, not even a schema
  /// migration, and a folder the operator cannot write still reads).
  /// - Throws: ``RegistryError`` `.noWorkspace` ("no FlightDeck workspace at
  ///   DIR (run `flightdeck init`)") when there is none; otherwise as
  ///   ``SQLiteRegistryStore/init(path:clock:policy:gatePolicy:readOnly:)``.
  public func open(
    clock: any FlightDeckClock, policy: RiskPolicy = .standard, gatePolicy: GatePolicy = .standard,
    readOnly: Bool = false
  ) throws -> SQLiteRegistryStore {
    guard FileManager.default.fileExists(atPath: databasePath) else {
      throw RegistryError(.noWorkspace, "no FlightDeck workspace at \(directory) (run `flightdeck init`)")
    }
    return try SQLiteRegistryStore(
      path: databasePath, clock: clock, policy: policy, gatePolicy: gatePolicy, readOnly: readOnly)
  }
}
