/// The dashboard's desk for release work: one operator's view of a registry
/// store, polled cheaply for changes made by any process, and the place the
/// dashboard's keys send their registry commands.
///
/// Not thread-safe by design: it lives on one thread at a time (the
/// dashboard's store worker, `StoreWorker` in `FlightDeckTUI`, so the screen
/// never waits for it). Every storage failure is returned
/// as a `Result` (or kept in ``lastError``), never thrown past it and never a crash.
///
/// Change detection: ``poll(now:)`` reads the store's change token (the
/// audit head's sequence on SQLite, the change counter on PostgreSQL) at most
/// every ``pollIntervalMs`` (500 ms by default), so another process's change
/// shows within a second, and reloads the snapshot only when the token moved.
/// A store with a change signal (``RegistryStore/signalChanges(_:)``) tells
/// the dashboard about each change instead: it calls ``refresh(signalled:now:)``
/// on each signal and sets ``pollIntervalMs`` to
/// ``signalledPollIntervalMs``, a slow safety poll.
public final class ReleaseDesk {
  /// Least time between two change-token checks when nothing signals
  /// changes, in ms (the default of ``pollIntervalMs``).
  public static let defaultPollIntervalMs: Int64 = 500
  /// The safety poll's interval while a change signal is attached, in ms:
  /// the signal brings each change; the poll only bounds how long a lost
  /// notification could go unseen.
  public static let signalledPollIntervalMs: Int64 = 15_000

  /// Least time between two change-token checks by ``poll(now:)``, in ms
  /// (≥ 1; ``defaultPollIntervalMs`` unless set).
  public var pollIntervalMs: Int64 = ReleaseDesk.defaultPollIntervalMs {
    didSet { pollIntervalMs = max(1, pollIntervalMs) }
  }

  /// The store commands go to.
  public let store: any RegistryStore
  /// Who acts through this desk: attribution only, unless
  /// ``identityIsAuthenticated``.
  public let identity: OperatorIdentity
  /// Whether the store vouches for ``identity`` (the role a PostgreSQL store
  /// logged in as, ``RegistryStore/authenticatedActor()``) rather than
  /// recording the name it is given.
  public let identityIsAuthenticated: Bool
  /// How ``identity`` was identified, as the audit records what this desk
  /// does: ``ActorIdentification/databaseRole`` when
  /// ``identityIsAuthenticated``, else the unauthenticated source the
  /// identity came from (`$FLIGHTDECK_USER`, the OS user, …).
  public var identification: ActorIdentification {
    if identity.systemActor != nil { return .system }
    return identityIsAuthenticated ? .databaseRole : identity.identification.claimed
  }
  /// The routing targets the dashboard shows the state of
  /// (``routingStatus()``); none unless set.
  public var routing = RoutingConfiguration()
  /// The newest snapshot read (`nil` before the first successful read).
  public private(set) var snapshot: RegistrySnapshot?
  /// The last storage failure of a poll, `nil` once a poll succeeds again.
  public private(set) var lastError: RegistryError?

  private let clock: any FlightDeckClock
  private var lastCheck: Timestamp?
  private var token: Int64?

  /// Creates a desk over `store` acting as `identity` (vouched for by the
  /// store when `identityIsAuthenticated`); time for ``perform(_:)``'s
  /// refresh comes from `clock`.
  public init(
    store: any RegistryStore, identity: OperatorIdentity, clock: any FlightDeckClock,
    identityIsAuthenticated: Bool = false
  ) {
    self.store = store
    self.identity = identity
    self.identityIsAuthenticated = identityIsAuthenticated
    self.clock = clock
  }

  /// When the next change-token check is due (now, before the first poll).
  public var nextPollDue: Timestamp {
    lastCheck.map { $0.adding(milliseconds: pollIntervalMs) } ?? clock.now()
  }

  /// Checks for changes and returns a freshly read snapshot when there is one.
  ///
  /// - Parameter now: the loop's time (default: the desk's clock).
  /// - Returns: the new snapshot on the first call and whenever the change
  ///   token moved since the last read; `nil` when nothing changed, when
  ///   the last check was less than ``pollIntervalMs`` ago, or on a storage
  ///   failure (then kept in ``lastError``).
  public func poll(now: Timestamp? = nil) -> RegistrySnapshot? {
    let now = now ?? clock.now()
    if let lastCheck, now.milliseconds(since: lastCheck) < pollIntervalMs, snapshot != nil {
      return nil
    }
    lastCheck = now
    do {
      let current = try store.changeToken()
      if let token, current == token, snapshot != nil {
        lastError = nil
        return nil
      }
      return try reload()
    } catch {
      lastError = Self.registryError(error)
      return nil
    }
  }

  /// Answers a change signal (``StoreChangeEvent``): reloads the snapshot
  /// unless it already shows `token`, or always when `token` is `nil` (the
  /// signal attached again, so changes may have gone unsignalled). Counts as
  /// a change-token check: the next ``poll(now:)`` waits ``pollIntervalMs``
  /// from `now`. Reads no change token.
  ///
  /// - Parameters:
  ///   - token: the change token the signal carried, or `nil` to reload whatever it is.
  ///   - now: the loop's time (default: the desk's clock).
  /// - Returns: the new snapshot, or `nil` when the snapshot already shows
  ///   `token` or on a storage failure (then kept in ``lastError``).
  public func refresh(signalled token: Int64?, now: Timestamp? = nil) -> RegistrySnapshot? {
    lastCheck = now ?? clock.now()
    if let token, token == self.token, snapshot != nil { return nil }
    do {
      return try reload()
    } catch {
      lastError = Self.registryError(error)
      return nil
    }
  }

  /// Performs `command` as ``identity``, then re-reads the snapshot (so the
  /// caller's next ``snapshot`` shows the change at once).
  /// - Returns: what changed, or why it was refused or failed.
  public func perform(_ command: RegistryCommand) -> Result<RegistryOutcome, RegistryError> {
    let result: Result<RegistryOutcome, RegistryError>
    do {
      result = .success(try store.run(command, as: identity))
    } catch {
      // A team store's refusal for want of a role says which role and what
      // to do, as the command line does (TeamRoleRefusal).
      let refused = Self.registryError(error)
      result = .failure(
        identityIsAuthenticated
          ? TeamRoleRefusal.explain(refused, command: command, actor: identity) : refused)
    }
    do {
      _ = try reload()
      lastCheck = clock.now()
    } catch {
      lastError = Self.registryError(error)
    }
    return result
  }

  /// Every pointer move of `artefact`, oldest first.
  public func history(artefact: String) -> Result<[PointerMove], RegistryError> {
    do {
      return .success(try store.pointerHistory(artefact: artefact, pointer: nil))
    } catch {
      return .failure(Self.registryError(error))
    }
  }

  /// The whole audit log (sequence order) and the verification of its chain.
  public func audit() -> Result<([AuditEntry], AuditVerification), RegistryError> {
    do {
      let verification = try store.verifyAudit()
      return .success((try store.auditEntries(since: nil), verification))
    } catch {
      return .failure(Self.registryError(error))
    }
  }

  /// Reads the snapshot and remembers its token.
  private func reload() throws -> RegistrySnapshot {
    let fresh = try store.snapshot()
    snapshot = fresh
    token = fresh.changeToken
    lastError = nil
    return fresh
  }

  /// `error` as a ``RegistryError`` (any other error becomes `.storage`).
  static func registryError(_ error: any Error) -> RegistryError {
    if let e = error as? RegistryError { return e }
    return RegistryError(.storage, "registry storage failed: \(error)")
  }
}
