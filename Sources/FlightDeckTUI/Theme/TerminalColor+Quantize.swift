extension TerminalColor {
  /// The palette index to use on a terminal with `colorCount` colours, or
  /// `-1` for the terminal's default colour.
  ///
  /// - 256 or more: `rgb` maps to the nearest entry of the xterm 6×6×6 cube
  ///   (levels 0, 95, 135, 175, 215, 255) or the 24-step grey ramp (232–255),
  ///   whichever is closer in squared RGB distance (btop's `lowcolor`).
  /// - 16: nearest of the 16 ANSI colours (xterm's default RGB values).
  /// - 8: nearest of the first 8 ANSI colours.
  /// - On 16 and 8 colours a grey (channels within 24 of each other) maps to
  ///   the nearest of the palette's greys, never to a hue.
  /// - fewer than 8 (monochrome): always `-1`.
  /// Indexed colours above the terminal's range are reduced the same way via
  /// their xterm RGB value.
  public func paletteIndex(colorCount: Int) -> Int {
    switch self {
    case .terminalDefault:
      return -1
    case .indexed(let i):
      if colorCount < 8 { return -1 }
      if Int(i) < colorCount { return Int(i) }
      let (r, g, b) = TerminalColor.xtermRGB(Int(i))
      return TerminalColor.rgb(r, g, b).paletteIndex(colorCount: colorCount)
    case .rgb(let r, let g, let b):
      if colorCount < 8 { return -1 }
      let limit = colorCount >= 256 ? 256 : (colorCount >= 16 ? 16 : 8)
      let start = limit == 256 ? 16 : 0
      // On 8 and 16 colours a grey must stay grey: plain RGB distance ties a
      // mid grey with yellow, magenta and cyan, so greys choose among the
      // palette's greys only (black, white, bright black, bright white).
      let isGrey = max(r, g, b) - min(r, g, b) < 24
      let candidates: [Int] =
        limit < 256 && isGrey ? (limit == 16 ? [0, 7, 8, 15] : [0, 7]) : Array(start..<limit)
      var best = 0
      var bestDistance = Int.max
      for i in candidates {
        let (pr, pg, pb) = TerminalColor.xtermRGB(i)
        let dr = Int(r) - Int(pr)
        let dg = Int(g) - Int(pg)
        let db = Int(b) - Int(pb)
        let d = dr * dr + dg * dg + db * db
        if d < bestDistance {
          bestDistance = d
          best = i
        }
      }
      return best
    }
  }

  /// The RGB value xterm uses for palette entry `index` (0–255).
  public static func xtermRGB(_ index: Int) -> (UInt8, UInt8, UInt8) {
    let ansi: [(UInt8, UInt8, UInt8)] = [
      (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
      (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
      (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    if index < 16 { return ansi[max(0, index)] }
    if index >= 232 {
      let v = UInt8(8 + (index - 232) * 10)
      return (v, v, v)
    }
    let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
    let n = index - 16
    return (levels[n / 36], levels[(n / 6) % 6], levels[n % 6])
  }
}
