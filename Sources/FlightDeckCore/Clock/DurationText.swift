import Foundation

/// The one duration grammar of FlightDeck's command-line options and
/// configuration fields (`--since 1w`, `silence add --for 1.5h`,
/// `window = "15m"`, scenarios): `"250ms"`, `"90s"`, `"1h30m"`, `"1.5h"`, `"2w"`.
///
/// A duration is one or more `<number><unit>` parts, summed, with units from
/// largest to smallest and each at most once — Prometheus'
/// `model.ParseDuration` order
/// (<https://prometheus.io/docs/prometheus/latest/configuration/configuration/#duration>):
/// `y` (365 days), `w` (7 days), `d`, `h`, `m` (minutes), `s`, `ms`. A number
/// may have a fraction (`1.5h`), which Prometheus does not take; `0` alone is
/// zero. No sign, no spaces, no other bare number (its unit would be
/// ambiguous). So every Prometheus duration is a FlightDeck duration with the
/// same value. Prometheus' own files — alert rule files and their
/// expressions' range selectors — keep Prometheus' stricter grammar
/// (``AlertDuration``: whole numbers only), so a rule file FlightDeck accepts
/// is one `promtool check rules` accepts.
public enum DurationText {
  /// The units, largest first, with their length in ms.
  static let units: [(name: String, ms: Double)] = [
    ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000),
    ("s", 1000), ("ms", 1),
  ]

  /// How the grammar is described in error messages.
  public static let syntaxDescription =
    "numbers with units y, w, d, h, m, s or ms, largest first, e.g. 90s, 15m, 1.5h, 1h30m, 2w"

  /// The duration in whole milliseconds (rounded to nearest), or `nil` when
  /// `text` is not a valid duration (bad syntax, units out of order or
  /// repeated, or 9×10¹⁵ ms and more).
  public static func milliseconds(_ text: String) -> Int64? {
    if text == "0" { return 0 }
    var total = 0.0
    var rest = Substring(text)
    guard !rest.isEmpty else { return nil }
    var lastUnit = -1
    while !rest.isEmpty {
      let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
      guard !number.isEmpty, number.first != ".", number.last != ".", let value = Double(number) else {
        return nil
      }
      rest = rest.dropFirst(number.count)
      let unit = rest.prefix { $0.isASCII && $0.isLetter }
      rest = rest.dropFirst(unit.count)
      guard let index = units.firstIndex(where: { $0.name == unit }), index > lastUnit else { return nil }
      lastUnit = index
      total += value * units[index].ms
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
