/// The help overlay (`?`): a centred box listing every binding of the key map.
///
/// Generated from the ``KeyMap`` (keys, help text, scope), so it always
/// matches what the keys do. When the terminal is too short for every row,
/// the last row says how many bindings are not shown.
public enum HelpOverlay {
  /// The rows (keys, help, scope) for `keyMap`, in key-map order.
  public static func rows(_ keyMap: KeyMap) -> [(keys: String, help: String, scope: String)] {
    keyMap.bindings.map { ($0.keyLabel, $0.help, $0.scope.label) }
  }

  /// The box rectangle for `keyMap` centred in `area`.
  public static func boxRect(for keyMap: KeyMap, in area: Rect) -> Rect {
    let rows = rows(keyMap)
    let keysW = max(4, rows.map { DisplayWidth.of($0.keys) }.max() ?? 0)
    let helpW = max(4, rows.map { DisplayWidth.of($0.help) }.max() ?? 0)
    let scopeW = max(5, rows.map { DisplayWidth.of($0.scope) }.max() ?? 0)
    let wanted = keysW + helpW + scopeW + 4 + 4
    let width = min(wanted, area.width - 2)
    let height = min(rows.count + 3, area.height - 2)
    return Rect(
      x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width,
      height: height)
  }

  /// Draws the overlay over whatever is on `canvas` within `area`.
  public static func draw(into canvas: inout Canvas, area: Rect, keyMap: KeyMap, symbols: Symbols) {
    let box = boxRect(for: keyMap, in: area)
    guard box.width >= 4, box.height >= 3 else { return }
    canvas.fill(box, style: CellStyle(.text))
    let inner = canvas.drawBox(box, title: "Help: keys (Esc or ? closes)", focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    let rows = rows(keyMap)
    let columns = [
      PaneColumn("keys", width: max(4, rows.map { DisplayWidth.of($0.keys) }.max() ?? 0)),
      PaneColumn("action", width: 4, flexible: true),
      PaneColumn("scope", width: max(5, rows.map { DisplayWidth.of($0.scope) }.max() ?? 0), dropPriority: 1),
    ]
    let placements = PaneTable.place(columns, in: inner)
    PaneTable.drawHeader(columns, placements: placements, y: inner.y, in: &canvas, clip: inner)
    let room = inner.height - 1
    let fits = rows.count <= room
    let shown = fits ? rows.count : max(0, room - 1)
    for (i, row) in rows.prefix(shown).enumerated() {
      PaneTable.drawRow(
        [
          (row.keys, CellStyle(.footerKey, bold: true)), (row.help, CellStyle(.text)),
          (row.scope, CellStyle(.dim)),
        ], columns: columns, placements: placements, y: inner.y + 1 + i, selected: false, focused: false,
        in: &canvas, clip: inner)
    }
    if !fits, room >= 1 {
      canvas.put(
        "… \(rows.count - shown) more: enlarge the terminal", x: inner.x + 1, y: inner.maxY - 1,
        maxWidth: inner.width - 1, style: CellStyle(.dim))
    }
  }
}
