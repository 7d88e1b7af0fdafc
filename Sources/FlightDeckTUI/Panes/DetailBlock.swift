/// A labelled block of a drill-down overlay (the ingest error, the alert
/// view): the label on its own line, then the value word-wrapped under it,
/// indented by two, with a word wider than the box (a path, a URL) cut into
/// pieces that fit, so nothing of it is clipped. The value is sanitised
/// (``Sanitizer/sanitize(_:)``) before it is measured: an escaped control
/// character (`\x1B`) is four columns wide on screen, not the zero its raw
/// scalar measures.
enum DetailBlock {
  /// `label`, then `value`'s lines in a box whose text is `width` columns wide.
  static func lines(_ label: String, _ value: String, width: Int) -> [String] {
    let room = max(1, width - 2)
    return [label]
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

  /// Draws `text` (label lines flush, value lines indented) in a box titled
  /// `title`, at most 100 columns wide, centred on `canvas`.
  static func draw(into canvas: inout Canvas, title: String, lines text: [String], symbols: Symbols) {
    let width = min(100, max(0, canvas.width - 4))
    let box = OverlayFrame.centred(width: width, height: text.count + 4, in: canvas.area)
    guard box.width >= 10, box.height >= 4 else { return }
    canvas.fill(box, style: CellStyle(.text))
    let inner = canvas.drawBox(box, title: title, focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    for (i, line) in text.enumerated() where inner.y + i < inner.maxY {
      let isLabel = !line.hasPrefix(" ")
      canvas.put(
        sanitized: line, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 2,
        style: isLabel ? CellStyle(.dim) : CellStyle(.warn))
    }
  }

  /// The text width of a drill-down box on a canvas `canvasWidth` columns wide.
  static func textWidth(canvasWidth: Int) -> Int { max(1, min(100, max(0, canvasWidth - 4)) - 4) }
}
