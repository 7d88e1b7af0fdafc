import FlightDeckCore
import Foundation

/// Number formatting shared by the panes (units always shown).
public enum PaneFormat {
  /// `HH:MM:SS` of `t` in UTC, e.g. `14:03:07`.
  public static func clock(_ t: Timestamp) -> String {
    let rfc = t.rfc3339  // yyyy-mm-ddTHH:MM:SS.fffZ
    let chars = Array(rfc)
    guard chars.count >= 19 else { return rfc }
    return String(chars[11..<19])
  }

  /// `n` and a noun, singular for exactly 1: `1 rotation`, `2 rotations`,
  /// `0 rotations`; `plural` defaults to the noun plus `s` (English).
  public static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? singular : (plural ?? singular + "s"))
  }

  /// A duration in ms as `250ms`, `45s`, `7m30s`, `15m`, `1h` or `1h30m`
  /// (seconds are dropped from an hour or more).
  public static func duration(ms: Int64) -> String {
    if ms < 1000 { return "\(max(0, ms))ms" }
    let s = ms / 1000
    if s < 60 { return "\(s)s" }
    let m = s / 60
    if m < 60 { return s % 60 == 0 ? "\(m)m" : "\(m)m\(s % 60)s" }
    return m % 60 == 0 ? "\(m / 60)h" : "\(m / 60)h\(m % 60)m"
  }

  /// A cost rate in USD per hour with two decimals, e.g. `$22.68/h`, or
  /// `unknown` for `nil`.
  public static func costPerHour(_ usd: Double?) -> String {
    guard let usd, usd.isFinite else { return "unknown" }
    return String(format: "$%.2f/h", usd)
  }

  /// A latency in ms: under 1 ms in microseconds with 3 significant digits
  /// (`45.4 µs`, `21.3 µs`, `215 µs`: a fast span never reads as 0 and keeps
  /// the precision its nanosecond timestamps carry), under 10 ms with one decimal (`4.2 ms`), under 1000 ms
  /// as whole ms (`820 ms`), else seconds with two decimals (`1.25 s`);
  /// `nil` (no requests) as `–`.
  public static func latency(ms: Double?) -> String {
    guard let ms, ms.isFinite else { return "–" }
    if ms < 0.9995 { return String(format: "%.3g µs", ms * 1000) }
    if ms < 9.95 { return String(format: "%.1f ms", ms) }
    if ms < 999.5 { return String(format: "%.0f ms", ms) }
    return String(format: "%.2f s", ms / 1000)
  }

  /// A latency in ms without spaces, for `replay`'s table: from 10 s in
  /// seconds with one decimal (`12.3s`), from 100 ms whole ms (`820ms`),
  /// under 1 ms microseconds with 3 significant digits (`21.3µs`: an OTLP
  /// span keeps the precision of its nanosecond timestamps), else ms with two
  /// decimals (`4.25ms`).
  public static func compactLatency(ms v: Double) -> String {
    if v >= 10_000 { return String(format: "%.1fs", v / 1000) }
    if v >= 100 { return String(format: "%.0fms", v) }
    if v < 0.9995 { return String(format: "%.3gµs", v * 1000) }
    return String(format: "%.2fms", v)
  }

  /// A fraction 0…1 as a percentage with one decimal, e.g. `0.125` → `12.5%`.
  public static func percent(_ fraction: Double) -> String {
    guard fraction.isFinite else { return "–" }
    return String(format: "%.1f%%", fraction * 100)
  }

  /// Requests per second with one decimal, e.g. `12.3`.
  public static func rate(_ perSecond: Double) -> String {
    guard perSecond.isFinite else { return "–" }
    return String(format: "%.1f", perSecond)
  }

  /// The widest a cost string may be: the cost columns are 8 cells wide.
  public static let costWidth = 8

  /// A cost in USD that always fits ``costWidth`` (8) columns: four
  /// decimals (`$0.0021`); below $0.00005 five (`$0.00004`); below
  /// $0.000005 `<$1e-5`, so a cheap model never reads as free; from $10 on
  /// fewer decimals as needed (`$12.3457`, `$123.457`, `$123457`), and
  /// past `$9999999` scientific notation (`$1.2e+08`); `unknown` for `nil`
  /// or a non-finite value.
  public static func cost(_ usd: Double?) -> String {
    guard let usd, usd.isFinite else { return "unknown" }
    if usd > 0 && usd < 0.000_005 { return "<$1e-5" }
    if usd > 0 && usd < 0.000_05 { return String(format: "$%.5f", usd) }
    return fitted(usd, decimals: 4)
  }

  /// `$` and `v` with at most `decimals` decimals, dropping decimals and
  /// then switching to `%.1e` / `%.0e` until it fits ``costWidth``.
  private static func fitted(_ v: Double, decimals: Int) -> String {
    for d in stride(from: decimals, through: 0, by: -1) {
      let s = String(format: "$%.\(d)f", v)
      if s.count <= costWidth { return s }
    }
    let one = String(format: "$%.1e", v)
    return one.count <= costWidth ? one : String(format: "$%.0e", v)
  }

  /// A cost difference in USD (a magnitude; the caller writes the sign):
  /// like ``cost(_:)`` but with five decimals below $0.001, so a delta
  /// between two sub-cent costs keeps two significant digits (`$0.00012`
  /// rather than `$0.0001`); below $0.000005 `<$1e-5`, 0 as `$0.0000`;
  /// like ``cost(_:)`` it always fits ``costWidth`` (8) columns.
  public static func costDelta(_ usd: Double) -> String {
    guard usd.isFinite else { return "unknown" }
    let v = abs(usd)
    if v > 0 && v < 0.000_005 { return "<$1e-5" }
    if v > 0 && v < 0.001 { return String(format: "$%.5f", v) }
    return fitted(v, decimals: 4)
  }
}
