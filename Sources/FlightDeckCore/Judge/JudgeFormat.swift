import Foundation

/// Number formatting shared by the judge's reasons (locale-independent, POSIX `%g`-style).
enum JudgeFormat {
  /// Integers as integers, otherwise 4 significant digits: 650, 8, 0.008, 101.8.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "+∞" : "−∞") }
    if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
    return String(format: "%.4g", value)
  }

  /// A p-value: "0.008", "0.41", "7.4e-20"; "—" when absent.
  static func pValue(_ value: Double?) -> String {
    guard let value else { return "—" }
    if value >= 0.001 { return String(format: "%.2g", value) }
    return String(format: "%.1e", value)
  }

  /// A signed percentage: "+650 %", "-3.2 %".
  static func signedPercent(_ fraction: Double) -> String {
    guard fraction.isFinite else { return fraction > 0 ? "+∞ %" : "−∞ %" }
    let text = number(fraction * 100)
    return (fraction >= 0 ? "+" : "") + text + " %"
  }
}
