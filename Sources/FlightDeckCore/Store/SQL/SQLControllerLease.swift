/// The controller lease row, in the SQL both backends accept: the one row
/// (`id` = 1) of `controller_lease`, read and written inside a transaction the
/// backend opened (see ``ControllerLeaseStore`` for the rules).
///
/// Columns: `host`, `pid`, `instance` (the ``ControllerLeaseHolder``),
/// `epoch` (the fencing token), `acquired_at`, `heartbeat_at`, `expires_at`,
/// `released_at` (ms since the Unix epoch; `released_at` `NULL` while held).
public enum SQLControllerLease {
  /// The table's name.
  public static let table = "controller_lease"

  /// The stored lease, or `nil` when there is no row (or, in a workspace
  /// opened read-only before its schema had the table, no table).
  /// - Throws: ``RegistryError`` on a storage failure; `.corrupt` for a damaged row.
  public static func read(_ session: any SQLSession) throws -> ControllerLease? {
    guard try session.tableExists(table) else { return nil }
    guard
      let row = try session.queryOne(
        """
        SELECT host, pid, instance, epoch, acquired_at, heartbeat_at, expires_at, released_at
        FROM \(table) WHERE id = 1
        """)
    else { return nil }
    return ControllerLease(
      holder: ControllerLeaseHolder(
        host: try row.decode(String.self, forColumn: "host"),
        pid: try row.decode(Int64.self, forColumn: "pid"),
        instance: try row.decode(String.self, forColumn: "instance")),
      epoch: try row.decode(Int64.self, forColumn: "epoch"),
      acquiredAt: Timestamp(millisecondsSinceEpoch: try row.decode(Int64.self, forColumn: "acquired_at")),
      heartbeatAt: Timestamp(millisecondsSinceEpoch: try row.decode(Int64.self, forColumn: "heartbeat_at")),
      expiresAt: Timestamp(millisecondsSinceEpoch: try row.decode(Int64.self, forColumn: "expires_at")),
      releasedAt: try row.decode(Int64?.self, forColumn: "released_at").map(
        Timestamp.init(millisecondsSinceEpoch:)))
  }

  /// Takes the lease for `holder` at `now` unless another holder's lease is
  /// in force (see ``ControllerLeaseStore/acquireControllerLease(for:ttlMs:)``).
  /// - Returns: the lease held, or `nil` when another holder's is in force.
  /// - Throws: ``RegistryError`` on a storage failure.
  public static func acquire(
    _ session: any SQLSession, holder: ControllerLeaseHolder, now: Timestamp, ttlMs: Int64
  ) throws -> ControllerLease? {
    let ttl = max(1, ttlMs)
    let current = try read(session)
    if let current, current.isHeld(at: now) {
      guard current.holder == holder else { return nil }
      return try renew(session, lease: current, now: now, ttlMs: ttl)
    }
    let lease = ControllerLease(
      holder: holder, epoch: (current?.epoch ?? 0) + 1, acquiredAt: now, heartbeatAt: now,
      expiresAt: now.adding(milliseconds: ttl))
    try session.execute(
      """
      INSERT INTO \(table) (id, host, pid, instance, epoch, acquired_at, heartbeat_at, expires_at, released_at)
      VALUES (1, ?, ?, ?, ?, ?, ?, ?, NULL)
      ON CONFLICT (id) DO UPDATE SET host = excluded.host, pid = excluded.pid, instance = excluded.instance,
        epoch = excluded.epoch, acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at,
        expires_at = excluded.expires_at, released_at = NULL
      """,
      binding: [
        holder.host, holder.pid, holder.instance, lease.epoch, now.millisecondsSinceEpoch,
        now.millisecondsSinceEpoch, lease.expiresAt.millisecondsSinceEpoch,
      ])
    return lease
  }

  /// Renews `lease` at `now`, fenced on its holder's instance and epoch, an
  /// unreleased row and an expiry after `now`.
  /// - Returns: the renewed lease, or `nil` when it was lost.
  /// - Throws: ``RegistryError`` on a storage failure.
  public static func renew(
    _ session: any SQLSession, lease: ControllerLease, now: Timestamp, ttlMs: Int64
  ) throws -> ControllerLease? {
    let expires = now.adding(milliseconds: max(1, ttlMs))
    let rows = try session.query(
      """
      UPDATE \(table) SET heartbeat_at = ?, expires_at = ?
      WHERE id = 1 AND instance = ? AND epoch = ? AND released_at IS NULL AND expires_at > ?
      RETURNING epoch
      """,
      binding: [
        now.millisecondsSinceEpoch, expires.millisecondsSinceEpoch, lease.holder.instance, lease.epoch,
        now.millisecondsSinceEpoch,
      ])
    guard !rows.isEmpty else { return nil }
    var renewed = lease
    renewed.heartbeatAt = now
    renewed.expiresAt = expires
    return renewed
  }

  /// Marks `lease` released at `now` (and expired now) when the row still
  /// names its holder and epoch; otherwise changes nothing.
  /// - Returns: whether the row was released by this call.
  /// - Throws: ``RegistryError`` on a storage failure.
  @discardableResult
  public static func release(_ session: any SQLSession, lease: ControllerLease, now: Timestamp) throws -> Bool
  {
    let rows = try session.query(
      """
      UPDATE \(table) SET released_at = ?, expires_at = ?
      WHERE id = 1 AND instance = ? AND epoch = ? AND released_at IS NULL
      RETURNING epoch
      """,
      binding: [now.millisecondsSinceEpoch, now.millisecondsSinceEpoch, lease.holder.instance, lease.epoch])
    return !rows.isEmpty
  }
}
