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

  /// Places `columns` in `rect`'s width.
  ///
  /// 1. Drops the highest ``PaneColumn/dropPriority`` columns until the
  ///    minimum widths fit (marker + widths + one-column gaps).
  /// 2. With `contentWidths` (display width of the widest cell per column,
  ///    header included): while the flexible columns' shortfall (content
  ///    beyond their minimum) exceeds the spare width, drops the highest
  ///    priority column marked ``PaneColumn/yieldsToNames`` — names readable
  ///    in full beat a secondary column.
  /// 3. Spare width goes to flexible columns up to their content width, left
  ///    to right; what is left is shared evenly (left-most get the remainder).
  ///    Without `contentWidths`, all spare width is shared evenly.
  ///
  /// `yieldWidths` (default `contentWidths`) are the widths step 2 weighs:
  /// a column may ask for more than is worth dropping another column for
  /// (the Registry's pointers column, sized for every pointer at once so it
  /// stays put when one moves, gets its room from spare width only).
  public static func place(
    _ columns: [PaneColumn], in rect: Rect, contentWidths: [Int]? = nil, yieldWidths: [Int]? = nil
  ) -> [Placement] {
    var kept = Array(columns.indices)
    func needed(_ idx: [Int]) -> Int {
      1 + idx.reduce(0) { $0 + columns[$1].width } + max(0, idx.count - 1)
    }
    func shortfall(_ i: Int, _ widths: [Int]? = contentWidths) -> Int {
      guard let widths, i < widths.count, columns[i].flexible else { return 0 }
      return max(0, widths[i] - columns[i].width)
    }
    func dropHighest(where ok: (Int) -> Bool) -> Bool {
      guard
        let drop = kept.filter({ columns[$0].dropPriority > 0 && ok($0) }).max(by: {
          columns[$0].dropPriority < columns[$1].dropPriority
        })
      else { return false }
      kept.removeAll { $0 == drop }
      return true
    }
    while needed(kept) > rect.width, dropHighest(where: { _ in true }) {}
    let weighed = yieldWidths ?? contentWidths
    while kept.reduce(0, { $0 + shortfall($1, weighed) }) > max(0, rect.width - needed(kept)),
      dropHighest(where: { columns[$0].yieldsToNames })
    {}
    var spare = max(0, rect.width - needed(kept))
    var widths = kept.map { columns[$0].width }
    for (n, i) in kept.enumerated() where spare > 0 {
      let extra = min(spare, shortfall(i))
      widths[n] += extra
      spare -= extra
    }
    let flexible = kept.indices.filter { columns[kept[$0]].flexible }
    for (k, n) in flexible.enumerated() {
      widths[n] += spare / flexible.count + (k < spare % flexible.count ? 1 : 0)
    }
    var x = rect.x + 1
    var result: [Placement] = []
    for (n, i) in kept.enumerated() {
      result.append(Placement(column: i, x: x, width: widths[n]))
      x += widths[n] + (n < kept.count - 1 ? 1 : 0)
    }
    return result
  }

  /// Display width of the widest of `title` and the `column`-th cell of each row.
  public static func contentWidths(_ columns: [PaneColumn], rows: [[(String, CellStyle)]]) -> [Int] {
    columns.indices.map { c in
      rows.reduce(DisplayWidth.of(columns[c].title)) { w, row in
        c < row.count ? max(w, DisplayWidth.of(Sanitizer.sanitize(row[c].0))) : w
      }
    }
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

  /// Draws the header row of `columns` at row `y` of `rect`: the whole row
  /// (marker column and gaps included) in ``StyleRole/header`` bold, so the
  /// theme's header background is one continuous band.
  public static func drawHeader(
    _ columns: [PaneColumn], placements: [Placement], y: Int, in canvas: inout Canvas, clip rect: Rect
  ) {
    let style = CellStyle(.header, bold: true)
    canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1).intersection(rect), style: style)
    for p in placements {
      drawCell(
        columns[p.column].title, placement: p, alignment: columns[p.column].alignment, y: y,
        style: style, in: &canvas, clip: rect)
    }
  }

  /// Draws one data row: `cells[i]` is the text and style for column `i`.
  ///
  /// Selection (`selected`): the `>` marker is always drawn in
  /// ``StyleRole/selection`` bold, so the selected row is readable without
  /// colour. When the pane is `focused`, the whole row becomes one bar: every
  /// cell, gap and the marker in ``StyleRole/selection`` (bold kept where the
  /// cell was bold), with no `reverse` flag — colour themes paint
  /// `selection_bg`/`selection_fg`, the monochrome theme gives the role
  /// reverse video. Cells keep their text, so state markers such as `!`/`!!`
  /// still read inside the bar. Unfocused, only the marker shows (cells keep
  /// their own roles), a dimmer cue for where the selection will be.
  public static func drawRow(
    _ cells: [(String, CellStyle)], columns: [PaneColumn], placements: [Placement], y: Int,
    selected: Bool, focused: Bool, in canvas: inout Canvas, clip rect: Rect
  ) {
    let bar = selected && focused
    if bar {
      canvas.fill(
        Rect(x: rect.x, y: y, width: rect.width, height: 1).intersection(rect), style: selectionStyle)
    }
    if selected {
      canvas.put(">", x: rect.x, y: y, maxWidth: 1, style: CellStyle(.selection, bold: true))
    }
    for p in placements where p.column < cells.count {
      var style = cells[p.column].1
      if bar { style = CellStyle(.selection, bold: style.bold) }
      drawCell(
        cells[p.column].0, placement: p, alignment: columns[p.column].alignment, y: y, style: style,
        in: &canvas, clip: rect)
    }
  }

  /// The style of a focused selected row: ``StyleRole/selection``, no flags.
  public static let selectionStyle = CellStyle(.selection)

  /// The text of the more-rows indicator: `… N more (↓ to scroll)`; ASCII
  /// mode maps `…`/`↓` through ``AsciiFallback``.
  public static func moreText(_ hidden: Int) -> String { "… \(hidden) more (↓ to scroll)" }

  /// Writes the more-rows indicator into the bottom border of the pane box
  /// `box` (right-aligned, one column in from the corner) when `hidden > 0`,
  /// so no content row is given up for it.
  public static func drawMoreIndicator(_ hidden: Int, box: Rect, in canvas: inout Canvas) {
    guard hidden > 0, box.height >= 2, box.width >= 4 else { return }
    let text = " " + moreText(hidden) + " "
    let w = min(DisplayWidth.of(text), box.width - 2)
    canvas.put(text, x: box.maxX - 1 - w, y: box.maxY - 1, maxWidth: w, style: CellStyle(.warn, bold: true))
  }

  /// Writes `↑ N above` into the top border of `box` (right-aligned; the
  /// title is on the left) when `hidden > 0` rows are scrolled off the top,
  /// so a scrolled list never looks complete.
  public static func drawAboveIndicator(_ hidden: Int, box: Rect, in canvas: inout Canvas) {
    guard hidden > 0, box.height >= 2, box.width >= 4 else { return }
    let text = " ↑ \(hidden) above "
    let w = min(DisplayWidth.of(text), box.width - 2)
    canvas.put(text, x: box.maxX - 1 - w, y: box.y, maxWidth: w, style: CellStyle(.warn, bold: true))
  }

  /// The first visible row so that `selected` is on screen in `visible` rows.
  public static func scrollOffset(selected: Int, count: Int, visible: Int) -> Int {
    guard visible > 0, count > visible else { return 0 }
    return min(max(0, selected - visible + 1), count - visible)
  }

  /// Draws a whole scrolling table into `table`: the header on its first
  /// row, then the rows that fit, scrolled so `selected` stays visible
  /// (``scrollOffset(selected:count:visible:)``), with the "more below" and
  /// "more above" marks on `box`'s border. Columns are sized to `rows`.
  public static func drawScrolling(
    _ columns: [PaneColumn], rows: [[(String, CellStyle)]], in table: Rect, box: Rect, selected: Int,
    focused: Bool, canvas: inout Canvas
  ) {
    let placements = place(columns, in: table, contentWidths: contentWidths(columns, rows: rows))
    drawHeader(columns, placements: placements, y: table.y, in: &canvas, clip: table)
    let visible = max(0, table.height - 1)
    let offset = scrollOffset(selected: selected, count: rows.count, visible: visible)
    for (n, row) in rows.enumerated().dropFirst(offset).prefix(visible) {
      drawRow(
        row, columns: columns, placements: placements, y: table.y + 1 + n - offset, selected: n == selected,
        focused: focused, in: &canvas, clip: table)
    }
    drawMoreIndicator(rows.count - offset - visible, box: box, in: &canvas)
    drawAboveIndicator(offset, box: box, in: &canvas)
  }
}
