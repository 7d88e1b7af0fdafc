import Foundation
import GRDB

/// The ``SQLSession`` of the SQLite backend: GRDB's `Database` inside a
/// transaction (or read) that ``SQLiteRegistryStore`` opened.
///
/// Binds each ``SQLValue`` as the SQLite storage class of the same name
/// (`NULL`, `INTEGER`, `REAL`, `TEXT`, `BLOB`) and reads each result column
/// back by its storage class, named as SQLite names it (the alias, or the
/// column name for `*`). Every GRDB or SQLite failure is mapped through
/// ``SQLiteRegistryErrors/map(_:path:)`` (naming `path`).
final class SQLiteSession: SQLSession {
  /// The open connection; valid only inside the GRDB closure that gave it.
  private let db: Database
  /// The database file (`:memory:` for a private store), for messages.
  private let path: String

  /// A session on `db`, naming `path` in its errors.
  init(_ db: Database, path: String) {
    self.db = db
    self.path = path
  }

  /// Runs `sql` with `arguments` bound in order.
  /// - Throws: ``RegistryError`` mapped from SQLite's failure.
  func execute(_ sql: String, _ arguments: [SQLValue]) throws {
    do {
      try db.execute(sql: sql, arguments: Self.arguments(arguments))
    } catch {
      throw SQLiteRegistryErrors.map(error, path: path)
    }
  }

  /// Every row of `sql` with `arguments` bound in order.
  /// - Throws: ``RegistryError`` mapped from SQLite's failure.
  func query(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
    do {
      let cursor = try Row.fetchCursor(db, sql: sql, arguments: Self.arguments(arguments))
      var rows: [SQLRow] = []
      while let row = try cursor.next() {
        rows.append(
          SQLRow(columns: Array(row.columnNames), values: row.databaseValues.map(Self.value)))
      }
      return rows
    } catch {
      throw SQLiteRegistryErrors.map(error, path: path)
    }
  }

  /// Whether the table `name` exists in the main schema.
  /// - Throws: ``RegistryError`` mapped from SQLite's failure.
  func tableExists(_ name: String) throws -> Bool {
    do {
      return try db.tableExists(name)
    } catch {
      throw SQLiteRegistryErrors.map(error, path: path)
    }
  }

  /// GRDB's arguments for `values`, in order.
  static func arguments(_ values: [SQLValue]) -> StatementArguments {
    StatementArguments(values.map(databaseValue))
  }

  /// The GRDB value of `value` (its SQLite storage class).
  static func databaseValue(_ value: SQLValue) -> DatabaseValue {
    switch value {
    case .null: .null
    case .integer(let v): v.databaseValue
    case .real(let v): v.databaseValue
    case .text(let v): v.databaseValue
    case .blob(let v): Data(v).databaseValue
    }
  }

  /// The ``SQLValue`` of a GRDB value read from a result column.
  static func value(_ value: DatabaseValue) -> SQLValue {
    switch value.storage {
    case .null: .null
    case .int64(let v): .integer(v)
    case .double(let v): .real(v)
    case .string(let v): .text(v)
    case .blob(let v): .blob([UInt8](v))
    }
  }
}
