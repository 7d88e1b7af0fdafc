/// A table with a header row, columns laid out by ``Constraint``s, a
/// selected row and vertical scrolling (ratatui's `Table` + `TableState`).
///
/// Every cell is sanitised and clipped by display width with an ellipsis.
/// The header uses ``StyleRole/header`` (bold); the selected row is
/// restyled with ``selectionStyle`` (role ``StyleRole/selection``) across
/// the whole row width. Colour themes colour it with `selection_bg/_fg`;
/// the monochrome theme gives the role reverse video. (A `reverse` flag in
/// the cell style would swap the theme's selection colours back, so it is
/// not set by default.)
public struct Table: Sendable {
  /// One column: title, width and alignment.
  public struct Column: Sendable, Hashable {
    /// Header text (untrusted; sanitised).
    public var title: String
    /// Width rule among the table's columns (see ``Layout``).
    public var width: Constraint
    /// Alignment of the header and the cells.
    public var alignment: TextClip.Alignment

    /// Creates a column.
    public init(_ title: String, width: Constraint, alignment: TextClip.Alignment = .left) {
      self.title = title
      self.width = width
      self.alignment = alignment
    }
  }

  /// The content of one table cell.
  public struct TextCell: Sendable, Hashable, ExpressibleByStringLiteral {
    /// Text (untrusted; sanitised when drawn).
    public var text: String
    /// Style of the text.
    public var style: CellStyle

    /// Creates a cell.
    public init(_ text: String, style: CellStyle = .plain) {
      self.text = text
      self.style = style
    }

    /// A plain-styled cell from a literal.
    public init(stringLiteral value: String) { self.init(value) }
  }

  /// The columns, left to right.
  public var columns: [Column]
  /// Rows of cells; a row with fewer cells than columns leaves the rest blank.
  public var rows: [[TextCell]]
  /// Index into ``rows`` of the selected row, or `nil`.
  public var selected: Int?
  /// Blank columns between table columns.
  public var columnSpacing: Int
  /// Whether to draw the header row.
  public var showsHeader: Bool
  /// Glyph tables (the ellipsis for clipped cells).
  public var symbols: Symbols
  /// Style of the selected row.
  public var selectionStyle = CellStyle(.selection)

  /// Creates a table.
  public init(
    columns: [Column], rows: [[TextCell]], selected: Int? = nil, columnSpacing: Int = 1,
    showsHeader: Bool = true, symbols: Symbols = .braille
  ) {
    self.columns = columns
    self.rows = rows
    self.selected = selected
    self.columnSpacing = columnSpacing
    self.showsHeader = showsHeader
    self.symbols = symbols
  }

  /// The first visible row so that `selected` is visible, moving the
  /// previous `offset` as little as possible (ratatui `TableState`).
  ///
  /// - Parameters:
  ///   - offset: previous first visible row.
  ///   - selected: selected row, or `nil` (then only clamping applies).
  ///   - visibleRows: body rows that fit.
  ///   - rowCount: total rows.
  /// - Returns: an offset in `0...max(0, rowCount − visibleRows)`.
  public static func scrollOffset(offset: Int, selected: Int?, visibleRows: Int, rowCount: Int) -> Int {
    guard visibleRows > 0, rowCount > 0 else { return 0 }
    var o = offset
    if let s = selected.map({ min(max(0, $0), rowCount - 1) }) {
      if s < o { o = s }
      if s >= o + visibleRows { o = s - visibleRows + 1 }
    }
    return min(max(0, o), max(0, rowCount - visibleRows))
  }

  /// Draws the table into `area`, scrolling from `offset` as needed to keep
  /// the selected row visible.
  ///
  /// - Parameter offset: the first visible body row; updated in place (keep
  ///   it in the pane's state between frames).
  public func render(into canvas: inout Canvas, area: Rect, offset: inout Int) {
    guard !area.isEmpty else { return }
    let columnRects = Layout.split(
      Rect(x: area.x, y: 0, width: area.width, height: 1), direction: .horizontal,
      constraints: columns.map(\.width), spacing: columnSpacing)
    var y = area.y
    if showsHeader {
      let style = CellStyle(.header, bold: true)
      canvas.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
      for (c, column) in columns.enumerated() {
        draw(
          column.title, in: columnRects[c], y: y, alignment: column.alignment, style: style, canvas: &canvas)
      }
      y += 1
    }
    let visible = area.maxY - y
    offset = Table.scrollOffset(
      offset: offset, selected: selected, visibleRows: visible, rowCount: rows.count)
    guard visible > 0 else { return }
    for r in offset..<min(rows.count, offset + visible) {
      for (c, column) in columns.enumerated() where c < rows[r].count {
        let cell = rows[r][c]
        draw(
          cell.text, in: columnRects[c], y: y, alignment: column.alignment, style: cell.style, canvas: &canvas
        )
      }
      if r == selected {
        canvas.setStyle(
          Rect(x: area.x, y: y, width: area.width, height: 1), style: selectionStyle)
      }
      y += 1
    }
  }

  /// Draws the table from offset 0 (stateless convenience).
  public func render(into canvas: inout Canvas, area: Rect) {
    var offset = 0
    render(into: &canvas, area: area, offset: &offset)
  }

  private func draw(
    _ text: String, in column: Rect, y: Int, alignment: TextClip.Alignment, style: CellStyle,
    canvas: inout Canvas
  ) {
    guard column.width > 0 else { return }
    let clean = Sanitizer.sanitize(text)
    let clipped = TextClip.clip(clean, maxWidth: column.width, ellipsis: symbols.ellipsis)
    let w = DisplayWidth.of(clipped)
    let x = alignment == .left ? column.x : column.maxX - w
    canvas.put(
      sanitized: clipped, x: x, y: y, maxWidth: column.width, style: style, ellipsis: symbols.ellipsis)
  }
}
