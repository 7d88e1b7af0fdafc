/// A tiny canonical JSON encoder for the audit log: the before/after values of
/// entries and the text that is hashed into the chain (``AuditChain``).
///
/// It follows RFC 8785, the JSON Canonicalization Scheme (JCS), for the subset
/// FlightDeck uses: `null`, booleans, integers, strings, arrays and objects.
/// Object members are sorted by the UTF-16 code units of their keys, there is
/// no whitespace, and strings are escaped as RFC 8259 §7 requires with JCS's
/// choices: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters
/// below U+0020 as `\u00xx` (lower-case hex), everything else (including
/// non-ASCII) as literal UTF-8. Integers are written in decimal without a
/// fraction or exponent; floating-point numbers are deliberately not
/// supported, so the encoding never depends on number formatting.
public enum CanonicalJSON {
  /// A JSON value of the supported subset.
  public indirect enum Value: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
  {
    /// `null`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// An integer (64-bit).
    case integer(Int64)
    /// A string.
    case string(String)
    /// An array, in order.
    case array([Value])
    /// An object; members are sorted when encoded.
    case object([String: Value])

    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer value.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A boolean value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `null`.
    public init(nilLiteral: ()) { self = .null }

    /// `.string(s)` when `s` is non-nil, else `.null`.
    public static func optional(_ s: String?) -> Value { s.map { .string($0) } ?? .null }
  }

  /// The canonical text of `value`.
  public static func encode(_ value: Value) -> String {
    var out = ""
    write(value, into: &out)
    return out
  }

  /// The canonical text of an object with `members` (a shorthand for `encode(.object(members))`).
  public static func object(_ members: [String: Value]) -> String { encode(.object(members)) }

  /// `text` as a quoted, escaped JSON string (RFC 8259 §7, JCS escaping).
  public static func quote(_ text: String) -> String {
    var out = ""
    writeString(text, into: &out)
    return out
  }

  private static func write(_ value: Value, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .integer(let n): out += String(n)
    case .string(let s): writeString(s, into: &out)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        write(item, into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      // RFC 8785 §3.2.3: sort by the UTF-16 code units of the keys.
      let keys = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
      for (i, key) in keys.enumerated() {
        if i > 0 { out += "," }
        writeString(key, into: &out)
        out += ":"
        write(members[key] ?? .null, into: &out)
      }
      out += "}"
    }
  }

  private static func writeString(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
