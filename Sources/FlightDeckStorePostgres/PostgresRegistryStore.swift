import FlightDeckCore
import NIOConcurrencyHelpers
import PostgresNIO

/// The registry of a team in one PostgreSQL database: a ``RegistryStore``
/// whose domain transactions and reads are the shared SQL ones
/// (`SQLStoreTransaction`, `SQLStoreReads`) run by a ``PostgresTransactionRunner``.
///
/// - Every `perform(_:as:)` is one write transaction (READ COMMITTED under
///   the write advisory lock, so writers run one at a time and the audit
///   chain stays one linear chain): the shared order of work (configuration
///   in force, roles, expiry sweep), the command in a `SAVEPOINT` that a
///   refusal rolls back (`ROLLBACK TO SAVEPOINT`) while the expiries stay,
///   then the change counter bumped with a notification. A refusal after
///   expiries commits the expiries, then throws.
/// - Every read is one REPEATABLE READ READ ONLY transaction (one snapshot).
/// - ``changeToken()`` is the change counter (``PostgresChangeFeed``).
///
/// Identity (``PostgresActorSource``): with `.sessionUser`, what the
/// command line always uses, the actor of every human action is the role
/// the database authenticated (`session_user`), whatever name the caller
/// passes, and its FlightDeck roles are its PostgreSQL role memberships
/// (``PostgresTeamRoles/flightDeckRoles``), not the configuration's
/// `[roles]` table. FlightDeck's own `system:…` actors (the expiry sweep, the
/// rollout driver) keep their names and hold no roles.
public final class PostgresRegistryStore: RegistryCommandStore, Sendable {
  /// Runs the transactions.
  public let runner: PostgresTransactionRunner
  /// Where the actor's name and roles come from.
  public let actorSource: PostgresActorSource
  let clock: any FlightDeckClock
  let policy: RiskPolicy
  /// The gate policy used until the workspace has one in force.
  let gatePolicy: GatePolicy
  /// The dedicated connection holding the controller advisory lock, per
  /// lease holder instance (``ControllerLeaseStore``).
  let leaseConnections = NIOLockedValueBox<[String: PostgresConnection]>([:])

  /// A store over `runner`'s database, which must already be migrated
  /// (``PostgresMigrator/migrate(_:migrations:)``).
  /// - Parameters:
  ///   - clock: the source of "now" for entries, moves and expiry.
  ///   - policy: the approvals promotions need until the workspace has a policy in force.
  ///   - gatePolicy: the gates a move of `production` needs until the workspace has some in force.
  ///   - actorSource: `.sessionUser` (the default) but in the contract tests.
  public init(
    runner: PostgresTransactionRunner, clock: any FlightDeckClock, policy: RiskPolicy = .standard,
    gatePolicy: GatePolicy = .standard, actorSource: PostgresActorSource = .sessionUser
  ) {
    self.runner = runner
    self.clock = clock
    self.policy = policy
    self.gatePolicy = gatePolicy
    self.actorSource = actorSource
  }

  /// Closes the controller lease connections still open (their server
  /// sessions end, which frees the advisory lock; the lease row lapses at its expiry).
  deinit {
    let open = leaseConnections.withLockedValue { connections in
      defer { connections = [:] }
      return Array(connections.values)
    }
    for connection in open { try? connection.close().wait() }
  }

  /// The identity an action by `actor` is recorded under (see the type's description).
  /// - Throws: ``RegistryError`` when the database cannot be reached.
  public func effectiveActor(_ actor: OperatorIdentity) throws -> OperatorIdentity {
    guard actorSource == .sessionUser, actor.systemActor == nil else { return actor }
    let name = try runner.sessionUser()
    let roles = try runner.withConnection { session in
      try PostgresTeamRoles.flightDeckRoles(of: session)
    }
    return OperatorIdentity(name: name, roles: roles, identification: .databaseRole)
  }

  // MARK: RegistryStore

  /// The session user and its FlightDeck roles (``effectiveActor(_:)``), or
  /// `nil` with ``PostgresActorSource/asGiven``.
  /// - Throws: ``RegistryError`` when the database cannot be reached.
  public func authenticatedActor() throws -> OperatorIdentity? {
    guard actorSource == .sessionUser else { return nil }
    return try effectiveActor(OperatorIdentity(name: "-"))
  }

  /// Performs `command` as ``effectiveActor(_:)`` (its roles read inside the
  /// transaction) in one write transaction (see the type's description for
  /// the order of work).
  /// - Throws: ``RegistryError``: the command's refusal (nothing of it was
  ///   written; due expiries are kept); `.missingRole` when the database
  ///   refuses the role a privilege (``PostgresTeamRoles``); a storage
  ///   failure (nothing written).
  public func performCommand(_ command: RegistryCommand, as actor: OperatorIdentity) throws -> RegistryOutcome
  {
    let vouched = actorSource == .sessionUser && actor.systemActor == nil
    let result = try runner.write { session in
      // The role and its memberships as this transaction sees them.
      let actor =
        vouched
        ? OperatorIdentity(
          name: try runner.sessionUser(), roles: try PostgresTeamRoles.flightDeckRoles(of: session),
          identification: .databaseRole)
        : actor
      return try SQLStoreTransaction.perform(
        command, as: actor, session: session, now: clock.now(), policy: policy, gatePolicy: gatePolicy,
        rolesVouched: vouched,
        savepoint: { body in
          try session.execute("SAVEPOINT flightdeck_command")
          do {
            try body()
          } catch {
            try session.execute("ROLLBACK TO SAVEPOINT flightdeck_command")
            try session.execute("RELEASE SAVEPOINT flightdeck_command")
            throw error
          }
          try session.execute("RELEASE SAVEPOINT flightdeck_command")
        })
    }
    return try result.get()
  }

