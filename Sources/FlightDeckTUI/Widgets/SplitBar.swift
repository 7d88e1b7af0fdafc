/// A one-row bar split into segments, e.g. the traffic weights of a
/// deployment: stable 85 % / canary 10 % / shadow 5 %.
///
/// Widths come from ``widths(shares:total:)`` (largest remainder method), so
/// they sum exactly to the bar width and every segment with a positive share
/// gets at least one cell when the bar has room for all of them. Segment
/// cells are spaces in the segment's style with reverse video (so the colour
/// shows as a solid block), with `label pct%` (or just `pct%`) written
/// inside when it fits and leaves a blank column before the next segment.
/// With two or more rows, a legend `label pct%` per segment follows on the
/// second row.
public struct SplitBar: Sendable {
  /// One part of the bar.
  public struct Segment: Sendable, Hashable {
    /// Label, e.g. `"canary"` (untrusted; sanitised when drawn).
    public var label: String
    /// Share as a non-negative weight (e.g. a traffic weight in %); shares
    /// are normalised by their sum. Negative or NaN counts as 0.
    public var share: Double
    /// Style of the segment (usually role ``StyleRole/stable``,
    /// ``StyleRole/canary`` or ``StyleRole/shadow``).
    public var style: CellStyle

    /// Creates a segment.
    public init(label: String, share: Double, style: CellStyle) {
      self.label = label
      self.share = share
      self.style = style
    }
  }

  /// The segments, left to right.
  public var segments: [Segment]
  /// Glyph tables (ellipsis for clipped labels).
  public var symbols: Symbols
  /// Whether the legend row lists only the segments whose full
  /// `label pct%` did not fit inside the bar (so it never repeats what the
  /// bar already says); `false` lists every segment.
  public var legendOnlyClipped = false

  /// Creates a split bar.
  public init(segments: [Segment], symbols: Symbols = .braille) {
    self.segments = segments
    self.symbols = symbols
  }

  /// Cell widths for `shares` across `total` cells (largest remainder /
  /// Hamilton method).
  ///
  /// Each positive share gets at least one cell: a zero-width positive
  /// segment takes one cell from the currently widest segment (wider than
  /// 1). When `total` is smaller than the number of positive shares, the
  /// largest shares (earlier on ties) get one cell each.
  /// - Returns: widths (≥ 0) summing to `max(0, total)`, or all 0 when no
  ///   share is positive.
  public static func widths(shares: [Double], total: Int) -> [Int] {
    let clean = shares.map { $0.isFinite && $0 > 0 ? $0 : 0 }
    let sum = clean.reduce(0, +)
    guard total > 0, sum > 0 else { return clean.map { _ in 0 } }
    let positive = clean.indices.filter { clean[$0] > 0 }
    if total < positive.count {
      let ranked = positive.sorted { clean[$0] != clean[$1] ? clean[$0] > clean[$1] : $0 < $1 }
      var widths = clean.map { _ in 0 }
      for i in ranked.prefix(total) { widths[i] = 1 }
      return widths
    }
    var widths = hamilton(clean, total: total)
    for i in positive where widths[i] == 0 {
      if let donor = widths.indices.filter({ widths[$0] > 1 }).max(by: { widths[$0] < widths[$1] }) {
        widths[donor] -= 1
        widths[i] = 1
      }
    }
    return widths
  }

  /// Whole percentages for the segments, summing to 100 (largest remainder,
  /// no minimum); all 0 when no share is positive.
  public func percentages() -> [Int] {
    let clean = segments.map { $0.share.isFinite && $0.share > 0 ? $0.share : 0 }
    guard clean.reduce(0, +) > 0 else { return clean.map { _ in 0 } }
    return SplitBar.hamilton(clean, total: 100)
  }

  /// The label text for segment `i`: `label pct%`, with `<1%` for a positive
  /// share that rounds to 0.
  func percentText(_ pct: Int, share: Double) -> String {
    pct == 0 && share > 0 ? "<1%" : "\(pct)%"
  }

