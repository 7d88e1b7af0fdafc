import FlightDeckTUI

/// What one cell looks like on this terminal: palette indices and attributes.
///
/// Resolved from a ``CellStyle`` and the ``Theme`` entry for its role:
/// attributes are the union of the style's and the entry's (bold, reverse,
/// underline); colours are quantised with
/// ``TerminalColor/paletteIndex(colorCount:)``. With no colours (fewer than 8,
/// or `NO_COLOR`), both indices are -1 and the `.dim` role is drawn with
/// `A_DIM` so it stays distinguishable.
public struct CellAppearance: Sendable, Hashable {
  /// Foreground palette index; -1 = terminal default.
  public var foreground: Int
  /// Background palette index; -1 = terminal default.
  public var background: Int
  /// `A_BOLD`.
  public var bold: Bool
  /// `A_REVERSE`.
  public var reverse: Bool
  /// `A_UNDERLINE`.
  public var underline: Bool
  /// `A_DIM`.
  public var dim: Bool

  /// Creates an appearance.
  public init(
    foreground: Int = -1, background: Int = -1, bold: Bool = false, reverse: Bool = false,
    underline: Bool = false, dim: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.reverse = reverse
    self.underline = underline
    self.dim = dim
  }

  /// Resolves `style` under `theme`.
  /// - Parameters:
  ///   - colorCount: usable colours (`COLORS`, or 0 when colours are off).
  ///   - defaultColorsAllowed: whether -1 is accepted by `init_pair`
  ///     (`use_default_colors()` succeeded); if not, default foreground
  ///     becomes 7 (white) and default background 0 (black).
  public static func resolve(
    style: CellStyle, theme: Theme, colorCount: Int, defaultColorsAllowed: Bool
  ) -> CellAppearance {
    let entry = theme.entry(for: style.role)
    var result = CellAppearance(
      bold: style.bold || entry.bold, reverse: style.reverse || entry.reverse,
      underline: style.underline || entry.underline)
    guard colorCount >= 8 else {
      result.dim = style.role == .dim
      return result
    }
    var fg = entry.foreground.paletteIndex(colorCount: colorCount)
    var bg = entry.background.paletteIndex(colorCount: colorCount)
    if !defaultColorsAllowed {
      if fg < 0 { fg = 7 }
      if bg < 0 { bg = 0 }
    }
    result.foreground = fg
    result.background = bg
    return result
  }
}
