import FlightDeckCore
import Foundation
import NIOCore
import PostgresNIO

extension SQLValue {
  /// Appends the value to `bindings` with its PostgreSQL type: `BIGINT`
  /// (int8), `DOUBLE PRECISION` (float8), `TEXT`, `BYTEA`, or an untyped
  /// `NULL` (PostgreSQL infers its type from the statement).
  func bind(into bindings: inout PostgresBindings) {
    switch self {
    case .null: bindings.appendNull()
    case .integer(let v): bindings.append(v)
    case .real(let v): bindings.append(v)
    case .text(let v): bindings.append(v)
    case .blob(let v): bindings.append(ByteBuffer(bytes: v))
    }
  }

  /// The value of `cell`, by its column's data type: `int2`/`int4`/`int8` →
  /// ``SQLValue/integer(_:)``, `float4`/`float8`/`numeric` → ``SQLValue/real(_:)``,
  /// `text`/`varchar`/`bpchar`/`name` → ``SQLValue/text(_:)``, `bytea` →
  /// ``SQLValue/blob(_:)``, `bool` → integer 0 or 1, SQL `NULL` → ``SQLValue/null``.
  /// - Throws: ``RegistryError`` `.storage` naming the column and its type
  ///   for any other type (the shared SQL casts such a column) or bytes that
  ///   do not decode as the type says.
  init(postgresCell cell: PostgresCell) throws {
    guard cell.bytes != nil else {
      self = .null
      return
    }
    do {
      switch cell.dataType {
      case .int2, .int4, .int8:
        self = .integer(try cell.decode(Int64.self))
      case .float4:
        self = .real(Double(try cell.decode(Float.self)))
      case .float8:
        self = .real(try cell.decode(Double.self))
      case .numeric:
        let decimal = try cell.decode(Decimal.self)
        self = .real(NSDecimalNumber(decimal: decimal).doubleValue)
      case .text, .varchar, .bpchar, .name:
        self = .text(try cell.decode(String.self))
      case .bytea:
        var buffer = try cell.decode(ByteBuffer.self)
        self = .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
      case .bool:
        self = .integer(try cell.decode(Bool.self) ? 1 : 0)
      default:
        throw RegistryError(
          .storage,
          "the column \(cell.columnName) has the PostgreSQL type \(cell.dataType), which the store does not read; cast it to BIGINT, DOUBLE PRECISION, TEXT or BYTEA in the SQL"
        )
      }
    } catch let error as RegistryError {
      throw error
    } catch {
      throw RegistryError(
        .corrupt, "the column \(cell.columnName) (\(cell.dataType)) holds bytes that do not decode: \(error)")
    }
  }
}
