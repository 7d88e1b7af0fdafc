/// The PostgreSQL advisory lock keys FlightDeck takes
/// (`pg_advisory_xact_lock(bigint)`: held until the transaction ends, but
/// ``controller``, held by a session;
/// <https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS>).
///
/// Each key is eight ASCII letters read as a big-endian 64-bit integer, so
/// that `pg_locks` shows a recognisable number and another application's keys
/// are unlikely to collide with ours.
public enum PostgresAdvisoryLock {
  /// Taken by every write transaction right after `BEGIN`: writers run one at
  /// a time, as SQLite's `BEGIN IMMEDIATE` makes them, so every audit append
  /// sees the previous one and the chain stays one linear chain.
  /// `"FlightDW"` = 0x466C_6967_6874_4457.
  public static let write: Int64 = 0x466C_6967_6874_4457
  /// Taken by a migration transaction: two processes migrating one database
  /// at once run one after the other, and the second finds nothing to do.
  /// `"FlightDM"` = 0x466C_6967_6874_444D.
  public static let migration: Int64 = 0x466C_6967_6874_444D
  /// Held at session level (`pg_try_advisory_lock(bigint)`, until unlocked or
  /// the session ends) on a dedicated connection by the controller holding
  /// the lease (``PostgresRegistryStore``'s ``ControllerLeaseStore``): the
  /// server frees it when the holder's connection dies.
  /// `"FlightDC"` = 0x466C_6967_6874_4443.
  public static let controller: Int64 = 0x466C_6967_6874_4443
}
