extension Canvas {
  /// Writes untrusted `text` at column `x`, row `y`, within `maxWidth`
  /// columns (and the canvas edge).
  ///
  /// The text is sanitised (``Sanitizer/sanitize(_:)``), measured per
  /// grapheme cluster (``DisplayWidth``) and clipped with `ellipsis` when it
  /// does not fit (``TextClip/clip(_:maxWidth:ellipsis:)``). A wide glyph
  /// becomes a lead cell (`width == 2`) plus a continuation cell. A lone
  /// zero-width cluster (a combining mark at the start) is drawn on a space.
  /// Overwriting half of an existing wide glyph blanks its other half.
  /// - Parameters:
  ///   - text: untrusted text; may contain anything.
  ///   - x: start column (cells left of 0 are skipped).
  ///   - y: row; rows outside the canvas draw nothing.
  ///   - maxWidth: room in columns.
  ///   - style: style of every written cell.
  ///   - ellipsis: cut marker; `nil` uses ``Canvas/ellipsis``.
  /// - Returns: the number of columns written (≤ `maxWidth`).
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, maxWidth: Int, style: CellStyle, ellipsis: Character? = nil
  ) -> Int {
    guard y >= 0, y < height, x < width, min(maxWidth, width - x) > 0 else { return 0 }
    return put(
      sanitized: Sanitizer.sanitize(text), x: x, y: y, maxWidth: maxWidth, style: style, ellipsis: ellipsis)
  }

  /// ``put(_:x:y:maxWidth:style:ellipsis:)`` for text that has already been
  /// through ``Sanitizer/sanitize(_:)`` exactly once (a pane that measured
  /// or wrapped the sanitised text first).
  ///
  /// Sanitising is deliberately not idempotent (a backslash that could start
  /// an escape is doubled, so a real ESC and the typed text `\x1B` show
  /// differently); sanitising twice would show a real ESC as `\\x1B`.
  /// - Parameters: as ``put(_:x:y:maxWidth:style:ellipsis:)``; `sanitized`
  ///   must be display-safe (``Sanitizer/isDisplaySafe(_:)``)
  ///   (any such scalar is escaped anyway, never written raw).
  /// - Returns: the number of columns written (≤ `maxWidth`).
  @discardableResult
  public mutating func put(
    sanitized: String, x: Int, y: Int, maxWidth: Int, style: CellStyle, ellipsis: Character? = nil
  ) -> Int {
    guard y >= 0, y < height, x < width else { return 0 }
    let limit = min(maxWidth, width - x)
    guard limit > 0 else { return 0 }
    // Defence in depth: a raw control can never reach a cell.
    let clean = Sanitizer.isDisplaySafe(sanitized) ? sanitized : Sanitizer.sanitize(sanitized)
    let clipped = TextClip.clip(clean, maxWidth: limit, ellipsis: ellipsis ?? self.ellipsis)
    var column = x
    for c in clipped {
      var grapheme = c
      var w = DisplayWidth.of(c)
      if w == 0 {
        grapheme = Character(" " + String(c))
        w = 1
      }
      setCell(Cell(grapheme: String(grapheme), width: UInt8(w), style: style), x: column, y: y)
      column += w
    }
    return column - x
  }

  /// Writes one cell, keeping wide glyphs whole.
  ///
  /// Before `cell` lands, any wide glyph that the write would cut in half is
  /// replaced by spaces in its own style. A `cell` with `width == 2` also
  /// writes the continuation cell at `x + 1`; if that is off the canvas, a
  /// space is written instead. Writes outside the canvas are ignored.
  public mutating func setCell(_ cell: Cell, x: Int, y: Int) {
    guard y >= 0, y < height, x >= 0, x < width else { return }
    var cell = cell
    if cell.width == 2, x + 1 >= width {
      cell = Cell(grapheme: " ", width: 1, style: cell.style)
    }
    let span = cell.width == 2 ? 2 : 1
    for i in x..<(x + span) { breakWideGlyph(x: i, y: y) }
    self[x, y] = cell
    if span == 2 {
      self[x + 1, y] = Cell(grapheme: "", width: 0, style: cell.style)
    }
  }

  /// Blanks the partner half of a wide glyph overlapping column `x`, so
  /// overwriting `x` leaves no stray fragment.
  mutating func breakWideGlyph(x: Int, y: Int) {
    let here = self[x, y]
    if here.isContinuation, x > 0, self[x - 1, y].width == 2 {
      self[x - 1, y] = Cell(grapheme: " ", width: 1, style: self[x - 1, y].style)
    } else if here.width == 2, x + 1 < width, self[x + 1, y].isContinuation {
      self[x + 1, y] = Cell(grapheme: " ", width: 1, style: self[x + 1, y].style)
    }
    if here.width != 1 {
      self[x, y] = Cell(grapheme: " ", width: 1, style: here.style)
    }
  }

  /// Fills `rect` (clipped to the canvas) with spaces in `style`.
  public mutating func fill(_ rect: Rect, style: CellStyle) {
    let r = rect.intersection(area)
    guard !r.isEmpty else { return }
    let blank = Cell(grapheme: " ", width: 1, style: style)
    for y in r.y..<r.maxY {
      for x in r.x..<r.maxX { setCell(blank, x: x, y: y) }
    }
  }

  /// Restyles the cells in `rect` (clipped to the canvas), keeping their
  /// text: e.g. the selection highlight of a table row.
  public mutating func setStyle(_ rect: Rect, style: CellStyle) {
    let r = rect.intersection(area)
    guard !r.isEmpty else { return }
    for y in r.y..<r.maxY {
      for x in r.x..<r.maxX { self[x, y].style = style }
    }
  }

  /// Draws a border around `rect` with `title` in the top edge and returns
  /// the inner rectangle (`rect` shrunk by 1 on every side).
  ///
  /// Border cells use ``StyleRole/borderFocus`` (bold) when `focused`, else
  /// ``StyleRole/border``; the title uses ``StyleRole/title`` and is shown as
  /// ` title ` from column `rect.x + 1`, clipped with an ellipsis to leave at
  /// least one border cell on each side. Rectangles smaller than 2×2 draw
  /// nothing and return an empty rectangle.
  /// - Parameters:
  ///   - rect: outer rectangle.
  ///   - title: untrusted title text (sanitised); `""` for none.
  ///   - focused: whether the box has keyboard focus.
  ///   - symbols: glyph table (box drawing or ASCII).
  /// - Returns: the inner rectangle.
  @discardableResult
  public mutating func drawBox(_ rect: Rect, title: String, focused: Bool, symbols: Symbols) -> Rect {
    guard rect.width >= 2, rect.height >= 2 else {
      return Rect(x: rect.x, y: rect.y, width: 0, height: 0)
    }
    let style = focused ? CellStyle(.borderFocus, bold: true) : CellStyle(.border)
    let box = symbols.box
    func edge(_ c: Character, _ x: Int, _ y: Int) {
      setCell(Cell(grapheme: String(c), width: 1, style: style), x: x, y: y)
    }
    for x in (rect.x + 1)..<(rect.maxX - 1) {
      edge(box.horizontal, x, rect.y)
      edge(box.horizontal, x, rect.maxY - 1)
    }
    for y in (rect.y + 1)..<(rect.maxY - 1) {
      edge(box.vertical, rect.x, y)
      edge(box.vertical, rect.maxX - 1, y)
    }
    edge(box.topLeft, rect.x, rect.y)
    edge(box.topRight, rect.maxX - 1, rect.y)
    edge(box.bottomLeft, rect.x, rect.maxY - 1)
    edge(box.bottomRight, rect.maxX - 1, rect.maxY - 1)
    let room = rect.width - 2
    if !title.isEmpty, room >= 3 {
      put(
        sanitized: " " + Sanitizer.sanitize(title) + " ", x: rect.x + 1, y: rect.y, maxWidth: room,
        style: CellStyle(.title, bold: focused), ellipsis: symbols.ellipsis)
    }
    return rect.inset(by: 1)
  }

  /// Each row as plain text, continuation cells skipped (for tests and
  /// snapshots). Row `i` has display width `width`.
  public func textRows() -> [String] {
    (0..<height).map { y in
      var row = ""
      for x in 0..<width where !self[x, y].isContinuation { row += self[x, y].grapheme }
      return row
    }
  }
}
