/// Durations in Prometheus syntax: `30s`, `5m`, `1h`, `3d`, `1h30m`, `250ms`.
///
/// One or more `<integer><unit>` parts with units from largest to smallest,
/// each at most once: `y` (365 d), `w` (7 d), `d`, `h`, `m`, `s`, `ms` — the
/// grammar of Prometheus' `model.ParseDuration`
/// (<https://prometheus.io/docs/prometheus/latest/configuration/configuration/#duration>).
/// `0` alone means zero. No fractions, no signs, no spaces.
public enum AlertDuration {
  private static let units: [(String, Int64)] = [
    ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000),
    ("s", 1000), ("ms", 1),
  ]

  /// The duration in milliseconds, or `nil` when `text` is not a Prometheus duration.
  public static func milliseconds(_ text: String) -> Int64? {
    if text == "0" { return 0 }
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return nil }
    var i = 0
    var total: Int64 = 0
    var lastUnit = -1
    while i < bytes.count {
      var value: Int64 = 0
      let start = i
      while i < bytes.count, (48...57).contains(bytes[i]) {
        let (m, o1) = value.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(Int64(bytes[i] - 48))
        guard !o1, !o2 else { return nil }
        value = a
        i += 1
      }
      guard i > start, i < bytes.count else { return nil }
      var unit = ""
      while i < bytes.count, (97...122).contains(bytes[i]) {
        unit.append(Character(UnicodeScalar(bytes[i])))
        i += 1
      }
      guard let index = units.firstIndex(where: { $0.0 == unit }), index > lastUnit else { return nil }
      lastUnit = index
      let (part, o3) = value.multipliedReportingOverflow(by: units[index].1)
      let (sum, o4) = total.addingReportingOverflow(part)
      guard !o3, !o4 else { return nil }
      total = sum
    }
    return total
  }

  /// `ms` in the shortest Prometheus form that parses back to it: `5m`,
  /// `1h30m`, `3d`, `250ms`; `0s` for zero.
  public static func format(_ ms: Int64) -> String {
    guard ms > 0 else { return "0s" }
    var rest = ms
    var out = ""
    for (unit, size) in units where unit != "y" && unit != "w" && rest >= size {
      out += "\(rest / size)\(unit)"
      rest %= size
    }
    return out
  }
}
