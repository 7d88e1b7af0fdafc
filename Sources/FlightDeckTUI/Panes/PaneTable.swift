/// Draws aligned tables of untrusted text inside a pane.
///
/// Columns are separated by one space after a one-column selection marker
/// (`>`). Every cell goes through ``Canvas/put(_:x:y:maxWidth:style:ellipsis:)``,
/// so names are sanitised and clipped by display width and a hostile or wide
/// name can never push later columns out of line.
public enum PaneTable {
  /// A placed column: which one, its left column and its width.
  public struct Placement: Sendable, Hashable {
    /// Index into the column list.
    public var column: Int
    /// Left column on the canvas.
    public var x: Int
    /// Width in columns.
    public var width: Int
  }

  /// Places `columns` in `rect`'s width: drops the highest ``PaneColumn/dropPriority``
  /// columns until the rest fit, then shares spare width among flexible
  /// columns (left-most get the remainder).
  public static func place(_ columns: [PaneColumn], in rect: Rect) -> [Placement] {
    var kept = Array(columns.indices)
    func needed(_ idx: [Int]) -> Int {
      1 + idx.reduce(0) { $0 + columns[$1].width } + max(0, idx.count - 1)
    }
    while needed(kept) > rect.width {
      guard
        let drop = kept.filter({ columns[$0].dropPriority > 0 }).max(by: {
          columns[$0].dropPriority < columns[$1].dropPriority
        })
      else { break }
      kept.removeAll { $0 == drop }
    }
    let spare = max(0, rect.width - needed(kept))
    let flexible = kept.filter { columns[$0].flexible }
    var x = rect.x + 1
    var result: [Placement] = []
    for (n, i) in kept.enumerated() {
      var w = columns[i].width
      if let k = flexible.firstIndex(of: i) {
        w += spare / flexible.count + (k < spare % flexible.count ? 1 : 0)
      }
      result.append(Placement(column: i, x: x, width: w))
      x += w + (n < kept.count - 1 ? 1 : 0)
    }
    return result
  }

  /// Draws one cell's `text` in its placement, aligned, clipped to the rect.
  public static func drawCell(
    _ text: String, placement: Placement, alignment: TextClip.Alignment, y: Int, style: CellStyle,
    in canvas: inout Canvas, clip rect: Rect
  ) {
    let width = min(placement.width, rect.maxX - placement.x)
    guard width > 0 else { return }
    var x = placement.x
    if alignment == .right {
      let w = DisplayWidth.of(Sanitizer.sanitize(text))
      x += max(0, width - w)
    }
    canvas.put(text, x: x, y: y, maxWidth: width - (x - placement.x), style: style)
  }

  /// Draws the header row of `columns` at row `y` of `rect` (bold titles).
  public static func drawHeader(
    _ columns: [PaneColumn], placements: [Placement], y: Int, in canvas: inout Canvas, clip rect: Rect
  ) {
    for p in placements {
      drawCell(
        columns[p.column].title, placement: p, alignment: columns[p.column].alignment, y: y,
        style: CellStyle(.header, bold: true), in: &canvas, clip: rect)
    }
  }

  /// Draws one data row: `cells[i]` is the text and style for column `i`;
  /// `selected` draws the `>` marker and the selection style on the row.
  public static func drawRow(
    _ cells: [(String, CellStyle)], columns: [PaneColumn], placements: [Placement], y: Int,
    selected: Bool, focused: Bool, in canvas: inout Canvas, clip rect: Rect
  ) {
    if selected {
      canvas.setStyle(
        Rect(x: rect.x, y: y, width: rect.width, height: 1),
        style: CellStyle(.selection, reverse: focused))
      canvas.put(
        ">", x: rect.x, y: y, maxWidth: 1, style: CellStyle(.selection, bold: true, reverse: focused))
    }
    for p in placements where p.column < cells.count {
      var style = cells[p.column].1
      if selected {
        style.reverse = focused
        if style.role == .text { style.role = .selection }
      }
      drawCell(
        cells[p.column].0, placement: p, alignment: columns[p.column].alignment, y: y, style: style,
        in: &canvas, clip: rect)
    }
  }

  /// The first visible row so that `selected` is on screen in `visible` rows.
  public static func scrollOffset(selected: Int, count: Int, visible: Int) -> Int {
    guard visible > 0, count > visible else { return 0 }
    return min(max(0, selected - visible + 1), count - visible)
  }
}
