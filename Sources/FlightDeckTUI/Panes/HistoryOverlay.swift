import FlightDeckCore

/// The pointer-history overlay (`h`): every move of the selected artefact's
/// pointers, newest first — when, which pointer, from → to, who, why, and
/// through which request — so "who moved production, and when" has an
/// answer on screen. Scroll with `j`/`k`; Esc or `h` closes.
public enum HistoryOverlay {
  /// The table columns (`cause` fits `assignment`); narrow screens drop the cause, then the request.
  public static let columns: [PaneColumn] = [
    PaneColumn("when (UTC)", width: 19),
    PaneColumn("pointer", width: 10),
    PaneColumn("from → to", width: 9, flexible: true),
    PaneColumn("who", width: 5, flexible: true),
    PaneColumn("why", width: 12, flexible: true),
    PaneColumn("request", width: 7, dropPriority: 1),
    PaneColumn("cause", width: 10, dropPriority: 2),
  ]

  /// `2025-06-01 14:03:07` of `t` (UTC).
  public static func when(_ t: Timestamp) -> String {
    let rfc = t.rfc3339
    guard rfc.count >= 19 else { return rfc }
    return String(rfc.prefix(10)) + " " + PaneFormat.clock(t)
  }

  /// The cells of one move.
  public static func cells(_ m: PointerMove) -> [(String, CellStyle)] {
    let pointerRole: StyleRole = m.pointer == .production ? .title : .text
    return [
      (when(m.at), CellStyle(.dim)),
      (m.pointer.rawValue, CellStyle(pointerRole, bold: m.pointer == .production)),
      ("\(m.fromVersion ?? "none") → \(m.toVersion ?? "none")", CellStyle(.text, bold: true)),
      (m.actor, CellStyle(.text)),
      (m.reason, CellStyle(.text)),
      (m.requestID.map { "REQ-\($0)" } ?? "", CellStyle(.dim)),
      (m.cause.rawValue, CellStyle(m.cause == .rollback ? .warn : .dim)),
    ]
  }

  /// The content widths the table is placed by: the cells' own, except that
  /// `why` claims every spare column (from → to and who get what they need,
  /// the reason the rest) instead of an even share leaving wide gaps.
  public static func contentWidths(_ rows: [[(String, CellStyle)]]) -> [Int] {
    var widths = PaneTable.contentWidths(columns, rows: rows)
    widths[4] = max(widths[4], AuditOverlay.reasonClaim)
    return widths
  }

  /// Move rows that fit on a `width` × `height` screen.
  public static func visibleRows(width: Int, height: Int) -> Int {
    max(1, OverlayFrame.large(width: width, height: height).height - 3)
  }

  /// Draws the overlay over `canvas` (`width` × `height` screen).
  public static func draw(into canvas: inout Canvas, history: HistoryOverlayState, symbols: Symbols) {
    let box = OverlayFrame.large(width: canvas.width, height: canvas.height)
    guard box.width >= 10, box.height >= 4 else { return }
    canvas.fill(box, style: CellStyle(.text))
    let inner = canvas.drawBox(
      box, title: "History: " + history.artefact + " (Esc closes)", focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    if let error = history.error {
      canvas.put(
        error, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: CellStyle(.critical, bold: true))
      return
    }
    guard let moves = history.moves else {
      canvas.put("loading…", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: CellStyle(.dim))
      return
    }
    guard !moves.isEmpty else {
      canvas.put(
        "no pointer moves recorded for this artefact", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1,
        style: CellStyle(.dim))
      return
    }
    let newestFirst = Array(moves.reversed())
    let rows = newestFirst.map(cells)
    let placements = PaneTable.place(columns, in: inner, contentWidths: contentWidths(rows))
    PaneTable.drawHeader(columns, placements: placements, y: inner.y, in: &canvas, clip: inner)
    let visible = max(0, inner.height - 1)
    let offset = min(history.offset, max(0, rows.count - visible))
    for (n, row) in rows.enumerated().dropFirst(offset).prefix(visible) {
      PaneTable.drawRow(
        row, columns: columns, placements: placements, y: inner.y + 1 + n - offset, selected: false,
        focused: false, in: &canvas, clip: inner)
    }
    PaneTable.drawMoreIndicator(rows.count - offset - visible, box: box, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: box, in: &canvas)
  }
}
