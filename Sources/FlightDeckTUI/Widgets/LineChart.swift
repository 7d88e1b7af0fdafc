import Foundation

/// A time-series chart of one or more series, drawn with the 5×5 glyph
/// tables of ``Symbols`` (btop's graphs): each cell column holds two
/// consecutive samples and each cell row four dot levels.
///
/// Layout inside the area: y-axis labels (right-aligned, ``StyleRole/dim``)
/// on the left for the top and bottom of the range, then one space; the
/// x-axis labels on the last row when ``xLabels`` is non-empty and the area
/// has at least 2 rows; the plot takes the rest.
///
/// Scaling: with `R` plot rows there are `4R` levels. A present value `v`
/// in range `lo…hi` fills `1 + round((v − lo)/(hi − lo) × (4R − 1))` levels
/// from the bottom (clamped to 1…4R), so the lowest value still shows a
/// baseline dot and a `nil` (a gap) shows nothing. Samples are right-aligned:
/// the newest sample is the right half of the last column; with more
/// samples than `2 × columns`, only the most recent are shown.
///
/// Overlap: series are drawn in order and a later series overwrites an
/// earlier one in every cell where it has at least one dot.
///
/// x axis: either ``xTicks`` (labels pinned to samples, counted back from
/// the newest; preferred) or ``xLabels`` (spread evenly over the plot).
public struct LineChart: Sendable {
  /// An x-axis label pinned to a sample.
  public struct XTick: Sendable, Hashable {
    /// Samples back from the newest (0 = the newest sample, at the right edge).
    public var stepsBack: Int
    /// Label text, e.g. `-7m30s` (sanitised when drawn).
    public var label: String

    /// Creates a tick.
    public init(stepsBack: Int, label: String) {
      self.stepsBack = stepsBack
      self.label = label
    }
  }

  /// One line: values oldest first, and a style.
  public struct Series: Sendable, Hashable {
    /// Name (for legends drawn by the caller).
    public var name: String
    /// Samples, oldest first, one per time step; `nil` is a gap.
    public var values: [Double?]
    /// Style of the glyphs (usually ``StyleRole/series0`` … `series5`).
    public var style: CellStyle

    /// Creates a series.
    public init(name: String, values: [Double?], style: CellStyle) {
      self.name = name
      self.values = values
      self.style = style
    }
  }

  /// The series, drawn in order (later ones win where they overlap).
  public var series: [Series]
  /// The y range; `nil` = `0 … niceCeiling(max value)`.
  public var yRange: ClosedRange<Double>?
  /// Formats a y value for the axis, with its unit (e.g. `"1.2 s"`).
  public var yLabel: @Sendable (Double) -> String
  /// x-axis labels, spread evenly from the left to the right edge of the
  /// plot (e.g. `["-15m", "-10m", "-5m", "now"]`).
  public var xLabels: [String]
  /// Glyph tables.
  public var symbols: Symbols
  /// x-axis ticks, oldest first; when non-empty they replace ``xLabels``.
  /// The oldest tick is left-aligned under its sample's column, the newest
  /// right-aligned at its column, the others centred; a tick whose sample is
  /// not drawn, or whose label would overlap the previous one, is skipped.
  public var xTicks: [XTick] = []
  /// Width of the y-axis label column; `nil` = the wider of the two labels.
  /// Charts stacked in one pane pass the same width so their plots (and
  /// x labels) line up.
  public var yLabelWidth: Int?

  /// The display width of this chart's y labels (top and bottom of the range).
  public func naturalYLabelWidth() -> Int {
    let range = effectiveRange()
    return max(
      DisplayWidth.of(Sanitizer.sanitize(yLabel(range.upperBound))),
      DisplayWidth.of(Sanitizer.sanitize(yLabel(range.lowerBound))))
  }

  /// The plot's width in cells for an area `areaWidth` wide with y labels
  /// `labelWidth` wide (plus one gap column); the labels are dropped when
  /// they would leave no plot.
  public static func plotWidth(areaWidth: Int, labelWidth: Int) -> Int {
    labelWidth + 1 >= areaWidth ? max(0, areaWidth) : areaWidth - labelWidth - 1
  }

  /// The plot column (0-based from the plot's left) of the sample
  /// `stepsBack` samples before the newest, in a plot `plotWidth` cells wide
  /// (two samples per cell, right-aligned); `nil` when it is not drawn.
  public static func column(stepsBack: Int, plotWidth: Int) -> Int? {
    let slot = 2 * plotWidth - 1 - stepsBack
    guard stepsBack >= 0, slot >= 0 else { return nil }
    return slot / 2
  }

  /// Creates a chart.
  public init(
    series: [Series], yRange: ClosedRange<Double>? = nil, xLabels: [String] = [],
    symbols: Symbols = .braille, yLabel: @escaping @Sendable (Double) -> String = LineChart.defaultLabel
  ) {
    self.series = series
    self.yRange = yRange
    self.xLabels = xLabels
    self.symbols = symbols
    self.yLabel = yLabel
  }

  /// Default axis label: up to 3 significant digits (`%.3g`).
  public static func defaultLabel(_ v: Double) -> String { String(format: "%.3g", v) }

  /// The smallest "nice" number ≥ `v`: 1, 2, 2.5 or 5 times a power of ten.
  ///
  /// - Returns: 1 for `v ≤ 0` or non-finite `v`.
  public static func niceCeiling(_ v: Double) -> Double {
    guard v.isFinite, v > 0 else { return 1 }
    let magnitude = pow(10, (log10(v)).rounded(.down))
    for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= v * (1 - 1e-12) {
      return step * magnitude
    }
    return 10 * magnitude
  }

