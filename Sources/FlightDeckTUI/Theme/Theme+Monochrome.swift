extension Theme {
  /// This theme with every colour set to the terminal default and every
  /// role given fixed attributes, so states stay distinguishable without
  /// colour (for `NO_COLOR`, https://no-color.org, and terminals with fewer
  /// than 8 colours).
  ///
  /// | role | attributes |
  /// |---|---|
  /// | ok, stable(plain), text | none / bold for stable |
  /// | warn | underline |
  /// | critical | bold + reverse |
  /// | canary | bold + underline |
  /// | shadow, dim, border | dim |
  /// | selection | reverse |
  /// | title, border_focus, footer_key | bold |
  /// | header | bold + underline |
  /// | series 0–5 | none, bold, underline, dim, bold + underline, bold + dim |
  ///
  /// ok, warn, critical, stable, canary, shadow and selection all differ.
  /// Gradient roles become plain. The name becomes `mono`; the result equals
  /// `themes/mono.toml`.
  public func withoutColor() -> Theme {
    var entries: [StyleRole: Entry] = [:]
    for role in StyleRole.allCases { entries[role] = Entry() }
    func set(
      _ roles: [StyleRole], bold: Bool = false, reverse: Bool = false, underline: Bool = false,
      dim: Bool = false
    ) {
      for role in roles {
        entries[role] = Entry(bold: bold, reverse: reverse, underline: underline, dim: dim)
      }
    }
    set([.stable, .title, .borderFocus, .footerKey, .series1], bold: true)
    set([.warn, .series2], underline: true)
    set([.critical], bold: true, reverse: true)
    set([.canary, .header, .series4], bold: true, underline: true)
    set([.shadow, .dim, .border, .series3], dim: true)
    set([.selection], reverse: true)
    set([.series5], bold: true, dim: true)
    return Theme(name: "mono", entries: entries)
  }

  /// The monochrome theme (``withoutColor()`` of the built-in default).
  public static let monochrome: Theme = ThemeLoader.builtInDefault.withoutColor()

  /// Whether to draw without colour: `NO_COLOR` is set to a non-empty value
  /// (https://no-color.org) or the terminal has fewer than 8 colours.
  ///
  /// - Parameters:
  ///   - colorCount: the terminal's colour count (curses `COLORS`).
  ///   - environment: the process environment.
  public static func needsMonochrome(colorCount: Int, environment: [String: String]) -> Bool {
    if let v = environment["NO_COLOR"], !v.isEmpty { return true }
    return colorCount < 8
  }
}
