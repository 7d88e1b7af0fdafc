import Foundation

/// Number formatting for gate reports: one place so the terminal, JUnit XML
/// and the stored record agree.
public enum GateNumber {
  /// A value for people: up to 6 significant digits, no trailing zeros
  /// (C `%.6g`): `0.75`, `0.645833`, `8.1e-06`, `864`.
  public static func text(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
    return String(format: "%.6g", value)
  }

  /// A value for the canonical record: Swift's shortest round-trip decimal
  /// (`0.95`, `0.6458333333333333`, `1e-05`), which `Double(_:)` reads back
  /// to the same double. Stored as a JSON string because ``CanonicalJSON``
  /// deliberately has no floating-point numbers.
  public static func canonical(_ value: Double) -> String { value.description }
}
