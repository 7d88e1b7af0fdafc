import FlightDeckCore
import Logging
import NIOCore
import PostgresNIO

/// The ``SQLSession`` of a PostgreSQL transaction: runs the shared SQL on
/// one connection, synchronously.
///
/// Each call rewrites the statement's `?` placeholders to `$1…$n`
/// (``PostgresPlaceholders``), binds the ``SQLValue`` arguments (`BIGINT`,
/// `DOUBLE PRECISION`, `TEXT`, `BYTEA`, `NULL`), sends it with the extended
/// protocol and waits for the result on the calling thread with
/// `EventLoopFuture.wait()`; the connection's channel runs on its own event
/// loop, so the caller must never be an event loop thread (the store is
/// called from command-line commands and effect threads). Columns come back
/// named as PostgreSQL reports them and typed by their data type
/// (``SQLValue/init(postgresCell:)``).
///
/// The session does not begin, commit or lock: ``PostgresTransactionRunner``
/// does, and hands the session to the shared domain transactions.
public final class PostgresSQLSession: SQLSession {
  /// The connection the transaction runs on.
  let connection: PostgresConnection
  /// Where it is connected, for messages.
  let location: PostgresLocation
  private let logger: Logger
  /// Set when a statement failed with a serialization failure or a deadlock
  /// (`40001`/`40P01`), so the runner retries the whole transaction even when
  /// the shared code replaced the error with its own.
  private(set) var sawRetryableFailure = false

  init(connection: PostgresConnection, location: PostgresLocation, logger: Logger) {
    self.connection = connection
    self.location = location
    self.logger = logger
  }

  /// Runs `sql` (one statement) with `arguments` bound to its `?` placeholders in order.
  /// - Throws: ``RegistryError`` (``PostgresErrors``), or `.storage` when the
  ///   number of placeholders is not the number of arguments.
  public func execute(_ sql: String, _ arguments: [SQLValue]) throws {
    _ = try run(sql, arguments)
  }

  /// Runs `sql` (one query) and returns every row, in the order the database gives them.
  /// - Throws: as ``execute(_:_:)``; `.storage` for a column of a type
  ///   outside `BIGINT`/`INTEGER`/`SMALLINT`, `DOUBLE PRECISION`/`REAL`/`NUMERIC`,
  ///   `TEXT`/`VARCHAR`/`NAME`, `BYTEA`, `BOOLEAN`.
  public func query(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
    let result = try run(sql, arguments)
    return try result.rows.map { row in
      var columns: [String] = []
      var values: [SQLValue] = []
      columns.reserveCapacity(row.count)
      values.reserveCapacity(row.count)
      for cell in row {
        columns.append(cell.columnName)
        values.append(try SQLValue(postgresCell: cell))
      }
      return SQLRow(columns: columns, values: values)
    }
  }

  /// Whether a table named exactly `name` exists in a schema on the search
  /// path (`pg_catalog.pg_tables`; the name is compared, never parsed).
  /// - Throws: as ``execute(_:_:)``.
  public func tableExists(_ name: String) throws -> Bool {
    let row = try queryOne(
      """
      SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables
        WHERE tablename = ? AND schemaname = ANY (current_schemas(false))) AS present
      """, [.text(name)])
    return try row?.decode(Int64.self, forColumn: "present") == 1
  }

  /// Runs `sql` and returns its whole result (rows and command tag).
  /// - Throws: as ``execute(_:_:)``.
  func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
    let (rewritten, count) = PostgresPlaceholders.rewrite(sql)
    guard count == arguments.count else {
      throw RegistryError(
        .storage, "a statement has \(count) placeholders but \(arguments.count) arguments: \(sql)")
    }
    var bindings = PostgresBindings(capacity: arguments.count)
    for argument in arguments { argument.bind(into: &bindings) }
    do {
      return try connection.query(PostgresQuery(unsafeSQL: rewritten, binds: bindings), logger: logger).wait()
    } catch {
      if PostgresErrors.isRetryable(error) { sawRetryableFailure = true }
      throw PostgresErrors.map(error, location: location, statement: sql)
    }
  }
}
