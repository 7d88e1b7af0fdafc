import FlightDeckCore

/// The Registry pane: every (artefact, version, route) seen in telemetry.
///
/// Columns: artefact, kind, version, route, share, req/s, err %, p95,
/// cost/req. Only what telemetry shows: no stages, no approvals. The error
/// rate is coloured and marked per ``ErrorRateLevel`` (< 1 % ok, < 5 % warn
/// `!`, else critical `!!`). The artefact and kind are written on the first
/// row of each artefact only, and on the top visible row when scrolling has
/// hidden that first row (so no row reads as nameless).
public enum RegistryPane {
  /// The table columns. Narrow panes drop share first (the Canary pane's
  /// split bar shows it for canaried artefacts, and it is 100 % otherwise),
  /// then kind, then cost/req. Share and kind also give way so artefact and
  /// version names show in full (``PaneTable/place(_:in:contentWidths:)``);
  /// cost/req does not. The err % column ends in a two-column marker slot.
  public static let columns: [PaneColumn] = [
    PaneColumn("artefact", width: 10, flexible: true),
    PaneColumn("kind", width: 6, dropPriority: 4, yieldsToNames: true),
    PaneColumn("version", width: 8, flexible: true),
    PaneColumn("route", width: 6),
    PaneColumn("share", width: 6, alignment: .right, dropPriority: 5, yieldsToNames: true),
    PaneColumn("req/s", width: 5, alignment: .right),
    PaneColumn("err %  ", width: 8, alignment: .right),
    PaneColumn("p95", width: 7, alignment: .right),
    PaneColumn("cost/req", width: 8, alignment: .right, dropPriority: 3),
  ]

  /// The cells of one version row.
  public static func cells(
    artefact: ArtefactSummary, version v: VersionSummary, first: Bool
  ) -> [(String, CellStyle)] {
    let level = ErrorRateLevel(rate: v.stats.errorRate)
    let routeRole: StyleRole = v.route == .stable ? .stable : (v.route == .canary ? .canary : .shadow)
    return [
      (first ? artefact.name : "", CellStyle(.text, bold: true)),
      (first ? artefact.kind.rawValue : "", CellStyle(.dim)),
      (v.version, CellStyle(.text)),
      (v.route.rawValue, CellStyle(routeRole)),
      (PaneFormat.percent(v.trafficShare), CellStyle(.text)),
      (PaneFormat.rate(v.stats.requestsPerSecond), CellStyle(.text)),
      (level.figure(PaneFormat.percent(v.stats.errorRate)), level.style),
      (PaneFormat.latency(ms: v.stats.p95Ms), CellStyle(.text)),
      (
        PaneFormat.cost(v.stats.costPerRequestUSD), CellStyle(v.stats.costPerRequestUSD == nil ? .dim : .text)
      ),
    ]
  }

  /// Draws the pane (box, header row, rows with scrolling) into `rect`.
  public static func draw(
    into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState, symbols: Symbols
  ) {
    let focused = state.focus == .registry
    var title = PaneID.registry.title
    if !state.filter.isEmpty { title += " /" + state.filter }
    let inner = canvas.drawBox(rect, title: title, focused: focused, symbols: symbols)
    guard !inner.isEmpty else { return }
    guard let snapshot else {
      canvas.put(
        "waiting for telemetry…", x: inner.x, y: inner.y, maxWidth: inner.width, style: CellStyle(.dim))
      return
    }
    let artefacts = AppRows.artefacts(snapshot, filter: state.filter)
    if artefacts.isEmpty {
      let read = snapshot.ingest.recordsTotal
      let text =
        !snapshot.artefacts.isEmpty
        ? "no artefact matches the filter"
        : (read == 0
          ? "no artefacts seen in telemetry yet"
          : "no records in the window (\(read) read; see Ingest errors)")
      canvas.put(text, x: inner.x, y: inner.y, maxWidth: inner.width, style: CellStyle(.dim))
      return
    }
    var rows: [[(String, CellStyle)]] = []
    // Per row, the artefact it belongs to and its version, so a version row
    // scrolled to the top can repeat the artefact's name and kind.
    var owners: [(ArtefactSummary, VersionSummary, Bool)] = []
    for a in artefacts {
      for (i, v) in a.versions.enumerated() {
        rows.append(cells(artefact: a, version: v, first: i == 0))
        owners.append((a, v, i == 0))
      }
    }
    let placements = PaneTable.place(
      columns, in: inner, contentWidths: PaneTable.contentWidths(columns, rows: rows))
    PaneTable.drawHeader(columns, placements: placements, y: inner.y, in: &canvas, clip: inner)
    let visible = max(0, inner.height - 1)
    let selected = state.selection(of: .registry).index
    let offset = PaneTable.scrollOffset(selected: selected, count: rows.count, visible: visible)
    for (n, var row) in rows.enumerated().dropFirst(offset).prefix(visible) {
      if n == offset, !owners[n].2 {
        row = cells(artefact: owners[n].0, version: owners[n].1, first: true)
      }
      PaneTable.drawRow(
        row, columns: columns, placements: placements, y: inner.y + 1 + n - offset,
        selected: n == selected, focused: focused, in: &canvas, clip: inner)
    }
    PaneTable.drawMoreIndicator(rows.count - offset - visible, box: rect, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: rect, in: &canvas)
  }
}
