/// The name of a movable pointer (alias) on an artefact: `production`,
/// `canary`, or any other alias such as `staging`, `champion`, `challenger`
/// (MLflow aliases, Langfuse labels).
///
/// Names are 1–64 characters of lower-case letters, digits, `-` and `_`,
/// starting with a letter. MLflow's stages map onto pointers: `Production` →
/// `production`, `Staging` → `staging`.
public struct PointerName: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The name.
  public let rawValue: String

  /// The pointer users are served from; moving it needs a promotion request
  /// (and the approvals of the risk policy) or a rollback.
  public static let production = PointerName(unchecked: "production")
  /// The pointer for the version under canary.
  public static let canary = PointerName(unchecked: "canary")

  /// Validates and creates a pointer name.
  /// - Throws: ``RegistryError`` (`.invalidInput`, field `pointer`) when the name breaks the rule above.
  public init(_ name: String) throws {
    guard PointerName.isValid(name) else {
      throw RegistryError(
        .invalidInput(field: "pointer"),
        "pointer name \"\(RegistryNames.quoted(name))\" is not valid: use 1–64 lower-case letters, digits, - or _, starting with a letter"
      )
    }
    rawValue = name
  }

  init(unchecked name: String) { rawValue = name }

  /// Whether `name` is a valid pointer name.
  public static func isValid(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard (1...64).contains(bytes.count), let first = bytes.first,
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
    else { return false }
    return bytes.allSatisfy { b in
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
        || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }
  }

  /// Production first, then canary, then the rest alphabetically.
  public static func < (a: PointerName, b: PointerName) -> Bool {
    func rank(_ p: PointerName) -> Int { p == .production ? 0 : (p == .canary ? 1 : 2) }
    return (rank(a), a.rawValue) < (rank(b), b.rawValue)
  }

  /// The name, e.g. `production`.
  public var description: String { rawValue }

  /// Decodes a name from a string, checked like ``init(_:)``.
  /// - Throws: `DecodingError` when the value is not a string; ``RegistryError``
  ///   (`.invalidInput`) when the name breaks the rule.
  public init(from decoder: any Decoder) throws {
    try self.init(decoder.singleValueContainer().decode(String.self))
  }

  /// Encodes the name as a string.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(rawValue)
  }
}
