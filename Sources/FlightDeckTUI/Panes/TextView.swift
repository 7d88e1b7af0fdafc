/// One piece of text read whole (``TextViewState``): an incident timeline
/// entry (Enter in the incident view) or a status message (Enter in the
/// messages view), each block's value word-wrapped (``DetailBlock``), so a
/// long note or a database's whole refusal is read rather than cut at the
/// row's end. Esc closes it and returns to the view it was opened from.
public enum TextView {
  /// The lines of `view` in a box whose text is `width` columns wide.
  public static func lines(_ view: TextViewState, width: Int) -> [String] {
    view.blocks.flatMap { DetailBlock.lines($0.label, $0.value, width: width) }
  }

  /// Draws `view` flush over the body of `canvas`.
  public static func draw(into canvas: inout Canvas, view: TextViewState, symbols: Symbols) {
    DetailBlock.draw(
      into: &canvas, title: view.title + " (Esc closes)",
      lines: lines(view, width: DetailBlock.textWidth(canvasWidth: canvas.width)), offset: view.offset,
      symbols: symbols)
  }
}
