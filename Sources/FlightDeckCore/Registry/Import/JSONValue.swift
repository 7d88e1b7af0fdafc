/// A parsed JSON value, for reading documents whose shape varies (MLflow's
/// REST and export files) and reporting errors by field path.
///
/// Numbers keep their integer form when they have one (`15` is `.integer(15)`,
/// `1.5` is `.number(1.5)`), so epoch-ms timestamps stay exact.
public enum JSONValue: Sendable, Hashable, Decodable {
  /// `null`.
  case null
  /// `true` / `false`.
  case bool(Bool)
  /// An integer that fits in 64 bits.
  case integer(Int64)
  /// Any other number.
  case number(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object (member order is not kept).
  case object([String: JSONValue])

  /// Decodes any JSON value.
  /// - Throws: `DecodingError` when the value is none of the JSON types.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let i = try? c.decode(Int64.self) {
      self = .integer(i)
    } else if let d = try? c.decode(Double.self) {
      self = .number(d)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  /// The members, when an object.
  public var object: [String: JSONValue]? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// The elements, when an array.
  public var array: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// The text, when a string.
  public var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// Whether this is `null`.
  public var isNull: Bool { self == .null }

  /// The JSON type's name, for error messages (`a string`, `an object`…).
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .integer, .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}
