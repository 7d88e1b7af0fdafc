/// A labelled block of a drill-down view (the ingest error, the alert
/// view, a timeline entry or message read whole): the label on its own
/// line, then the value word-wrapped under it, indented by two, with a word
/// wider than the box (a path, a URL) cut into pieces that fit, so nothing
/// of it is clipped. The value is sanitised (``Sanitizer/sanitize(_:)``)
/// before it is measured: an escaped control character (`\x1B`) is four
/// columns wide on screen, not the zero its raw scalar measures.
///
/// The view is drawn flush over the body (``OverlayFrame/large(width:height:)``,
/// as k9s's describe view replaces the table) and scrolls by line.
enum DetailBlock {
  /// `label`, then `value`'s lines in a box whose text is `width` columns
  /// wide, both sanitised: a label may come from the store or the rules (a
  /// routing target's name, an alert annotation's key), and the lines are
  /// drawn with `put(sanitized:)`.
  static func lines(_ label: String, _ value: String, width: Int) -> [String] {
    let room = max(1, width - 2)
    return [Sanitizer.sanitize(label)]
      + WordWrap.lines(Sanitizer.sanitize(value), width: room).flatMap { pieces($0, width: room) }.map {
        "  " + $0
      }
  }

  /// `line` cut into pieces of at most `width` columns (by display width).
  static func pieces(_ line: String, width: Int) -> [String] {
    guard DisplayWidth.of(line) > width else { return [line] }
    var out: [String] = []
    var piece = ""
    var used = 0
    for c in line {
      let w = DisplayWidth.of(c)
      if used + w > width, !piece.isEmpty {
        out.append(piece)
        piece = ""
        used = 0
      }
      piece.append(c)
      used += w
    }
    if !piece.isEmpty { out.append(piece) }
    return out
  }

  /// Draws `text` (label lines flush, value lines indented) from line
  /// `offset` on, in a box titled `title` over the body of `canvas`, with
  /// `▲ n more` / `▼ n more` marks when lines are above or below.
  static func draw(
    into canvas: inout Canvas, title: String, lines text: [String], offset: Int = 0, symbols: Symbols
  ) {
    let box = OverlayFrame.large(width: canvas.width, height: canvas.height)
    guard box.width >= 10, box.height >= 4 else { return }
    canvas.fill(box, style: CellStyle(.text))
    let inner = canvas.drawBox(box, title: title, focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    let first = min(max(0, offset), max(0, text.count - inner.height))
    for (i, line) in text.enumerated().dropFirst(first).prefix(inner.height) {
      let isLabel = !line.hasPrefix(" ")
      canvas.put(
        sanitized: line, x: inner.x + 1, y: inner.y + i - first, maxWidth: inner.width - 2,
        style: isLabel ? CellStyle(.dim) : CellStyle(.warn))
    }
    PaneTable.drawMoreIndicator(text.count - first - inner.height, box: box, in: &canvas)
    PaneTable.drawAboveIndicator(first, box: box, in: &canvas)
  }

  /// The text width of a drill-down box on a canvas `canvasWidth` columns
  /// wide: the body's width less two borders and a column of margin each side.
  static func textWidth(canvasWidth: Int) -> Int { max(1, canvasWidth - 4) }

  /// Lines a drill-down box shows at once on a `width` × `height` screen.
  static func visibleRows(width: Int, height: Int) -> Int {
    max(1, OverlayFrame.large(width: width, height: height).height - 2)
  }
}
