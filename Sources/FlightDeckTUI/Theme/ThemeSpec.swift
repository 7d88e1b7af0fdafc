/// The flat key → value form of a theme file, before it becomes a ``Theme``.
///
/// Keys and their meaning are listed in `Themes.md` (FlightDeckCore docs).
struct ThemeSpec: Sendable, Hashable {
  /// Single-colour keys (`background`, `text`, … `cost_end`).
  var colors: [String: TerminalColor]
  /// The six `series` colours.
  var series: [TerminalColor]
  /// Attribute switches, keyed `<role key>_<attribute>` (e.g. `critical_bold`).
  var attributes: [String: Bool]

  /// Keys holding one colour.
  static let colorKeys: [String] = [
    "background", "text", "dim", "border", "border_focus", "title", "selection_bg", "selection_fg", "ok",
    "warn", "critical", "stable", "canary", "shadow", "header_bg", "header_fg", "footer_key", "latency_start",
    "latency_mid", "latency_end", "cost_start", "cost_mid", "cost_end",
  ]

  /// Role keys that accept attributes, and the roles they set.
  static let attributeRoles: [String: [StyleRole]] = [
    "text": [.text], "dim": [.dim], "border": [.border], "border_focus": [.borderFocus], "title": [.title],
    "selection": [.selection], "ok": [.ok], "warn": [.warn], "critical": [.critical], "stable": [.stable],
    "canary": [.canary], "shadow": [.shadow], "header": [.header], "footer_key": [.footerKey],
    "series0": [.series0], "series1": [.series1], "series2": [.series2], "series3": [.series3],
    "series4": [.series4], "series5": [.series5],
  ]

  /// Attribute suffixes: `_bold`, `_reverse`, `_underline`, `_dim`.
  static let attributeNames = ["bold", "reverse", "underline", "dim"]

  /// Number of colours `series` must hold.
  static let seriesCount = 6

  /// Splits an attribute key such as `border_focus_bold` into
  /// (`border_focus`, `bold`), or `nil` when it is not one.
  static func attributeKey(_ key: String) -> (role: String, attribute: String)? {
    for attribute in attributeNames where key.hasSuffix("_" + attribute) {
      let role = String(key.dropLast(attribute.count + 1))
      if attributeRoles[role] != nil { return (role, attribute) }
    }
    return nil
  }

  /// The theme these values describe.
  func makeTheme(name: String) -> Theme {
    func color(_ key: String) -> TerminalColor { colors[key] ?? .terminalDefault }
    let bg = color("background")
    func fg(_ key: String) -> Theme.Entry { Theme.Entry(foreground: color(key), background: bg) }
    var entries: [StyleRole: Theme.Entry] = [
      .text: fg("text"), .dim: fg("dim"), .border: fg("border"), .borderFocus: fg("border_focus"),
      .title: fg("title"), .ok: fg("ok"), .warn: fg("warn"), .critical: fg("critical"),
      .stable: fg("stable"), .canary: fg("canary"), .shadow: fg("shadow"), .footerKey: fg("footer_key"),
      .selection: Theme.Entry(foreground: color("selection_fg"), background: color("selection_bg")),
      .header: Theme.Entry(foreground: color("header_fg"), background: color("header_bg")),
    ]
    let seriesRoles: [StyleRole] = [.series0, .series1, .series2, .series3, .series4, .series5]
    for (i, role) in seriesRoles.enumerated() {
      entries[role] = Theme.Entry(foreground: i < series.count ? series[i] : .terminalDefault, background: bg)
    }
    let latency = ThemeSpec.expand(color("latency_start"), color("latency_mid"), color("latency_end"))
    let cost = ThemeSpec.expand(color("cost_start"), color("cost_mid"), color("cost_end"))
    let latencyRoles: [StyleRole] = [.latency0, .latency1, .latency2, .latency3, .latency4]
    let costRoles: [StyleRole] = [.cost0, .cost1, .cost2, .cost3, .cost4]
    for i in 0..<Theme.gradientSteps {
      entries[latencyRoles[i]] = Theme.Entry(foreground: latency[i], background: bg)
      entries[costRoles[i]] = Theme.Entry(foreground: cost[i], background: bg)
    }
    for (roleKey, roles) in ThemeSpec.attributeRoles {
      for role in roles {
        guard var e = entries[role] else { continue }
        e.bold = attributes[roleKey + "_bold"] ?? false
        e.reverse = attributes[roleKey + "_reverse"] ?? false
        e.underline = attributes[roleKey + "_underline"] ?? false
        e.dim = attributes[roleKey + "_dim"] ?? false
        entries[role] = e
      }
    }
    return Theme(name: name, entries: entries, latencyGradient: latency, costGradient: cost)
  }

  /// Pre-expands a three-stop gradient to ``Theme/gradientSteps`` colours at
  /// t = 0, ¼, ½, ¾, 1 (btop pre-expands to 101 steps; 5 suffice for cells).
  ///
  /// Between two RGB-capable stops the channels are interpolated linearly and
  /// rounded; if either stop is the terminal default, the nearer stop is
  /// used (ties to the later one).
  static func expand(_ start: TerminalColor, _ mid: TerminalColor, _ end: TerminalColor) -> [TerminalColor] {
    (0..<Theme.gradientSteps).map { i in
      let t = Double(i) / Double(Theme.gradientSteps - 1)
      return t <= 0.5 ? mix(start, mid, t * 2) : mix(mid, end, (t - 0.5) * 2)
    }
  }

  /// `a` → `b` at `u` in 0…1 (see ``expand(_:_:_:)``).
  static func mix(_ a: TerminalColor, _ b: TerminalColor, _ u: Double) -> TerminalColor {
    if u <= 0 { return a }
    if u >= 1 { return b }
    guard let (ar, ag, ab) = a.rgbComponents, let (br, bg, bb) = b.rgbComponents else {
      return u < 0.5 ? a : b
    }
    func lerp(_ x: UInt8, _ y: UInt8) -> UInt8 {
      UInt8(min(255, max(0, (Double(x) + (Double(y) - Double(x)) * u).rounded())))
    }
    return .rgb(lerp(ar, br), lerp(ag, bg), lerp(ab, bb))
  }
}
