/// The controller lease of a store: at most one active `flightdeck serve`
/// per store (see ``ControllerLease`` for the scheme).
///
/// Both backends keep one lease row (holder, epoch, acquired-at, heartbeat,
/// expiry, released-at) that dashboards read to say who drives. The
/// PostgreSQL backend also holds a session-level advisory lock on a
/// dedicated connection while it holds the lease, so a second process
/// cannot take it while the holder's session lives, and the server frees it
/// when the holder's connection dies (a process killed with `-9`).
///
/// Times are the store clock's; lease writes are not audited and do not
/// move ``RegistryStore/changeToken()`` (a heartbeat a second would
/// otherwise reload every dashboard every second).
public protocol ControllerLeaseStore: Sendable {
  /// Takes the lease for `holder` when nobody holds it: no row yet, the row
  /// released, or expired at the store clock's now (PostgreSQL: and the
  /// advisory lock taken). A holder that already holds it gets it back
  /// renewed (same epoch).
  /// - Parameter ttlMs: how long the lease lasts without a renewal, ms (≥ 1).
  /// - Returns: the lease now held (a new ``ControllerLease/epoch`` when
  ///   taken from nobody or from an expired holder), or `nil` when another
  ///   holder's lease is in force.
  /// - Throws: ``RegistryError`` on a storage failure (nothing taken).
  func acquireControllerLease(for holder: ControllerLeaseHolder, ttlMs: Int64) throws -> ControllerLease?

  /// Renews `lease` (the heartbeat now, the expiry `ttlMs` later), fenced:
  /// only when the row still names its holder and epoch, is not released and
  /// has not expired at the store clock's now (PostgreSQL: and the holder's
  /// lock connection is alive).
  /// - Returns: the renewed lease, or `nil` when it was lost (expired, taken
  ///   over, released): the caller must stop acting at once.
  /// - Throws: ``RegistryError`` on a storage failure (the caller keeps
  ///   acting only until its lease's ``ControllerLease/expiresAt``).
  func renewControllerLease(_ lease: ControllerLease, ttlMs: Int64) throws -> ControllerLease?

  /// Releases `lease` (a graceful stop): the row keeps the holder with its
  /// release time and expires now, so a standby takes over at its next
  /// attempt. Does nothing when the lease was already lost.
  /// - Throws: ``RegistryError`` on a storage failure.
  func releaseControllerLease(_ lease: ControllerLease) throws

  /// The lease row as stored (held, expired or released), or `nil` when no
  /// controller ever held one.
  /// - Throws: ``RegistryError`` on a storage failure or a damaged row.
  func controllerLease() throws -> ControllerLease?
}
