import FlightDeckCore

/// One ingest error in full (Enter in the Ingest errors pane), where the
/// pane's one-line row had to clip: the whole path as the tailer opened it,
/// the line, the field at fault and the whole message, each word-wrapped to
/// the box. Esc or Enter closes it. The path and message come from files and
/// are untrusted: they are sanitised (``Sanitizer/sanitize(_:)``) before they
/// are wrapped, so the pieces are measured as drawn.
public enum IngestErrorOverlay {
  /// The lines shown for `error` in a box whose text is `width` columns
  /// wide: `file:`, `line:`, `field:` (when known) and `message:` with their
  /// values word-wrapped under them, indented by two.
  public static func lines(_ error: IngestError, width: Int) -> [String] {
    let room = max(1, width - 2)
    func block(_ label: String, _ value: String) -> [String] {
      // A path has no spaces to wrap at: a word wider than the box is cut
      // into pieces that fit, so nothing of it is clipped.
      // Sanitised before measuring: an escaped control character (`\x1B`)
      // is four columns wide on screen, not the zero its raw scalar measures.
      [label]
        + WordWrap.lines(Sanitizer.sanitize(value), width: room).flatMap { pieces($0, width: room) }.map {
          "  " + $0
        }
    }
    var out = block("file:", error.path)
    out += block("line:", error.line > 0 ? "\(error.line)" : "– (a read error, not a line)")
    if let field = error.field { out += block("field:", field) }
    out += block("message:", error.reason)
    return out
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

  /// Draws the overlay for `error`, centred on `canvas`.
  public static func draw(into canvas: inout Canvas, error: IngestError, symbols: Symbols) {
    let width = min(100, max(0, canvas.width - 4))
    let text = lines(error, width: max(1, width - 4))
    let box = OverlayFrame.centred(width: width, height: text.count + 4, in: canvas.area)
    guard box.width >= 10, box.height >= 4 else { return }
    canvas.fill(box, style: CellStyle(.text))
    let inner = canvas.drawBox(box, title: "Ingest error (Esc closes)", focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    for (i, line) in text.enumerated() where inner.y + i < inner.maxY {
      let isLabel = !line.hasPrefix(" ")
      canvas.put(
        sanitized: line, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 2,
        style: isLabel ? CellStyle(.dim) : CellStyle(.warn))
    }
  }
}
