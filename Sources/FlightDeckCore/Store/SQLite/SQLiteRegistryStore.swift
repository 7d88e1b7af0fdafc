import Foundation
import GRDB

/// The registry in one SQLite database through GRDB: the default
/// ``RegistryStore``.
///
/// - The file is in WAL mode (readers never block the writer), with a 5 s busy
///   timeout and foreign keys on; the schema is versioned with GRDB's
///   `DatabaseMigrator` (see ``SQLiteRegistrySchema``).
/// - Every ``perform(_:as:)`` is one `BEGIN IMMEDIATE` transaction: it takes
///   the write lock before reading, so the checks ("still pending", "the
///   pointer is still where you saw it") and the writes are serialised across
///   processes and no update is lost. It first expires due requests (audited
///   as `system:registry`), then runs the command in a savepoint; a refusal rolls the
///   command back but keeps the expiries, any storage failure rolls back
///   everything.
/// - Each mutation appends a sealed ``AuditEntry`` and moves the one-row
///   `audit_head`; ``changeToken()`` is the head's sequence.
///
/// Safe to use from any thread (GRDB serialises the writer and pools
/// readers); two instances on one file, in one or two processes, see each
/// other's commits.
public final class SQLiteRegistryStore: RegistryCommandStore {
  /// The database (a `DatabasePool` on a file, a `DatabaseQueue` in memory).
  let writer: any DatabaseWriter
  /// The database file (`:memory:` for a private store), for messages.
  public let path: String
  let clock: any FlightDeckClock
  let policy: RiskPolicy
  /// The gate policy used until the workspace has one in force.
  let gatePolicy: GatePolicy

  private init(
    writer: any DatabaseWriter, path: String, clock: any FlightDeckClock, policy: RiskPolicy,
    gatePolicy: GatePolicy
  ) {
    self.writer = writer
    self.path = path
    self.clock = clock
    self.policy = policy
    self.gatePolicy = gatePolicy
  }

  /// Opens an existing registry database and brings its schema up to date.
  /// - Parameters:
  ///   - path: the database file (`<workspace>/registry.sqlite`).
  ///   - clock: the source of "now" for entries, moves and expiry.
  ///   - policy: the approvals promotions need.
  ///   - gatePolicy: the evaluation gates a move of `production` needs, until
  ///     the workspace has a gate policy in force (``RegistryCommand/applyConfiguration(policy:roles:gates:)``).
  /// - Throws: ``RegistryError``: `.noWorkspace` when the file is missing;
  ///   `.schemaTooNew` when a newer FlightDeck wrote it; `.corrupt` when it is
  ///   not a FlightDeck database or is damaged; `.readOnly` when it cannot be
  ///   opened for writing; `.storage` otherwise.
  public convenience init(
    path: String, clock: any FlightDeckClock, policy: RiskPolicy = .standard,
    gatePolicy: GatePolicy = .standard
  ) throws {
    try self.init(path: path, clock: clock, policy: policy, gatePolicy: gatePolicy, readOnly: false)
  }

  /// Opens an existing registry database, read-only when `readOnly` (every
  /// ``perform(_:as:)`` then fails with `.readOnly`; the schema is not migrated).
  ///
  /// Read-only, SQLite still needs the `-shm` (and `-wal`) file beside a
  /// WAL database; when neither exists and the folder cannot be written (an
  /// auditor's account, a read-only mount) it refuses even to read
  /// (`SQLITE_READONLY`). The store then opens the file as immutable
  /// (SQLite's `immutable=1` URI parameter): no lock, no `-shm`, nothing
  /// written. That is sound only because nobody can be writing: a writer
  /// would have created the `-wal` and `-shm` files in that folder.
  /// - Throws: as ``init(path:clock:policy:gatePolicy:)``.
  public convenience init(
    path: String, clock: any FlightDeckClock, policy: RiskPolicy, gatePolicy: GatePolicy = .standard,
    readOnly: Bool
  ) throws {
    guard FileManager.default.fileExists(atPath: path) else {
      throw RegistryError(.noWorkspace, "no FlightDeck registry database at \(path) (run `flightdeck init`)")
    }
    // SQLite would take an empty file as a new database and write its header
    // into it; opening an existing registry must not change a stray file.
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 {
      throw RegistryError(
        .corrupt,
        "\(path) is an empty file (0 bytes), not a FlightDeck registry: remove it and run `flightdeck init`")
    }
    var pool: any DatabaseWriter
    do {
      pool = try Self.openPool(path: path, readOnly: readOnly)
      try Self.prepare(pool, path: path, migrate: !readOnly)
    } catch let e as RegistryError where e.code == .readOnly {
      // A file the operator may read but not write (an auditor's account):
      // open it read-only so list, show, history and `audit verify` still
      // work; every perform(_:as:) then refuses with `.readOnly`. In a
      // folder that cannot be written either, immutable.
      do {
        guard !readOnly else { throw e }
        pool = try Self.openPool(path: path, readOnly: true)
        try Self.prepare(pool, path: path, migrate: false)
      } catch let again as RegistryError where again.code == .readOnly && !Self.folderIsWritable(path) {
        pool = try Self.openImmutable(path: path)
        try Self.prepare(pool, path: path, migrate: false)
      }
    }
    self.init(writer: pool, path: path, clock: clock, policy: policy, gatePolicy: gatePolicy)
  }