  /// The y range used for drawing: ``yRange`` or `0 … niceCeiling(max)`.
  public func effectiveRange() -> ClosedRange<Double> {
    if let yRange { return yRange }
    let maxValue = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite).max() ?? 0
    return 0...LineChart.niceCeiling(maxValue)
  }

  /// Number of dot levels (`1…levels`) a value fills, or 0 for `nil` and
  /// non-finite values (see the type's scaling rule).
  public static func level(of value: Double?, range: ClosedRange<Double>, levels: Int) -> Int {
    guard let value, value.isFinite, levels > 0 else { return 0 }
    let span = range.upperBound - range.lowerBound
    let fraction = span > 0 ? (value - range.lowerBound) / span : 0
    let raw = 1 + (fraction * Double(levels - 1)).rounded()
    return Int(min(Double(levels), max(1, raw)))
  }

  /// Draws the chart into `area`.
  public func render(into canvas: inout Canvas, area: Rect) {
    guard !area.isEmpty else { return }
    let range = effectiveRange()
    let hasX = (!xLabels.isEmpty || !xTicks.isEmpty) && area.height >= 2
    let plotHeight = area.height - (hasX ? 1 : 0)
    let top = Sanitizer.sanitize(yLabel(range.upperBound))
    let bottom = Sanitizer.sanitize(yLabel(range.lowerBound))
    var labelWidth = yLabelWidth ?? max(DisplayWidth.of(top), DisplayWidth.of(bottom))
    if labelWidth + 1 >= area.width { labelWidth = 0 }
    let plot = Rect(
      x: area.x + (labelWidth > 0 ? labelWidth + 1 : 0), y: area.y,
      width: area.width - (labelWidth > 0 ? labelWidth + 1 : 0), height: plotHeight)
    if labelWidth > 0 {
      let dim = CellStyle(.dim)
      canvas.put(
        TextClip.fit(top, width: labelWidth, alignment: .right), x: area.x, y: plot.y, maxWidth: labelWidth,
        style: dim)
      if plot.height >= 2 {
        canvas.put(
          TextClip.fit(bottom, width: labelWidth, alignment: .right), x: area.x, y: plot.maxY - 1,
          maxWidth: labelWidth, style: dim)
      }
    }
    if hasX {
      if xTicks.isEmpty {
        drawXLabels(into: &canvas, plot: plot, y: area.maxY - 1)
      } else {
        drawXTicks(into: &canvas, plot: plot, y: area.maxY - 1)
      }
    }
    guard !plot.isEmpty else { return }
    let levels = plot.height * 4
    let samples = plot.width * 2
    for s in series {
      let shown = Array(s.values.suffix(samples))
      let pad = samples - shown.count
      for column in 0..<plot.width {
        let li = column * 2 - pad
        let ri = li + 1
        let left = li >= 0 ? LineChart.level(of: shown[li], range: range, levels: levels) : 0
        let right = ri >= 0 ? LineChart.level(of: shown[ri], range: range, levels: levels) : 0
        for row in 0..<plot.height {
          let base = (plot.height - 1 - row) * 4
          let l = min(4, max(0, left - base))
          let r = min(4, max(0, right - base))
          guard l > 0 || r > 0 else { continue }
          let glyph = symbols.graphGlyph(left: l, right: r)
          canvas.setCell(
            Cell(grapheme: String(glyph), width: 1, style: s.style), x: plot.x + column, y: plot.y + row)
        }
      }
    }
  }

  private func drawXTicks(into canvas: inout Canvas, plot: Rect, y: Int) {
    let style = CellStyle(.dim)
    var nextFree = plot.x
    for (i, tick) in xTicks.enumerated() {
      guard let column = LineChart.column(stepsBack: tick.stepsBack, plotWidth: plot.width) else { continue }
      let label = Sanitizer.sanitize(tick.label)
      let w = DisplayWidth.of(label)
      let anchor = plot.x + column
      var x: Int
      if i == xTicks.count - 1 {
        x = anchor - w + 1
      } else if i == 0 {
        x = anchor
      } else {
        x = anchor - w / 2
      }
      x = max(x, plot.x)
      guard x >= nextFree, x + w <= plot.maxX else { continue }
      canvas.put(label, x: x, y: y, maxWidth: w, style: style)
      nextFree = x + w + 1
    }
  }

  private func drawXLabels(into canvas: inout Canvas, plot: Rect, y: Int) {
    let labels = xLabels.map(Sanitizer.sanitize)
    let style = CellStyle(.dim)
    let n = labels.count
    var nextFree = plot.x
    for (i, label) in labels.enumerated() {
      let w = DisplayWidth.of(label)
      let anchor = n == 1 ? plot.maxX - 1 : plot.x + (i * (plot.width - 1) + (n - 1) / 2) / (n - 1)
      var x: Int
      if i == n - 1 && n > 1 || n == 1 {
        x = anchor - w + 1
      } else if i == 0 {
        x = anchor
      } else {
        x = anchor - w / 2
      }
      x = max(x, nextFree, plot.x)
      guard x + w <= plot.maxX else { continue }
      canvas.put(label, x: x, y: y, maxWidth: w, style: style)
      nextFree = x + w + 1
    }
  }
}
