/// The names behind the PostgreSQL store's change feed.
///
/// Every committed write transaction that wrote a row adds one to the single row of
/// ``table`` and sends `NOTIFY flightdeck_change, '<counter>'` in the same
/// transaction, so the notification is delivered exactly when the change is
/// visible (PostgreSQL sends notifications at commit, in commit order, and
/// never for a rolled-back transaction:
/// <https://www.postgresql.org/docs/current/sql-notify.html>). A dashboard
/// listens (``PostgresChangeListener``) instead of polling; the counter
/// itself is the change token (``PostgresTransactionRunner/changeToken()``).
public enum PostgresChangeFeed {
  /// The `LISTEN`/`NOTIFY` channel.
  public static let channel = "flightdeck_change"
  /// The table with the one counter row (`id` = 1, `counter` BIGINT from 0).
  public static let table = "flightdeck_change"
}