  /// ``prepareSchema(_:path:allowCreate:migrate:)`` for an existing database,
  /// with failures mapped to ``RegistryError``.
  private static func prepare(_ pool: any DatabaseWriter, path: String, migrate: Bool) throws {
    do {
      try prepareSchema(pool, path: path, allowCreate: false, migrate: migrate)
    } catch {
      throw SQLiteRegistryErrors.map(error, path: path)
    }
  }

  /// Creates the registry database at `path` (or opens it if present), runs
  /// the migrations, and appends a `workspace.init` audit entry by `actor`
  /// when the log is empty.
  /// - Throws: ``RegistryError``: `.readOnly` when the folder cannot be
  ///   written, `.schemaTooNew`, `.corrupt`, `.diskFull`, `.storage`.
  public static func create(
    path: String, clock: any FlightDeckClock, policy: RiskPolicy = .standard,
    gatePolicy: GatePolicy = .standard, actor: OperatorIdentity
  ) throws -> SQLiteRegistryStore {
    let pool = try openPool(path: path, readOnly: false)
    let store = SQLiteRegistryStore(
      writer: pool, path: path, clock: clock, policy: policy, gatePolicy: gatePolicy)
    try store.guarded {
      try prepareSchema(pool, path: path, allowCreate: true, migrate: true)
      try pool.writeWithoutTransaction { db in
        try db.inTransaction(.immediate) {
          try SQLStoreTransaction.recordWorkspaceInit(
            session: SQLiteSession(db, path: path), now: clock.now(), actor: actor, policy: policy,
            gatePolicy: gatePolicy, schema: SQLiteRegistrySchema.supportedVersion)
          return .commit
        }
      }
    }
    return store
  }

  /// A private registry in memory (for tests and `render`), with the schema
  /// and an empty audit log.
  /// - Throws: ``RegistryError`` `.storage` if SQLite cannot allocate it.
  public static func inMemory(
    clock: any FlightDeckClock, policy: RiskPolicy = .standard, gatePolicy: GatePolicy = .standard
  ) throws -> SQLiteRegistryStore {
    do {
      let queue = try DatabaseQueue(configuration: configuration(readOnly: false))
      try SQLiteRegistrySchema.migrator.migrate(queue)
      return SQLiteRegistryStore(
        writer: queue, path: ":memory:", clock: clock, policy: policy, gatePolicy: gatePolicy)
    } catch {
      throw SQLiteRegistryErrors.map(error, path: ":memory:")
    }
  }

  // MARK: Opening

  static func configuration(readOnly: Bool) -> Configuration {
    var c = Configuration()
    c.busyMode = .timeout(5)
    c.foreignKeysEnabled = true
    c.readonly = readOnly
    c.label = "FlightDeck registry"
    return c
  }

  /// Whether every schema migration this binary knows has been applied (a
  /// store opened read-only is never migrated: a workspace written by an
  /// older FlightDeck answers `false` until a writing command upgrades it).
  /// - Throws: ``RegistryError`` when the database cannot be read.
  public func schemaIsCurrent() throws -> Bool {
    try guarded { try writer.read { db in try SQLiteRegistrySchema.migrator.hasCompletedMigrations(db) } }
  }