  /// The change counter: one single-row read.
  /// - Throws: ``RegistryError`` on a storage failure.
  public func changeToken() throws -> Int64 {
    try runner.changeToken()
  }

  /// The whole registry in one read transaction, its
  /// ``RegistrySnapshot/changeToken`` the change counter read in the same
  /// transaction (so it equals ``changeToken()`` until the next write commits).
  /// - Throws: ``RegistryError`` on a storage failure or a damaged row.
  public func snapshot() throws -> RegistrySnapshot {
    let now = clock.now()
    return try runner.read { session in
      var snapshot = try SQLStoreReads.snapshot(session, now: now)
      guard
        let row = try session.queryOne("SELECT counter FROM \(PostgresChangeFeed.table) WHERE id = 1")
      else { throw RegistryError(.corrupt, "the change counter row of \(runner.location) is missing") }
      snapshot.changeToken = try row.decode(Int64.self, forColumn: "counter")
      return snapshot
    }
  }

  /// Moves of `artefact`'s pointers (one pointer when `pointer` is set), oldest first.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown artefact, `.invalidInput` for a bad name.
  public func pointerHistory(artefact: String, pointer: PointerName?) throws -> [PointerMove] {
    try runner.read { try SQLStoreReads.pointerHistory($0, artefact: artefact, pointer: pointer) }
  }

  /// Requests matching the filters, newest first, at most `limit` (≥ 0).
  /// - Throws: ``RegistryError`` on a storage failure.
  public func requests(artefact: String?, states: Set<RequestState>?, limit: Int) throws -> [PromotionRequest]
  {
    let now = clock.now()
    return try runner.read {
      try SQLStoreReads.requests($0, artefact: artefact, states: states, limit: limit, now: now)
    }
  }

  /// Audit entries from the first one with `at >= since` on, by sequence (all when `nil`).
  /// - Throws: ``RegistryError`` on a storage failure or a damaged row.
  public func auditEntries(since: Timestamp?) throws -> [AuditEntry] {
    try runner.read { try SQLStoreReads.auditEntries($0, since: since) }
  }

  /// The gate records of `version` of `artefact`, newest first.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown artefact or
  ///   version, `.invalidInput` for a bad name, `.corrupt` for a damaged record.
  public func gateResults(artefact: String, version: String) throws -> [GateRecord] {
    try runner.read { try SQLStoreReads.gateResults($0, artefact: artefact, version: version) }
  }

  /// The prompt template stored with `version` of `artefact` (`nil`: none).
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown artefact or version).
  public func versionTemplate(artefact: String, version: String) throws -> String? {
    try runner.read { try SQLStoreReads.versionTemplate($0, artefact: artefact, version: version) }
  }

  /// The workspace's gate policy in force, else the one given at opening.
  /// - Throws: ``RegistryError`` on a storage failure, `.corrupt` for a damaged configuration.
  public func gatePolicyInForce() throws -> GatePolicy {
    try runner.read { try SQLStoreReads.gatePolicyInForce($0) } ?? gatePolicy
  }

  /// Every entry in storage order, the head and the high-water mark, verified
  /// (``AuditChain/verify(storedOrder:storedHead:highWater:)``).
  /// - Throws: ``RegistryError`` when the log cannot be read at all.
  public func verifyAudit() throws -> AuditVerification {
    try runner.read { try SQLStoreReads.verifyAudit($0) }
  }

  /// The rollouts of `artefact` (all when `nil`), newest first.
  /// - Throws: ``RegistryError``: `.invalidInput` for a bad name, `.corrupt` for a damaged row.
  public func rollouts(artefact: String?) throws -> [RolloutRecord] {
    try runner.read { try SQLStoreReads.rollouts($0, artefact: artefact) }
  }

  /// Every stored alert instance with its acknowledgement, firing first.
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func alertInstances() throws -> [AlertInstance] {
    try runner.read { try SQLStoreReads.alertInstances($0) }
  }

  /// Silences, newest first: those ending after the clock's now, or all.
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func silences(includeExpired: Bool) throws -> [AlertSilence] {
    let now = clock.now()
    return try runner.read { try SQLStoreReads.silences($0, includeExpired: includeExpired, now: now) }
  }

  /// Incidents in `states` (all when `nil`), newest first, at most `limit` (≥ 0).
  /// - Throws: ``RegistryError`` on a storage failure or a damaged row.
  public func incidents(states: Set<IncidentState>?, limit: Int) throws -> [Incident] {
    try runner.read { try SQLStoreReads.incidents($0, states: states, limit: limit) }
  }

  /// The incident `id`.
  /// - Throws: ``RegistryError`` `.notFound` for an unknown id, `.corrupt` for a damaged row.
  public func incident(id: Int64) throws -> Incident {
    try runner.read { try SQLStoreReads.incident($0, id: id) }
  }

  /// The timeline of incident `id` at the store clock's now (as the SQLite store builds it).
  /// - Throws: ``RegistryError`` `.notFound` for an unknown id, or a storage failure.
  public func incidentTimeline(id: Int64, leadMs: Int64) throws -> [IncidentTimelineEntry] {
    let incident = try incident(id: id)
    let now = clock.now()
    let start = IncidentTimeline.window(of: incident, now: now, leadMs: leadMs).start
    let (entries, requests, silences) = try runner.read {
      try SQLStoreReads.timelineInputs($0, start: start, subject: incident.displayID)
    }
    return IncidentTimeline.build(
      incident: incident, entries: entries, requestArtefacts: requests, silenceMatchers: silences, now: now,
      leadMs: leadMs)
  }
}
