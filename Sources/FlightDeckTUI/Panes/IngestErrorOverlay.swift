import FlightDeckCore

/// One ingest error in full (Enter in the Ingest errors pane), where the
/// pane's one-line row had to clip: the whole path as the tailer opened it,
/// the line, the field at fault and the whole message, each word-wrapped to
/// the box (``DetailBlock``). Esc or Enter closes it. The path and message
/// come from files and are untrusted: they are sanitised before they are
/// wrapped, so the pieces are measured as drawn.
public enum IngestErrorOverlay {
  /// The lines shown for `error` in a box whose text is `width` columns
  /// wide: `file:`, `line:`, `field:` (when known) and `message:` with their
  /// values word-wrapped under them, indented by two.
  public static func lines(_ error: IngestError, width: Int) -> [String] {
    var out = DetailBlock.lines("file:", error.path, width: width)
    out += DetailBlock.lines(
      "line:", error.line > 0 ? "\(error.line)" : "– (a read error, not a line)", width: width)
    if let field = error.field { out += DetailBlock.lines("field:", field, width: width) }
    out += DetailBlock.lines("message:", error.reason, width: width)
    return out
  }

  /// Draws the overlay for `error` over the body of `canvas`, from line `offset` on.
  public static func draw(into canvas: inout Canvas, error: IngestError, offset: Int = 0, symbols: Symbols) {
    DetailBlock.draw(
      into: &canvas, title: "Ingest error (Esc closes)",
      lines: lines(error, width: DetailBlock.textWidth(canvasWidth: canvas.width)), offset: offset,
      symbols: symbols)
  }
}
