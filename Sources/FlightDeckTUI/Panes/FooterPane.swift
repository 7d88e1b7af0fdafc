/// The two-row footer: key hints from the key map, then the status line.
///
/// Hints are ``KeyMap/fittedHints(in:width:)`` for the current context, so
/// they follow the focused pane and the open overlay and never overflow.
/// The status line shows, by priority: the filter prompt while typing
/// (`/text▏`), the status message, the applied filter, the paused notice.
public enum FooterPane {
  /// The status line text for `state` (may contain untrusted filter text;
  /// drawn through `put`).
  public static func statusText(_ state: AppState) -> String {
    if state.isEditingFilter { return "filter: /" + state.filter + "▏  (Enter apply, Esc clear)" }
    if let message = state.statusMessage { return message }
    if let drill = state.drillDown { return "detail: " + drill + "  (Esc back)" }
    if !state.filter.isEmpty { return "filter: " + state.filter + "  (Esc clears)" }
    if state.isPaused { return "PAUSED: new data is held until you resume (p)" }
    return ""
  }

  /// Draws the hints into row `rect.y` and the status into `rect.y + 1`.
  public static func draw(into canvas: inout Canvas, rect: Rect, state: AppState) {
    guard !rect.isEmpty else { return }
    var x = rect.x
    for (i, hint) in state.keyMap.fittedHints(in: state.keyContext, width: rect.width).enumerated() {
      if i > 0 { x += 2 }
      x += canvas.put(
        hint.keyLabel, x: x, y: rect.y, maxWidth: rect.maxX - x, style: CellStyle(.footerKey, bold: true))
      x += 1
      x += canvas.put(hint.hint, x: x, y: rect.y, maxWidth: rect.maxX - x, style: CellStyle(.dim))
    }
    guard rect.height >= 2 else { return }
    let status = statusText(state)
    let style = state.isEditingFilter ? CellStyle(.title, bold: true) : CellStyle(.text)
    canvas.put(status, x: rect.x, y: rect.y + 1, maxWidth: rect.width, style: style)
  }
}