  /// The applied migrations (`v1`…) and this binary's missing ones, in order.
  /// - Throws: ``RegistryError`` when the database cannot be read.
  public func schemaStatus() throws -> StoreSchemaStatus {
    try guarded {
      try writer.read { db in
        let migrator = SQLiteRegistrySchema.migrator
        let applied = try migrator.appliedMigrations(db)
        let have = Set(applied)
        return StoreSchemaStatus(applied: applied, pending: migrator.migrations.filter { !have.contains($0) })
      }
    }
  }

  /// Whether the folder holding `path` may be written by this process (`access(2)`, `W_OK`).
  public static func folderIsWritable(_ path: String) -> Bool {
    let folder = (path as NSString).deletingLastPathComponent
    return access(folder.isEmpty ? "." : folder, W_OK) == 0
  }

  /// One read-only connection to `path` opened as immutable (the SQLite URI
  /// `file:PATH?immutable=1`, with `%`, `?` and `#` percent-encoded).
  private static func openImmutable(path: String) throws -> DatabaseQueue {
    var encoded = ""
    for c in path.unicodeScalars {
      switch c {
      case "%": encoded += "%25"
      case "?": encoded += "%3F"
      case "#": encoded += "%23"
      default: encoded.unicodeScalars.append(c)
      }
    }
    do {
      return try DatabaseQueue(
        path: "file:" + encoded + "?immutable=1", configuration: configuration(readOnly: true))
    } catch {
      throw SQLiteRegistryErrors.map(error, path: path)
    }
  }

  private static func openPool(path: String, readOnly: Bool) throws -> DatabasePool {
    do {
      return try DatabasePool(path: path, configuration: configuration(readOnly: readOnly))
    } catch {
      throw SQLiteRegistryErrors.map(error, path: path)
    }
  }

  /// Refuses a newer schema, refuses a database that is not a registry
  /// (unless `allowCreate`), and applies missing migrations when `migrate`.
  private static func prepareSchema(
    _ writer: any DatabaseWriter, path: String, allowCreate: Bool, migrate: Bool
  )
    throws
  {
    let migrator = SQLiteRegistrySchema.migrator
    let (applied, superseded, complete, tables) = try writer.read { db in
      (
        try migrator.appliedIdentifiers(db), try migrator.hasBeenSuperseded(db),
        try migrator.hasCompletedMigrations(db),
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'") ?? 0
      )
    }
    if superseded {
      // The newest migration it has that this binary lacks (migrations may
      // have gaps while branches merge, so not simply the highest applied).
      let found = SQLiteRegistrySchema.highestVersion(Set(SQLiteRegistrySchema.unknown(applied)))
      throw RegistryError(
        .schemaTooNew(found: found, supported: SQLiteRegistrySchema.supportedVersion),
        "\(path) was written by a newer FlightDeck (it has schema migrations this one does not know: \(SQLiteRegistrySchema.unknown(applied).joined(separator: ", ")); this one understands up to v\(SQLiteRegistrySchema.supportedVersion)): upgrade FlightDeck to use it; nothing was changed"
      )
    }
    // Only an empty file may become a registry; any other database is someone else's.
    if applied.isEmpty && (!allowCreate || tables > 0) {
      throw RegistryError(.corrupt, "\(path) is a SQLite database but not a FlightDeck registry")
    }
    if !complete && migrate {
      try migrator.migrate(writer)
    }
  }

