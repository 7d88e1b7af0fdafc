/// The Alerts and Incidents panes, which have no feature behind them yet.
///
/// They are in the layout so the screen does not change shape when alert
/// rules and incidents land (a later issue); until then they say so plainly
/// and show no rows — no fake data.
public enum PlaceholderPane {
  /// The plain statement each pane shows.
  public static func message(for pane: PaneID) -> String {
    switch pane {
    case .alerts: return "No alert rules configured yet."
    case .incidents: return "No incidents (not configured yet)."
    default: return ""
    }
  }

  /// Draws `pane`'s box and its message into `rect`.
  public static func draw(
    _ pane: PaneID, into canvas: inout Canvas, rect: Rect, state: AppState, symbols: Symbols
  ) {
    let inner = canvas.drawBox(rect, title: pane.title, focused: state.focus == pane, symbols: symbols)
    guard !inner.isEmpty else { return }
    for (i, line) in WordWrap.lines(message(for: pane), width: inner.width).prefix(inner.height).enumerated()
    {
      canvas.put(line, x: inner.x, y: inner.y + i, maxWidth: inner.width, style: CellStyle(.dim))
    }
  }
}
