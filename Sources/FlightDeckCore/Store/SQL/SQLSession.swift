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

extension SQLSession {
  /// Runs `sql` with `values` bound to its `?` placeholders in order (each
  /// value's ``SQLValueConvertible/sqlValue``).
  /// - Throws: as ``SQLSession/execute(_:_:)``.
  public func execute(_ sql: String, binding values: [any SQLValueConvertible]) throws {
    try execute(sql, values.map(\.sqlValue))
  }

  /// Every row of `sql` with `values` bound to its `?` placeholders in order.
  /// - Throws: as ``SQLSession/execute(_:_:)``.
  public func query(_ sql: String, binding values: [any SQLValueConvertible] = []) throws -> [SQLRow] {
    try query(sql, values.map(\.sqlValue))
  }

  /// The first row of `sql` with `values` bound, or `nil` when it returns none.
  /// - Throws: as ``SQLSession/execute(_:_:)``.
  public func queryOne(_ sql: String, binding values: [any SQLValueConvertible]) throws -> SQLRow? {
    try query(sql, values.map(\.sqlValue)).first
  }

  /// Runs `insert` (one `INSERT` statement without a `RETURNING` clause)
  /// with `values` bound, appending ` RETURNING id`, and returns the new
  /// row's `id` (every backend accepts the clause; it
  /// replaces a last-inserted-row-id call).
  /// - Throws: as ``SQLSession/execute(_:_:)``; ``RegistryError``
  ///   `.storage` when the statement returns no row, `.corrupt` when its `id`
  ///   is not an integer.
  public func insertReturningID(_ insert: String, binding values: [any SQLValueConvertible]) throws -> Int64 {
    guard let row = try query(insert + " RETURNING id", values.map(\.sqlValue)).first else {
      throw RegistryError(.storage, "an INSERT … RETURNING id returned no row")
    }
    return try row.decode(Int64.self, forColumn: "id")
  }
}