  /// Runs `body`, turning any failure into a ``RegistryError``.
  func guarded<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch {
      throw SQLiteRegistryErrors.map(error, path: path)
    }
  }

  // MARK: RegistryStore

  /// Performs `command` as `actor` in one `BEGIN IMMEDIATE` transaction (see
  /// the type's documentation for the order of work).
  /// - Throws: ``RegistryError``: the command's refusal (nothing of it was
  ///   written; due expiries are kept) or a storage failure (nothing written).
  public func performCommand(_ command: RegistryCommand, as actor: OperatorIdentity) throws -> RegistryOutcome
  {
    try guarded {
      try writer.writeWithoutTransaction { db in
        var result: Result<RegistryOutcome, RegistryError>?
        let now = clock.now()
        try db.inTransaction(.immediate) {
          // The shared order of work (SQLStoreTransaction.perform); a
          // savepoint is GRDB's, so a refusal rolls back the command only.
          result = try SQLStoreTransaction.perform(
            command, as: actor, session: SQLiteSession(db, path: path), now: now, policy: policy,
            gatePolicy: gatePolicy,
            savepoint: { body in
              try db.inSavepoint {
                try body()
                return .commit
              }
            })
          return .commit
        }
        guard let result else { throw RegistryError(.storage, "the command produced no outcome") }
        return try result.get()
      }
    }
  }

  /// The whole registry in one read transaction.
  /// - Throws: ``RegistryError`` on a storage failure or a damaged row.
  public func snapshot() throws -> RegistrySnapshot {
    try guarded {
      try writer.read { db in try SQLStoreReads.snapshot(SQLiteSession(db, path: path), now: clock.now()) }
    }
  }

  /// The audit head's sequence: one primary-key read.
  /// - Throws: ``RegistryError`` on a storage failure.
  public func changeToken() throws -> Int64 {
    try guarded { try writer.read { db in try SQLStoreReads.headSequence(SQLiteSession(db, path: path)) } }
  }

  /// Moves of `artefact`'s pointers (one pointer when `pointer` is set), oldest first.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown artefact, `.invalidInput` for a bad name.
  public func pointerHistory(artefact: String, pointer: PointerName?) throws -> [PointerMove] {
    try guarded {
      try writer.read { db in
        try SQLStoreReads.pointerHistory(SQLiteSession(db, path: path), artefact: artefact, pointer: pointer)
      }
    }
  }

  /// Requests matching the filters, newest first, at most `limit` (≥ 0).
  /// - Throws: ``RegistryError`` on a storage failure.
  public func requests(artefact: String?, states: Set<RequestState>?, limit: Int) throws -> [PromotionRequest]
  {
    let now = clock.now()
    return try guarded {
      try writer.read { db in
        try SQLStoreReads.requests(
          SQLiteSession(db, path: path), artefact: artefact, states: states, limit: limit, now: now)
      }
    }
  }

  /// Audit entries from the first one with `at >= since` on, by sequence
  /// (all when `nil`): a contiguous run of the chain, so an export verifies
  /// even where times go backwards (clocks of different operators' machines,
  /// back-dated seeds), in sequence order.
  /// - Throws: ``RegistryError`` on a storage failure or a damaged row.
  public func auditEntries(since: Timestamp?) throws -> [AuditEntry] {
    try guarded {
      try writer.read { db in try SQLStoreReads.auditEntries(SQLiteSession(db, path: path), since: since) }
    }
  }

  /// The gate records of `version` of `artefact`, newest first.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown artefact or
  ///   version, `.invalidInput` for a bad name, `.corrupt` for a damaged record.
  public func gateResults(artefact: String, version: String) throws -> [GateRecord] {
    try guarded {
      try writer.read { db in
        try SQLStoreReads.gateResults(SQLiteSession(db, path: path), artefact: artefact, version: version)
      }
    }
  }

  /// The prompt template stored with `version` of `artefact` (`nil`: none).
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown artefact or version).
  public func versionTemplate(artefact: String, version: String) throws -> String? {
    try guarded {
      try writer.read { db in
        try SQLStoreReads.versionTemplate(SQLiteSession(db, path: path), artefact: artefact, version: version)
      }
    }
  }

  /// The workspace's gate policy in force, else the one given at opening.
  /// - Throws: ``RegistryError`` on a storage failure, `.corrupt` for a damaged configuration.
  public func gatePolicyInForce() throws -> GatePolicy {
    try guarded {
      try writer.read { db in try SQLStoreReads.gatePolicyInForce(SQLiteSession(db, path: path)) }
    }
      ?? gatePolicy
  }

  /// Reads every entry in storage order (`id`, the table's rowid), the
  /// recorded head and the high-water mark (``AuditChain/highWaterKey``),
  /// then ``AuditChain/verify(storedOrder:storedHead:highWater:)``: a missing
  /// head row, or a log ending before the highest sequence ever appended,
  /// is a failure.
  /// - Throws: ``RegistryError`` when the log cannot be read at all.
  public func verifyAudit() throws -> AuditVerification {
    try guarded { try writer.read { db in try SQLStoreReads.verifyAudit(SQLiteSession(db, path: path)) } }
  }
}
