import Foundation

/// Parsing of durations such as `"250ms"`, `"90s"`, `"4m"`, `"1h"` (scenarios, `--since`, `--window`, config).
///
/// A duration is one or more `<number><unit>` parts, summed: `"1m30s"` is
/// 90 000 ms. Numbers may have a fraction (`"1.5s"`); units are `ms`, `s`,
/// `m` (minutes), `h` and `d` (days). No sign, no spaces, no bare numbers (a bare number
/// would leave the unit ambiguous).
public enum DurationText {
  /// The duration in whole milliseconds (rounded to nearest), or `nil` when
  /// `text` is not a valid duration.
  public static func milliseconds(_ text: String) -> Int64? {
    var total = 0.0
    var rest = Substring(text)
    guard !rest.isEmpty else { return nil }
    while !rest.isEmpty {
      let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
      guard !number.isEmpty, let value = Double(number) else { return nil }
      rest = rest.dropFirst(number.count)
      let unit = rest.prefix { $0.isASCII && $0.isLetter }
      rest = rest.dropFirst(unit.count)
      let scale: Double
      switch unit {
      case "ms": scale = 1
      case "s": scale = 1000
      case "m": scale = 60_000
      case "h": scale = 3_600_000
      case "d": scale = 86_400_000
      default: return nil
      }
      total += value * scale
    }
    guard total.isFinite, total < 9.0e15 else { return nil }
    return Int64(total.rounded())
  }

  /// `ms` as the shortest duration text that parses back to it:
  /// `"744h"`, `"90s"`, `"1m30s"`, `"250ms"`.
  public static func format(_ ms: Int64) -> String {
    guard ms > 0 else { return "0s" }
    var rest = ms
    var out = ""
    for (unit, size) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000), ("ms", 1)] where rest >= size {
      out += "\(rest / size)\(unit)"
      rest %= size
    }
    return out
  }

  /// `ms` for people rather than parsers: `"156ms"` under a second, `"4.2s"`
  /// under ten seconds, whole seconds above (`"2m12s"`, `"1h5s"`) — the
  /// milliseconds of a two-minute incident are noise.
  public static func readable(_ ms: Int64) -> String {
    guard ms >= 1000 else { return "\(max(0, ms))ms" }
    if ms < 10_000 { return String(format: "%.1fs", Double(ms) / 1000) }
    return format((ms + 500) / 1000 * 1000)
  }
}
