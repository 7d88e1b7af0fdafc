import FlightDeckCore

/// The Ingest errors pane: the most recent malformed lines, newest first,
/// as `file:line: field: reason` (``IngestError/description``).
///
/// Selection follows ``PaneTable/drawRow(_:columns:placements:y:selected:focused:in:clip:)``:
/// `>` marker always, the ``StyleRole/selection`` bar when focused.
///
/// The title carries the malformed-line total so the operator sees it even
/// when the list is scrolled or the pane is small.
public enum IngestErrorsPane {
  /// Draws the pane into `rect`.
  public static func draw(
    into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState, symbols: Symbols
  ) {
    let focused = state.focus == .errors
    let total = snapshot?.ingest.malformedLines ?? 0
    let title = PaneID.errors.title + (total > 0 ? " (\(total) malformed)" : "")
    let inner = canvas.drawBox(rect, title: title, focused: focused, symbols: symbols)
    guard !inner.isEmpty else { return }
    let errors = snapshot.map(AppRows.errors) ?? []
    if errors.isEmpty {
      canvas.put("No malformed lines.", x: inner.x, y: inner.y, maxWidth: inner.width, style: CellStyle(.dim))
      return
    }
    let selected = state.selection(of: .errors).index
    let offset = PaneTable.scrollOffset(selected: selected, count: errors.count, visible: inner.height)
    for (n, e) in errors.enumerated().dropFirst(offset).prefix(inner.height) {
      let y = inner.y + n - offset
      let isSelected = n == selected
      let bar = isSelected && focused
      if bar {
        canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: CellStyle(.selection))
      }
      if isSelected {
        canvas.put(">", x: inner.x, y: y, maxWidth: 1, style: CellStyle(.selection, bold: true))
      }
      canvas.put(
        e.description, x: inner.x + 1, y: y, maxWidth: inner.width - 1,
        style: CellStyle(bar ? .selection : .warn))
    }
    PaneTable.drawMoreIndicator(errors.count - offset - inner.height, box: rect, in: &canvas)
  }
}
