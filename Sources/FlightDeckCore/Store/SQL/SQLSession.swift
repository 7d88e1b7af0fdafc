/// The one thing the store's shared domain transactions need from a
/// backend: run a statement inside the transaction that is open.
///
/// A backend (SQLite over GRDB, PostgreSQL over postgres-nio) opens the
/// transaction, hands its session to the shared code, and commits or rolls
/// back; the shared code never begins, commits or locks. Statements use `?`
/// placeholders, bound in order (a PostgreSQL session rewrites them to `$1`,
/// `$2`, … outside string literals), and are written in the SQL both
/// backends accept: `INSERT … RETURNING id` rather than a last-row-id call,
/// `ON CONFLICT … DO …` rather than `INSERT OR …`, `COALESCE` rather than
/// `IFNULL`, `CAST(x AS BIGINT)`, no `GROUP_CONCAT` or `string_agg`.
///
/// A session is used from one thread at a time, only while its transaction
/// is open.
public protocol SQLSession: AnyObject {
  /// Runs `sql` (one statement) with `arguments` bound to its `?` placeholders in order.
  /// - Throws: ``RegistryError``: the backend's failure mapped to a code
  ///   (`.busy`, `.readOnly`, `.diskFull`, `.corrupt`, `.storage`), a
  ///   constraint violation as `.storage` naming the constraint.
  func execute(_ sql: String, _ arguments: [SQLValue]) throws

  /// Runs `sql` (one query) and returns every row, in the order the database gives them.
  /// - Throws: as ``execute(_:_:)``.
  func query(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]

  /// Whether the table `name` exists (an old SQLite workspace opened
  /// read-only is not migrated, so a newer table may be missing).
  /// - Throws: as ``execute(_:_:)``.
  func tableExists(_ name: String) throws -> Bool
}

extension SQLSession {
  /// The first row of `sql`'s result, or `nil` when it returns none.
  /// - Throws: as ``SQLSession/execute(_:_:)``.
  public func queryOne(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLRow? {
    try query(sql, arguments).first
  }

  /// Runs `sql` with no arguments.
  /// - Throws: as ``SQLSession/execute(_:_:)``.
  public func execute(_ sql: String) throws { try execute(sql, []) }
}
