/// A store backend: every domain store of a workspace in one database with
/// one audit chain.
///
/// Panes and commands speak only the domain protocols (``ArtefactStore``,
/// ``ApprovalStore``, ``RolloutStore``, ``AlertStore``, ``IncidentStore``,
/// ``AuditStore``): domain changes, each one transaction that checks the
/// state it expects and appends its audit entries, and immutable reads. A
/// backend implements all of them over one database, so a change in one
/// domain and the moves it causes in another (an approval moving a pointer, a
/// rollout step setting a weight) are one transaction and one chain of audit
/// entries. Backends live in their own folders (SQLite, the embedded default;
/// PostgreSQL for teams) and pass the same contract tests; nothing outside a
/// backend names its database.
///
/// Implementations take their clock, risk policy and role table at creation,
/// are safe to use from any thread, and never lose an update between two
/// processes on the same store.
public protocol RegistryStore: ArtefactStore, ApprovalStore, RolloutStore, AlertStore, IncidentStore,
  AuditStore
{
  /// A number that changes whenever any process commits a change; cheap enough
  /// to poll every few hundred ms (the dashboard reloads its snapshot when it changes).
  /// - Throws: ``RegistryError`` on a storage failure.
  func changeToken() throws -> Int64

  /// The identity this store records for a human's actions when the
  /// database authenticated it (PostgreSQL: the role that logged in, with the
  /// roles its memberships give), whatever name `perform(_:as:)` is given; `nil`
  /// when the store records the name it is given, unauthenticated (SQLite:
  /// the OS user or `$FLIGHTDECK_USER`).
  /// - Throws: ``RegistryError`` when the database cannot be reached.
  func authenticatedActor() throws -> OperatorIdentity?

  /// Starts pushing every change any process commits to `handler`
  /// (``StoreChangeEvent``), when the backend can be told about other
  /// processes' commits (PostgreSQL: `LISTEN`/`NOTIFY`); `nil` when it cannot
  /// (SQLite: readers poll ``changeToken()``). The handler runs on a thread
  /// of the backend's: it must return quickly (queue a message, wake a
  /// loop) and never call the store. Stop the returned signal when done.
  /// - Throws: ``RegistryError`` when the signal's settings are unusable
  ///   (a password file, TLS); an unreachable server is not an error here, it
  ///   arrives as ``StoreChangeEvent/detached(reason:)`` and is retried.
  func signalChanges(_ handler: @escaping @Sendable (StoreChangeEvent) -> Void) throws -> StoreChangeSignal?
}

extension RegistryStore {
  /// `nil`: the store records the name it is given (see the requirement).
  public func authenticatedActor() throws -> OperatorIdentity? { nil }

  /// `nil`: the store offers no change signal; readers poll ``changeToken()``.
  public func signalChanges(_ handler: @escaping @Sendable (StoreChangeEvent) -> Void) throws
    -> StoreChangeSignal?
  { nil }
}

extension RegistryStore {
  /// Performs `command` in its domain store (``RegistryCommand`` routes each
  /// change to the domain it belongs to).
  /// - Returns: what changed.
  /// - Throws: as the domain store's `perform(_:as:)`.
  public func run(_ command: RegistryCommand, as actor: OperatorIdentity) throws -> RegistryOutcome {
    switch command {
    case .artefact(let change): try perform(change, as: actor)
    case .approval(let change): try perform(change, as: actor)
    case .rollout(let change): try perform(change, as: actor)
    case .alert(let change): try perform(change, as: actor)
    case .incident(let change): try perform(change, as: actor)
    }
  }
}
