import Foundation

/// Formatting of KPI figures for the terminal and the docs.
public enum KPIText {
  /// `12.5 %` (one decimal).
  public static func percent(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }

  /// `1h30m` for a duration in ms, `n/a` for `nil`.
  public static func duration(_ ms: Int64?) -> String {
    ms.map { DurationText.readable(max(0, $0)) } ?? "n/a"
  }

  /// `$0.0123` (4 decimals), `n/a` for `nil`.
  public static func usd(_ x: Double?) -> String { x.map { String(format: "$%.4f", $0) } ?? "n/a" }

  /// `$0.000123` (6 decimals, for unit costs such as per request or per 1k tokens), `n/a` for `nil`.
  public static func unitUSD(_ x: Double?) -> String { x.map { String(format: "$%.6f", $0) } ?? "n/a" }
}
