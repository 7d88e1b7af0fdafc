/// One row of a query's result: its values by column name.
///
/// Column names are as the statement's `SELECT` list gives them (backends
/// report them lowercased for unquoted names; write every column in the shared
/// SQL in lowercase snake case). Decoding is by name and throws, so a damaged
/// or hand-edited row gives ``RegistryError/Code/corrupt`` rather than a crash.
public struct SQLRow: Sendable, Hashable {
  /// Column names, in the `SELECT` list's order.
  public let columns: [String]
  /// Values, one per column.
  public let values: [SQLValue]

  /// A row of `values` named by `columns` (the same count).
  public init(columns: [String], values: [SQLValue]) {
    precondition(columns.count == values.count, "one value per column")
    self.columns = columns
    self.values = values
  }

  /// The value of the column named `name`, or `nil` when the row has no such column.
  public subscript(_ name: String) -> SQLValue? {
    guard let i = columns.firstIndex(of: name) else { return nil }
    return values[i]
  }

  /// The column `name` decoded as `T`.
  /// - Throws: ``RegistryError`` `.corrupt` naming the column when the row
  ///   has no such column or its value has another type (a `NULL` into a
  ///   non-optional type included).
  public func decode<T: SQLValueConvertible>(_ type: T.Type = T.self, forColumn name: String) throws -> T {
    guard let value = self[name] else {
      throw RegistryError(.corrupt, "a stored row has no column \(name); the database was edited by hand")
    }
    guard let decoded = T.fromSQL(value) else {
      throw RegistryError(
        .corrupt, "the stored column \(name) holds \(value.typeName), not a \(T.self); it is damaged")
    }
    return decoded
  }
}

extension SQLValue {
  /// `NULL`, `an integer`, `a real`, `text` or `a blob`: for messages.
  public var typeName: String {
    switch self {
    case .null: "NULL"
    case .integer: "an integer"
    case .real: "a real"
    case .text: "text"
    case .blob: "a blob"
    }
  }
}
