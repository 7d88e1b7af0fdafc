/// A Swift type that binds to and decodes from one ``SQLValue``: `Int64`,
/// `Int`, `Double`, `String`, `[UInt8]` and `Optional` of each.
public protocol SQLValueConvertible: Sendable {
  /// The value to bind.
  var sqlValue: SQLValue { get }
  /// Decodes `value`, or returns `nil` when it has another type (a `NULL`
  /// decodes only into an `Optional`). An integer column read as `Double`
  /// converts; nothing else converts.
  static func fromSQL(_ value: SQLValue) -> Self?
}

extension Int64: SQLValueConvertible {
  /// `.integer(self)`.
  public var sqlValue: SQLValue { .integer(self) }
  /// The integer, if `value` is one.
  public static func fromSQL(_ value: SQLValue) -> Int64? {
    if case .integer(let v) = value { return v }
    return nil
  }
}

extension Int: SQLValueConvertible {
  /// `.integer(Int64(self))`.
  public var sqlValue: SQLValue { .integer(Int64(self)) }
  /// The integer, if `value` is one (every `Int64` fits on 64-bit platforms).
  public static func fromSQL(_ value: SQLValue) -> Int? {
    if case .integer(let v) = value { return Int(exactly: v) }
    return nil
  }
}

extension Double: SQLValueConvertible {
  /// `.real(self)`.
  public var sqlValue: SQLValue { .real(self) }
  /// The number, if `value` is a real or an integer.
  public static func fromSQL(_ value: SQLValue) -> Double? {
    switch value {
    case .real(let v): v
    case .integer(let v): Double(v)
    default: nil
    }
  }
}

extension String: SQLValueConvertible {
  /// `.text(self)`.
  public var sqlValue: SQLValue { .text(self) }
  /// The text, if `value` is text.
  public static func fromSQL(_ value: SQLValue) -> String? {
    if case .text(let v) = value { return v }
    return nil
  }
}

extension Array: SQLValueConvertible where Element == UInt8 {
  /// `.blob(self)`.
  public var sqlValue: SQLValue { .blob(self) }
  /// The bytes, if `value` is a blob.
  public static func fromSQL(_ value: SQLValue) -> [UInt8]? {
    if case .blob(let v) = value { return v }
    return nil
  }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
  /// The wrapped value's, or `.null`.
  public var sqlValue: SQLValue { self?.sqlValue ?? .null }
  /// `.some(nil)` for `NULL`, else the wrapped type's decoding.
  public static func fromSQL(_ value: SQLValue) -> Wrapped?? {
    if case .null = value { return .some(nil) }
    return Wrapped.fromSQL(value).map { .some($0) }
  }
}
