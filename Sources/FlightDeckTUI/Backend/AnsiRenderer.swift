/// Renders a canvas as text with ANSI SGR colour sequences, for
/// `flightdeck render --format ansi` (and from there `aha` → HTML → PNG).
///
/// Cells hold sanitised text only, so the output's only escape sequences
/// are the SGR ones written here (ECMA-48 `CSI … m`): `38;2;r;g;b` /
/// `48;2;r;g;b` for 24-bit colours, `38;5;n` for palette entries, `39`/`49`
/// for the terminal's defaults, and `1`, `2`, `4`, `7` for bold, dim,
/// underline and reverse. Each row ends with a reset and a newline; wide
/// glyphs' continuation cells are skipped.
public enum AnsiRenderer {
  /// How colours are written.
  public enum ColorMode: Sendable {
    /// 24-bit colours as the theme states them.
    case truecolor
    /// Quantised to a palette of this many colours (256, 16 or 8).
    case palette(Int)
    /// No colour: attributes only (as with `NO_COLOR`).
    case none
  }

  /// The canvas as ANSI text.
  public static func render(_ canvas: Canvas, theme: Theme, colors: ColorMode = .truecolor) -> String {
    var out = ""
    for y in 0..<canvas.height {
      var current: CellStyle?
      for x in 0..<canvas.width {
        let cell = canvas[x, y]
        if cell.isContinuation { continue }
        if cell.style != current {
          out += sgr(cell.style, theme: theme, colors: colors)
          current = cell.style
        }
        out += cell.grapheme.isEmpty ? " " : cell.grapheme
      }
      out += "\u{1B}[0m\n"
    }
    return out
  }

  static func sgr(_ style: CellStyle, theme: Theme, colors: ColorMode) -> String {
    let e = theme.entry(for: style.role)
    var codes = ["0"]
    if style.bold || e.bold { codes.append("1") }
    if e.dim { codes.append("2") }
    if style.underline || e.underline { codes.append("4") }
    if style.reverse != e.reverse { codes.append("7") }
    if case .none = colors {
    } else {
      codes.append(color(e.foreground, background: false, colors: colors))
      codes.append(color(e.background, background: true, colors: colors))
    }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
  }

  static func color(_ c: TerminalColor, background: Bool, colors: ColorMode) -> String {
    let base = background ? 48 : 38
    switch (c, colors) {
    case (.terminalDefault, _):
      return background ? "49" : "39"
    case (.rgb(let r, let g, let b), .truecolor):
      return "\(base);2;\(r);\(g);\(b)"
    case (.indexed(let i), .truecolor):
      return "\(base);5;\(i)"
    case (_, .palette(let n)):
      let i = c.paletteIndex(colorCount: n)
      guard i >= 0 else { return background ? "49" : "39" }
      // 8 and 16 colours: the classic SGR codes (30–37/40–47, bright
      // 90–97/100–107), which every colour terminal understands.
      if n <= 16 && i < 16 {
        let offset = i < 8 ? (background ? 40 : 30) : (background ? 100 : 90)
        return String(offset + i % 8)
      }
      return "\(base);5;\(i)"
    case (_, .none):
      return background ? "49" : "39"
    }
  }
}
