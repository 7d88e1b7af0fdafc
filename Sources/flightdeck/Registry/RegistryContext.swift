import ArgumentParser
import FlightDeckCore
import Foundation

/// What a registry command runs with: the configuration, the workspace, the
/// operator and the output form, resolved from ``RegistryOptions``.
struct RegistryContext {
  /// The configuration (``ConfigurationChoice``): `--config`, else the
  /// workspace's own `flightdeck.toml` (``RegistryWorkspace/configurationPath``)
  /// over the operator's `config.toml`, else `config.toml`, else defaults.
  let configuration: FlightDeckConfiguration
  /// The workspace: `--workspace`, else `--config`'s, else the operator's
  /// `config.toml`'s, else `./.flightdeck`; its store `--store`, else
  /// `$FLIGHTDECK_STORE`, else the configuration's.
  private(set) var workspace: RegistryWorkspace
  /// Who acts: `$FLIGHTDECK_USER` or the OS user, with the config's roles.
  let identity: OperatorIdentity
  /// Whether `--json` was given.
  let json: Bool
  /// The wall clock (request times, expiries).
  let clock: any FlightDeckClock = SystemClock()

  /// Loads the configuration and resolves the workspace and identity.
  /// - Throws: ``ConfigurationError`` for a bad configuration file.
  init(_ options: RegistryOptions) throws {
    let choice = try ConfigurationChoice.choose(config: options.config, workspace: options.workspace)
    configuration = choice.configuration
    workspace = RegistryWorkspace(
      directory: choice.workspaceDirectory,
      store: try StoreLocation.chosen(option: options.store, configuration: configuration.store))
    identity = OperatorIdentity.current(roles: configuration.roles)
    json = options.json
  }

  /// Opens the existing workspace.
  /// - Throws: ``RegistryError`` (`.noWorkspace` when there is none).
  func open() throws -> any RegistryStore {
    try workspace.open(
      clock: clock, policy: configuration.riskPolicy, gatePolicy: configuration.gatePolicy, backends: .cli)
  }

  /// Opens the existing workspace read-only, for a command that only reads
  /// (list, show, history, requests, audit verify/export, alerts and
  /// incidents listings, kpi, retro without --out): nothing is written, and
  /// a workspace folder the operator cannot write still reads. A workspace
  /// whose schema an older FlightDeck wrote is opened for writing instead,
  /// when that is possible, so that its schema is brought up to date first.
  /// - Throws: ``RegistryError`` (`.noWorkspace` when there is none).
  func openForReading() throws -> any RegistryStore {
    try workspace.open(
      clock: clock, policy: configuration.riskPolicy, gatePolicy: configuration.gatePolicy, readOnly: true,
      backends: .cli)
  }

  /// Records the configuration in force (a no-op when its digest is the last
  /// one applied), then performs `command` as the operator.
  /// - Throws: ``RegistryError`` when either is refused; on a store that
  ///   vouches for identities, a refusal for want of a role says which role
  ///   the command needs and what to do, in the dashboard's words
  ///   (``TeamRoleRefusal/explain(_:command:actor:)``).
  func perform(_ command: RegistryCommand, on store: any RegistryStore) throws -> RegistryOutcome {
    try applyConfiguration(on: store)
    return try run(command, on: store)
  }

  /// Performs `command` as the operator, the configuration already recorded
  /// (``applyConfiguration(on:force:)``).
  /// - Throws: ``RegistryError`` as ``perform(_:on:)``.
  func run(_ command: RegistryCommand, on store: any RegistryStore) throws -> RegistryOutcome {
    do {
      return try store.run(command, as: identity)
    } catch let error as RegistryError {
      guard case .missingRole = error.code, let vouched = try? store.authenticatedActor() else { throw error }
      throw TeamRoleRefusal.explain(error, command: command, actor: vouched)
    }
  }

  /// Makes the configuration file's `[policy]`, `[roles]` and `[gates]` the workspace's
  /// configuration in force (audited as `config.apply`) when the file has
  /// them and they differ from it; without them, the workspace's own is used.
  /// - Throws: ``RegistryError`` when the store refuses (e.g. only a
  ///   release-manager may change a policy that names release managers).
  func applyConfiguration(on store: any RegistryStore, force: Bool = false) throws {
    guard force || configuration.declaresRegistryPolicy else { return }
    _ = try store.run(
      .applyConfiguration(
        policy: configuration.riskPolicy, roles: configuration.roles, gates: configuration.gatePolicy),
      as: identity)
  }
}
