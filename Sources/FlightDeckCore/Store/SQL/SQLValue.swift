/// A value bound to a SQL statement or read from a result column: the types
/// every FlightDeck store backend stores (SQLite's storage classes; on
/// PostgreSQL `BIGINT`, `DOUBLE PRECISION`, `TEXT` and `BYTEA`).
///
/// The shared SQL of the store's domain transactions binds only these, so a
/// statement means the same on both backends: no booleans (flags are
/// `INTEGER` 0/1), no dates (times are `INTEGER` milliseconds since the Unix
/// epoch), no JSON column types (JSON is `TEXT` written by ``CanonicalJSON``).
public enum SQLValue: Sendable, Hashable {
  /// SQL `NULL`.
  case null
  /// A 64-bit signed integer (`INTEGER` / `BIGINT`).
  case integer(Int64)
  /// A binary64 floating-point number (`REAL` / `DOUBLE PRECISION`).
  case real(Double)
  /// UTF-8 text (`TEXT`).
  case text(String)
  /// Bytes (`BLOB` / `BYTEA`).
  case blob([UInt8])
}

extension SQLValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
  ExpressibleByFloatLiteral
{
  /// `NULL`.
  public init(nilLiteral: ()) { self = .null }
  /// An integer literal.
  public init(integerLiteral value: Int64) { self = .integer(value) }
  /// A text literal.
  public init(stringLiteral value: String) { self = .text(value) }
  /// A real literal.
  public init(floatLiteral value: Double) { self = .real(value) }
}
