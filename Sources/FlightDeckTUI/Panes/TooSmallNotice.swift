/// What the screen shows below the minimum size: one clear, centred notice.
///
/// `terminal too small (need 60×16, have W×H)`, word-wrapped onto as many
/// rows as the width allows and clipped (never a stray fragment of a pane).
public enum TooSmallNotice {
  /// The notice text for a `width` × `height` terminal.
  public static func text(width: Int, height: Int) -> String {
    "terminal too small (need \(ScreenLayout.minimumWidth)×\(ScreenLayout.minimumHeight), have \(width)×\(height))"
  }

  /// Draws the notice centred on `canvas`.
  public static func draw(into canvas: inout Canvas) {
    let lines = WordWrap.lines(text(width: canvas.width, height: canvas.height), width: canvas.width)
    let shown = lines.prefix(canvas.height)
    let top = max(0, (canvas.height - shown.count) / 2)
    for (i, line) in shown.enumerated() {
      let w = min(DisplayWidth.of(line), canvas.width)
      let x = max(0, (canvas.width - w) / 2)
      canvas.put(line, x: x, y: top + i, maxWidth: canvas.width - x, style: CellStyle(.warn, bold: true))
    }
  }
}
