/// Strict decimal numbers, for values people type: ids, counts, weights.
///
/// A whole number is one or more ASCII digits; a decimal is a whole number,
/// optionally followed by `.` and one or more digits. Nothing else: no sign
/// (`-1`, `+1`), no hexadecimal (`0x10`), no exponent (`1e2`), no `inf` or
/// `nan`, no spaces, underscores or non-ASCII digits. Swift's own
/// `Int(_:)` takes `+1` and `Double(_:)` takes `0x10`, `1e2` and `inf`,
/// which is how `approve REQ-+1` meant REQ-1 and `whatif --weight 0x10`
/// meant 16 % (issue 11).
public enum StrictDecimal {
  /// The most digits of a whole number; 18 digits always fit in `Int64`.
  public static let maximumDigits = 18

  /// `text` as a whole number, or `nil` unless it is 1 to
  /// ``maximumDigits`` ASCII digits.
  public static func wholeNumber<S: StringProtocol>(_ text: S) -> Int64? {
    let bytes = text.utf8
    guard !bytes.isEmpty, bytes.count <= maximumDigits, bytes.allSatisfy(isDigit) else { return nil }
    var value: Int64 = 0
    for b in bytes { value = value * 10 + Int64(b - 48) }
    return value
  }

  /// Whether `text` is all ASCII digits (any number of them, at least one):
  /// a whole number, though perhaps too long for ``wholeNumber(_:)``.
  public static func isDigits<S: StringProtocol>(_ text: S) -> Bool {
    !text.utf8.isEmpty && text.utf8.allSatisfy(isDigit)
  }

  /// `text` as a decimal (`12`, `12.5`, `0.05`), or `nil` when it is not
  /// digits with an optional `.digits` fraction, or is longer than 64 bytes.
  public static func decimal<S: StringProtocol>(_ text: S) -> Double? {
    guard text.utf8.count <= 64 else { return nil }
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard isDigits(parts[0]), parts.count == 1 || isDigits(parts[1]) else { return nil }
    return Double(String(text))
  }

  private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}
