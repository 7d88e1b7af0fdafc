/// A compact bar sparkline: one cell column per sample, bottom-aligned
/// eighth blocks (``Symbols/verticalEighths``), newest sample at the right.
///
/// With `R` rows a value fills `round((v − lo)/(hi − lo) × 8R)` eighths from
/// the bottom, at least 1 for a value above `lo`; `nil` and values ≤ `lo`
/// draw nothing. With more samples than columns, only the most recent show.
public struct Sparkline: Sendable {
  /// Samples, oldest first; `nil` is a gap.
  public var values: [Double?]
  /// The value range; `nil` = `0 … max` of the values (1 when all ≤ 0).
  public var range: ClosedRange<Double>?
  /// Style of the bars.
  public var style: CellStyle
  /// Glyph tables.
  public var symbols: Symbols

  /// Creates a sparkline.
  public init(
    values: [Double?], range: ClosedRange<Double>? = nil, style: CellStyle = .plain,
    symbols: Symbols = .braille
  ) {
    self.values = values
    self.range = range
    self.style = style
    self.symbols = symbols
  }

  /// Draws into `area`.
  public func render(into canvas: inout Canvas, area: Rect) {
    guard !area.isEmpty else { return }
    let present = values.compactMap { $0 }.filter(\.isFinite)
    let top = present.max() ?? 0
    let r = range ?? 0...(top > 0 ? top : 1)
    let span = r.upperBound - r.lowerBound
    let eighths = area.height * 8
    let shown = Array(values.suffix(area.width))
    let start = area.maxX - shown.count
    for (i, value) in shown.enumerated() {
      guard let v = value, v.isFinite, v > r.lowerBound, span > 0 else { continue }
      let filled = max(1, min(eighths, Int(((v - r.lowerBound) / span * Double(eighths)).rounded())))
      for row in 0..<area.height {
        let inCell = min(8, max(0, filled - row * 8))
        guard inCell > 0 else { continue }
        let glyph = symbols.verticalEighths[inCell]
        canvas.setCell(
          Cell(grapheme: String(glyph), width: 1, style: style), x: start + i, y: area.maxY - 1 - row)
      }
    }
  }
}
