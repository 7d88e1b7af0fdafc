import FlightDeckCore

/// The audit pane (`A`): the chain verification made on opening —
/// `chain intact: 42 entries, head 3f2a9c1e…` in the ok style, or
/// `TAMPERED at #17: edited` and the evidence in the critical style — then
/// the entries in sequence order (sequence, time, actor, how the actor was
/// identified, action, subject, reason). Scroll with `j`/`k`/PgUp/PgDn; Esc
/// or `A` closes.
public enum AuditOverlay {
  /// The table columns; narrow screens drop the time first, then how the actor was identified.
  public static let columns: [PaneColumn] = [
    PaneColumn("#", width: 5, alignment: .right),
    PaneColumn("when (UTC)", width: 19, dropPriority: 2),
    PaneColumn("actor", width: 8, flexible: true),
    PaneColumn("identified", width: 10, dropPriority: 1),
    PaneColumn("action", width: 17),
    PaneColumn("subject", width: 12, flexible: true),
    PaneColumn("reason", width: 10, flexible: true),
  ]

  /// The verification line and its style.
  public static func verificationLine(_ v: AuditVerification) -> (String, CellStyle) {
    if let p = v.problem {
      return (
        "TAMPERED at #\(p.sequence): \(p.tampering.rawValue) — \(p.detail)",
        CellStyle(.critical, bold: true, reverse: true)
      )
    }
    if let first = v.mismatches.first {
      let more = v.mismatches.count > 1 ? " (and \(v.mismatches.count - 1) more)" : ""
      return (
        "TABLES AND LOG DISAGREE: \(first)\(more)", CellStyle(.critical, bold: true, reverse: true)
      )
    }
    let head = v.headHash.map { ", head " + String($0.prefix(8)) + "…" } ?? ""
    return (
      "chain intact: \(PaneFormat.count(v.entriesChecked, "entry", plural: "entries"))\(head)",
      CellStyle(.ok, bold: true)
    )
  }

  /// The identified cell of an entry: `db role` (ok), `env var`, `OS user`
  /// or `asserted` (unauthenticated: warn, not bold), `system` or `—` (an
  /// entry from before FlightDeck recorded it) (dim).
  public static func identified(_ identity: ActorIdentification?) -> (String, CellStyle) {
    switch identity {
    case .databaseRole: ("db role", CellStyle(.ok))
    case .flightdeckUser: ("env var", CellStyle(.warn))
    case .osUser: ("OS user", CellStyle(.warn))
    case .asserted: ("asserted", CellStyle(.warn))
    case .system: ("system", CellStyle(.dim))
    case nil: ("—", CellStyle(.dim))
    }
  }

  /// The cells of one entry; entries after a tampering point are marked in the critical style.
  public static func cells(_ e: AuditEntry, suspect: Bool) -> [(String, CellStyle)] {
    let style = suspect ? CellStyle(.critical) : CellStyle(.text)
    return [
      ("\(e.sequence)", suspect ? CellStyle(.critical, bold: true) : CellStyle(.dim)),
      (HistoryOverlay.when(e.at), CellStyle(.dim)),
      (e.actor, style),
      identified(e.identity),
      (e.action.rawValue, CellStyle(e.action == .rollback ? .warn : .text, bold: true)),
      (e.subject, style),
      (e.reason, style),
    ]
  }

  /// Widest the subject column grows to before the reason gets the spare
  /// width (a longer subject is cut with `…`).
  public static let subjectCap = 24

  /// Widest the actor column grows to before the reason gets the spare width.
  public static let actorCap = 16

  /// The width the reason column claims when placed: more than any screen,
  /// so it takes every spare column the actor and subject leave.
  static let reasonClaim = 10_000

  /// The content widths the table is placed by: the cells' own, with the
  /// actor and subject capped (``actorCap``, ``subjectCap``) and the reason
  /// claiming the rest, so the reason — the column an auditor reads — gets
  /// a fair share of the width.
  public static func contentWidths(_ rows: [[(String, CellStyle)]]) -> [Int] {
    var widths = PaneTable.contentWidths(columns, rows: rows)
    widths[2] = min(widths[2], actorCap)
    widths[5] = min(widths[5], subjectCap)
    // The reason takes whatever is left, rather than sharing it evenly with
    // the actor and subject (which would leave short reasons beside wide gaps).
    widths[6] = max(widths[6], reasonClaim)
    return widths
  }

  /// Entry rows that fit on a `width` × `height` screen.
  public static func visibleRows(width: Int, height: Int) -> Int {
    max(1, OverlayFrame.large(width: width, height: height).height - 4)
  }

  /// Draws the audit pane over `canvas`.
  public static func draw(into canvas: inout Canvas, audit: AuditOverlayState, symbols: Symbols) {
    let box = OverlayFrame.large(width: canvas.width, height: canvas.height)
    guard box.width >= 10, box.height >= 4 else { return }
    canvas.fill(box, style: CellStyle(.text))
    let inner = canvas.drawBox(box, title: "Audit log (Esc closes)", focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    if let error = audit.error {
      canvas.put(
        error, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: CellStyle(.critical, bold: true))
      return
    }
    guard let entries = audit.entries, let verification = audit.verification else {
      canvas.put(
        "verifying the chain…", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: CellStyle(.dim))
      return
    }
    let (text, style) = verificationLine(verification)
    canvas.put(text, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: style)
    let table = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
    guard !table.isEmpty else { return }
    let suspectFrom = verification.problem?.sequence ?? Int64.max
    let rows = entries.map { cells($0, suspect: $0.sequence >= suspectFrom) }
    let placements = PaneTable.place(columns, in: table, contentWidths: contentWidths(rows))
    PaneTable.drawHeader(columns, placements: placements, y: table.y, in: &canvas, clip: table)
    let visible = max(0, table.height - 1)
    let offset = min(audit.offset, max(0, rows.count - visible))
    for (n, row) in rows.enumerated().dropFirst(offset).prefix(visible) {
      PaneTable.drawRow(
        row, columns: columns, placements: placements, y: table.y + 1 + n - offset, selected: false,
        focused: false, in: &canvas, clip: table)
    }
    PaneTable.drawMoreIndicator(rows.count - offset - visible, box: box, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: box, in: &canvas)
  }
}
