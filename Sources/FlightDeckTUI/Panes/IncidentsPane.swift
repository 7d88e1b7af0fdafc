import FlightDeckCore

/// The Incidents pane: the queue (``AppRows/incidents(_:)``: open incidents
/// by severity then age, then the recently resolved), one row each with id,
/// severity, state, title, commander, age (open) or duration (resolved) and
/// time to acknowledge. Titles and names are untrusted text: the canvas
/// sanitises them.
public enum IncidentsPane {
  /// The table columns; when narrow TTA, commander, age and then state
  /// drop, so id, severity and title always show.
  public static let columns: [PaneColumn] = [
    PaneColumn("id", width: 6),
    PaneColumn("sev", width: 4),
    PaneColumn("state", width: 12, dropPriority: 4),
    PaneColumn("title", width: 8, flexible: true),
    PaneColumn("commander", width: 9, flexible: true, dropPriority: 2),
    PaneColumn("age", width: 6, alignment: .right, dropPriority: 3),
    PaneColumn("TTA", width: 6, alignment: .right, dropPriority: 1),
  ]

  /// The sentence shown when the queue is empty.
  public static let emptyText = "No incidents. Open one with i on an alert, a version or a canary."

  /// The counts line, e.g. `2 open (1 SEV1) · 1 resolved`.
  public static func counts(_ incidents: [Incident]) -> String {
    let open = incidents.filter { $0.state.isOpen }
    let sev1 = open.filter { $0.severity == .sev1 }.count
    return "\(open.count) open" + (sev1 > 0 ? " (\(sev1) SEV1)" : "")
      + " · \(incidents.count - open.count) resolved"
  }

  /// The row style: open SEV1/SEV2 incidents nobody acknowledged are
  /// critical, other open ones warn, resolved ones dim.
  public static func style(_ i: Incident) -> CellStyle {
    guard i.state.isOpen else { return CellStyle(.dim) }
    if i.state == .triggered && i.severity <= .sev2 { return CellStyle(.critical, bold: true) }
    return CellStyle(.warn)
  }

  /// The cells of one row at `now`: age is time open so far (open) or the
  /// incident's duration (resolved).
  public static func cells(_ i: Incident, now: Timestamp) -> [(String, CellStyle)] {
    let style = style(i)
    return [
      (i.displayID, CellStyle(style.role, bold: true)),
      (i.severity.rawValue, style),
      (i.state.rawValue, style),
      (i.title, CellStyle(.text)),
      (i.commander ?? "-", CellStyle(i.commander == nil ? .dim : .text)),
      (PaneFormat.duration(ms: max(0, i.durationMs(now: now))), CellStyle(.dim)),
      (i.timeToAcknowledgeMs.map { PaneFormat.duration(ms: max(0, $0)) } ?? "-", CellStyle(.dim)),
    ]
  }

  /// Inner rows the pane would like (counts, header, rows; or one line).
  public static func wantedRows(_ incidents: [Incident]?) -> Int? {
    guard let incidents, !incidents.isEmpty else { return nil }
    return incidents.count + 2
  }

  /// Draws the pane into `rect`.
  public static func draw(
    into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState, symbols: Symbols
  ) {
    let focused = state.focus == .incidents
    let queue = AppRows.incidents(state.incidents ?? [])
    let open = queue.filter { $0.state.isOpen }.count
    let title = PaneID.incidents.title + (open > 0 ? " (\(open) open)" : "")
    let inner = canvas.drawBox(rect, title: title, focused: focused, symbols: symbols)
    guard !inner.isEmpty else { return }
    guard !queue.isEmpty else {
      let text: String
      if let problem = state.incidentsProblem {
        text = "Incidents unavailable: " + problem
      } else if state.incidents == nil {
        text =
          state.registry == nil
          ? "No incidents: " + (state.registryProblem ?? AppUpdate.noRegistryText) : "loading incidents…"
      } else {
        text = emptyText
      }
      for (i, line) in WordWrap.lines(text, width: inner.width).prefix(inner.height).enumerated() {
        canvas.put(line, x: inner.x, y: inner.y + i, maxWidth: inner.width, style: CellStyle(.dim))
      }
      return
    }
    let now =
      snapshot?.now ?? queue.map { $0.resolvedAt ?? $0.openedAt }.max()
      ?? Timestamp(millisecondsSinceEpoch: 0)
    canvas.put(
      counts(queue), x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1,
      style: open > 0 ? CellStyle(.warn, bold: true) : CellStyle(.dim))
    guard inner.height >= 2 else { return }
    let table = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
    let rows = queue.map { cells($0, now: now) }
    PaneTable.drawScrolling(
      columns, rows: rows, in: table, box: rect, selected: state.selection(of: .incidents).index,
      focused: focused,
      canvas: &canvas)
  }
}
