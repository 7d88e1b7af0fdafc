/// The order of work of one command, the same on every backend: the
/// configuration in force, the actor's roles from it, the expiry sweep, then
/// the command in a savepoint.
extension SQLStoreTransaction {
  /// Performs `command` as `actor` inside the write transaction the backend
  /// opened on `session`:
  ///
  /// 1. the workspace's configuration in force wins over `policy` and
  ///    `gatePolicy` (the ones the process was opened with), so every process
  ///    counts approvals by the same rules;
  /// 2. a human actor's roles are read from that configuration's role table
  ///    (FlightDeck's own `system:…` actors have none, whatever it says),
  ///    unless `rolesVouched`: the backend took the actor's name and roles
  ///    from the database (the role that logged in and its memberships,
  ///    PostgreSQL), and they stand as given; the audit then records the
  ///    actor as ``ActorIdentification/databaseRole``, and otherwise as the
  ///    unauthenticated source the identity claims
  ///    (`SQLStoreTransaction.recordedIdentification(of:vouched:)`);
  /// 3. due requests are expired (audited as `system:registry`);
  /// 4. the command runs inside `savepoint` (the backend's nested
  ///    transaction: it runs its body and rolls back what the body wrote when
  ///    the body throws).
  ///
  /// - Returns: `.success` with the outcome, or `.failure` with the command's
  ///   refusal when expiries were written that the backend must commit before
  ///   throwing the refusal.
  /// - Throws: ``RegistryError``: the refusal when nothing was expired (the
  ///   backend rolls everything back), or a storage failure.
  package static func perform(
    _ command: RegistryCommand, as actor: OperatorIdentity, session: any SQLSession, now: Timestamp,
    policy: RiskPolicy, gatePolicy: GatePolicy, rolesVouched: Bool = false,
    savepoint: (() throws -> Void) throws -> Void
  ) throws -> Result<RegistryOutcome, RegistryError> {
    let inForce = try SQLStoreRows.configuration(session)
    let policy = inForce?.policy ?? policy
    let gatePolicy = inForce?.gates ?? gatePolicy
    let actor =
      actor.systemActor != nil || rolesVouched
      ? actor
      : inForce.map { c in
        OperatorIdentity(
          name: actor.name, roles: c.roles.compactMap { $0.value.contains(actor.name) ? $0.key : nil },
          identification: actor.identification)
      } ?? actor
    let sweep = SQLStoreTransaction(
      session: session, now: now, actor: actor, policy: policy, gatePolicy: gatePolicy, vouched: rolesVouched)
    let expired = try sweep.expireDueRequests()
    let tx = SQLStoreTransaction(
      session: session, now: now, actor: actor, policy: policy, gatePolicy: gatePolicy, vouched: rolesVouched)
    var outcome: RegistryOutcome?
    do {
      try savepoint { outcome = try tx.run(command) }
    } catch let e as RegistryError where expired > 0 && isRefusal(e) {
      return .failure(e)
    }
    guard let outcome else { throw RegistryError(.storage, "the command produced no outcome") }
    return .success(outcome)
  }

  /// Appends the `workspace.init` entry by `actor` (after: the schema
  /// version `schema`) when the audit log is empty; nothing otherwise.
  /// `vouched`: the backend authenticated `actor` (as in ``perform(_:as:session:now:policy:gatePolicy:rolesVouched:savepoint:)``).
  /// - Throws: ``RegistryError`` on a storage failure.
  package static func recordWorkspaceInit(
    session: any SQLSession, now: Timestamp, actor: OperatorIdentity, policy: RiskPolicy,
    gatePolicy: GatePolicy, schema: Int, vouched: Bool = false
  ) throws {
    guard try SQLStoreRows.auditHead(session)?.sequence == 0 else { return }
    let tx = SQLStoreTransaction(
      session: session, now: now, actor: actor, policy: policy, gatePolicy: gatePolicy, vouched: vouched)
    try tx.audit(
      .workspaceInit, subject: "workspace", before: nil,
      after: CanonicalJSON.object(["schema": .integer(Int64(schema))]), reason: "flightdeck init")
  }

  /// Whether `error` is a refusal of the command (the state or the input is
  /// wrong) rather than a storage failure.
  static func isRefusal(_ error: RegistryError) -> Bool {
    switch error.code {
    case .noWorkspace, .schemaTooNew, .corrupt, .readOnly, .diskFull, .busy, .storage: false
    default: true
    }
  }
}
