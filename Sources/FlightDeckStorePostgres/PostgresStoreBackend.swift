import FlightDeckCore

/// The team backend: a PostgreSQL database (``PostgresRegistryStore``) at
/// `postgres://USER@HOST:PORT/DATABASE?…` (``PostgresLocation``).
///
/// Every store it opens records the authenticated role (`session_user`) as
/// the actor of every human action (``PostgresActorSource/sessionUser``).
public struct PostgresStoreBackend: StoreBackend {
  /// `["postgres"]` (``StoreLocation`` reads `postgresql:` as `postgres:`).
  public let schemes = ["postgres"]

  /// The backend.
  public init() {}

  /// None: the store is on a server.
  public func localFiles(at location: StoreLocation) -> [String] { [] }

  /// Whether the database has FlightDeck's schema (a migration applied).
  /// - Throws: ``RegistryError`` when the location is malformed or the
  ///   database cannot be reached; `.schemaTooNew` for a newer FlightDeck's schema.
  public func exists(at location: StoreLocation) throws -> Bool {
    let runner = try PostgresTransactionRunner(
      location: PostgresLocation(parsing: location.text), poolSize: 1)
    defer { runner.close() }
    return try PostgresMigrator.appliedVersion(runner) > 0
  }

  /// The password file the connection reads (`passfile=`, else
  /// `$PGPASSFILE`, else `~/.pgpass` when it exists), if any.
  /// - Throws: ``RegistryError`` `.invalidInput(field: "store")` for a bad location.
  public func secretFiles(at location: StoreLocation) throws -> [String] {
    try PostgresLocation(parsing: location.text).passwordFile.map { [$0] } ?? []
  }

  /// The database's applied migrations beside this binary's
  /// (``PostgresSchema/migrations``), read in one read-only transaction.
  /// - Throws: ``RegistryError``: `.invalidInput(field: "store")` for a bad
  ///   location; `.noWorkspace` when the database has no FlightDeck schema;
  ///   `.schemaTooNew`; a connection failure (the location named, never a password).
  public func schemaStatus(at location: StoreLocation) throws -> StoreSchemaStatus {
    let postgres = try PostgresLocation(parsing: location.text)
    let runner = try PostgresTransactionRunner(location: postgres, poolSize: 1)
    defer { runner.close() }
    let applied = try runner.read { session -> Set<Int> in
      guard try session.tableExists(PostgresSchema.migrationsTable) else { return [] }
      return try PostgresMigrator.appliedVersions(session)
    }
    guard !applied.isEmpty else {
      throw RegistryError(
        .noWorkspace, "no FlightDeck store in \(postgres) (run `flightdeck init --store \(postgres)`)")
    }
    try PostgresMigrator.refuseUnknown(applied, known: PostgresSchema.migrations)
    let known = PostgresSchema.migrations.map(\.version).sorted()
    return StoreSchemaStatus(
      applied: applied.sorted().map(String.init),
      pending: known.filter { !applied.contains($0) }.map(String.init))
  }

  /// Opens the store: migrates its schema unless `options.readOnly`.
  /// - Throws: ``RegistryError``: `.invalidInput(field: "store")` for a bad
  ///   location; `.noWorkspace` when the database has no FlightDeck schema
  ///   ("run `flightdeck init --store …`"); `.schemaTooNew`; `.missingRole`
  ///   when the role may not migrate it; a connection failure (the location
  ///   named, never a password).
  public func open(at location: StoreLocation, options: StoreOpenOptions) throws -> any RegistryStore {
    let postgres = try PostgresLocation(parsing: location.text)
    let runner = try PostgresTransactionRunner(location: postgres)
    do {
      let applied = try PostgresMigrator.appliedVersion(runner)
      guard applied > 0 else {
        throw RegistryError(
          .noWorkspace,
          "no FlightDeck store in \(postgres) (run `flightdeck init --store \(postgres)`)")
      }
      if !options.readOnly && applied < PostgresSchema.supportedVersion {
        try PostgresMigrator.migrate(runner)
      }
    } catch {
      runner.close()
      throw error
    }
    return PostgresRegistryStore(
      runner: runner, clock: options.clock, policy: options.policy, gatePolicy: options.gatePolicy)
  }

  /// Migrates the database (creating FlightDeck's schema in it) and appends
  /// `workspace.init` by the authenticated role when the audit log is empty.
  /// - Throws: as ``open(at:options:)``; `.missingRole` when the role may not create tables.
  public func create(at location: StoreLocation, options: StoreOpenOptions, actor: OperatorIdentity) throws
    -> any RegistryStore
  {
    let postgres = try PostgresLocation(parsing: location.text)
    let runner = try PostgresTransactionRunner(location: postgres)
    do {
      try PostgresMigrator.migrate(runner)
      let store = PostgresRegistryStore(
        runner: runner, clock: options.clock, policy: options.policy, gatePolicy: options.gatePolicy)
      let initiator = try store.effectiveActor(actor)
      try runner.write { session in
        try SQLStoreTransaction.recordWorkspaceInit(
          session: session, now: options.clock.now(), actor: initiator, policy: options.policy,
          gatePolicy: options.gatePolicy, schema: PostgresSchema.supportedVersion,
          vouched: store.actorSource == .sessionUser && initiator.systemActor == nil)
      }
      return store
    } catch {
      runner.close()
      throw error
    }
  }
}