  /// Largest remainder apportionment of `total` by non-negative `weights`
  /// with a positive sum; ties go to the earlier index.
  static func hamilton(_ weights: [Double], total: Int) -> [Int] {
    let sum = weights.reduce(0, +)
    let quotas = weights.map { $0 / sum * Double(total) }
    var parts = quotas.map { Int($0.rounded(.down)) }
    var left = total - parts.reduce(0, +)
    let order = weights.indices.sorted {
      let ra = quotas[$0] - Double(parts[$0])
      let rb = quotas[$1] - Double(parts[$1])
      return ra != rb ? ra > rb : $0 < $1
    }
    for i in order where left > 0 {
      parts[i] += 1
      left -= 1
    }
    return parts
  }

  /// Columns a label may use inside segment `i`: its width, less one
  /// blank separator column when another segment follows, so two labels
  /// never touch (`2%stable 89%` would read as one word, above all without
  /// colour).
  static func labelRoom(_ i: Int, widths: [Int]) -> Int {
    let followed = widths[(i + 1)...].contains { $0 > 0 }
    return max(0, widths[i] - (followed ? 1 : 0))
  }

  /// Whether every segment's full `label pct%` fits inside its own cells
  /// (``labelRoom(_:widths:)``) in a bar `width` columns wide (then a legend
  /// row would only repeat it).
  public func labelsFit(width: Int) -> Bool {
    let widths = SplitBar.widths(shares: segments.map(\.share), total: width)
    let pcts = percentages()
    for (i, segment) in segments.enumerated() {
      let clean = segment.share.isFinite && segment.share > 0
      guard clean else { continue }
      let text = "\(segment.label) \(percentText(pcts[i], share: segment.share))"
      if DisplayWidth.of(Sanitizer.sanitize(text)) > SplitBar.labelRoom(i, widths: widths) { return false }
    }
    return true
  }

  /// Draws the bar into the first row of `area` and, when `area` has two or
  /// more rows, the legend into the second.
  public func render(into canvas: inout Canvas, area: Rect) {
    guard !area.isEmpty else { return }
    let widths = SplitBar.widths(shares: segments.map(\.share), total: area.width)
    let pcts = percentages()
    var x = area.x
    for (i, segment) in segments.enumerated() where widths[i] > 0 {
      var style = segment.style
      style.reverse = true
      canvas.fill(Rect(x: x, y: area.y, width: widths[i], height: 1), style: style)
      let pct = percentText(pcts[i], share: segment.share)
      let text = "\(segment.label) \(pct)"
      let room = SplitBar.labelRoom(i, widths: widths)
      if DisplayWidth.of(Sanitizer.sanitize(text)) <= room {
        canvas.put(text, x: x, y: area.y, maxWidth: room, style: style)
      } else if pct.count <= room {
        canvas.put(pct, x: x, y: area.y, maxWidth: room, style: style)
      }
      x += widths[i]
    }
    guard area.height >= 2 else { return }
    var lx = area.x
    for (i, segment) in segments.enumerated() {
      let room = area.maxX - lx
      guard room > 0 else { break }
      if legendOnlyClipped {
        let text = "\(segment.label) \(percentText(pcts[i], share: segment.share))"
        guard DisplayWidth.of(Sanitizer.sanitize(text)) > widths[i] else { continue }
      }
      var swatch = segment.style
      swatch.reverse = true
      canvas.fill(Rect(x: lx, y: area.y + 1, width: 1, height: 1), style: swatch)
      lx += 1
      lx += canvas.put(
        " \(segment.label) \(percentText(pcts[i], share: segment.share))  ", x: lx, y: area.y + 1,
        maxWidth: area.maxX - lx,
        style: segment.style, ellipsis: symbols.ellipsis)
    }
  }
}
