import FlightDeckCore

/// The Registry pane: per artefact, its versions with their pointers, open
/// requests and what telemetry shows them doing (``RegistryOverview``).
///
/// Columns: artefact, kind, version, pointers (`prod`, `canary`, `staging`…),
/// gates (the latest evaluation-gate check: `✓` passed, `✗` failed, `–` never
/// checked; dropped first when narrow), route, share, req/s, err %, p95, cost/req, request (`REQ-3 1/2`). A
/// version seen in telemetry but not registered reads `? v9` in the dim
/// style, and the bottom border carries the legend `? not registered`; a
/// registered version without traffic shows route `idle` and `–` figures. The error rate is
/// coloured and marked per ``ErrorRateLevel`` (< 1 % ok, < 5 % warn `!`,
/// else critical `!!`). The artefact and kind are written on the first row
/// of each artefact only, and on the top visible row when scrolling has
/// hidden that first row (so no row reads as nameless).
public enum RegistryPane {
  /// The table columns. Narrow panes drop share first, then kind, then
  /// cost/req (all three also give way so artefact and version names show
  /// in full, ``PaneTable/place(_:in:contentWidths:)``), then the request
  /// column; names, pointers and the error rate never go. Without a
  /// registry the pointers column is left out, and the request column when
  /// no shown version has an open request (``shownColumns(registry:requests:)``).
  public static let columns: [PaneColumn] = [
    PaneColumn("artefact", width: 10, flexible: true),
    PaneColumn("kind", width: 6, dropPriority: 4, yieldsToNames: true),
    PaneColumn("version", width: 8, flexible: true),
    PaneColumn("pointers", width: 8, flexible: true),
    PaneColumn("gates", width: 5, dropPriority: 6),
    PaneColumn("route", width: 6),
    PaneColumn("share", width: 6, alignment: .right, dropPriority: 5, yieldsToNames: true),
    PaneColumn("req/s", width: 5, alignment: .right),
    PaneColumn("err %  ", width: 8, alignment: .right),
    PaneColumn("p95", width: 7, alignment: .right),
    PaneColumn("cost/req", width: 8, alignment: .right, dropPriority: 3, yieldsToNames: true),
    PaneColumn("request", width: 10, dropPriority: 2),
  ]

  /// The legend drawn in the bottom border when a row is unregistered.
  public static let unregisteredLegend = "? not registered"
  /// The legend drawn in the bottom border when a row was rolled back.
  public static let rolledBackLegend = "↺ rolled back"

  /// Indices into ``columns`` of the columns worth showing: the pointers
  /// column only with a `registry`, the request column only when `requests`.
  public static func shownColumns(registry: Bool, requests: Bool) -> [Int] {
    columns.indices.filter { i in
      switch columns[i].title {
      case "pointers", "gates": return registry
      case "request": return requests
      default: return true
      }
    }
  }

  /// How a pointer is tagged: `prod` for production, else its name.
  public static func tag(_ pointer: PointerName) -> String {
    pointer == .production ? "prod" : pointer.rawValue
  }

  /// The cells of one version row.
  public static func cells(
    artefact: OverviewArtefact, version v: OverviewVersion, first: Bool
  ) -> [(String, CellStyle)] {
    let name = first ? artefact.name : ""
    let pointerText = pointerText(v)
    let pointerStyle = CellStyle(.title, bold: true)
    let request: (String, CellStyle) =
      v.openRequest.map { r in
        ("\(r.displayID) \(r.approvalText)", CellStyle(.warn, bold: true))
      } ?? ("", CellStyle(.dim))
    let label = label(v)
    let kind = (first ? artefact.kind.rawValue : "", CellStyle(.dim))
    // The latest gate check: ✓ passed, ✗ failed, – never checked (blank when not registered).
    let passed = ("✓", CellStyle(.ok, bold: true))
    let failed = ("✗", CellStyle(.critical, bold: true))
    let gates: (String, CellStyle) =
      v.isUnregistered
      ? ("", CellStyle(.dim)) : v.gates.map { $0.passed ? passed : failed } ?? ("–", CellStyle(.dim))
    guard let leg = v.primaryLeg else {
      let none = ("–", CellStyle(.dim))
      return [
        (name, CellStyle(.text, bold: true)), kind, label, (pointerText, pointerStyle), gates,
        ("idle", CellStyle(.dim)), none, none, none, none, none, request,
      ]
    }
    let s = leg.stats
    let level = ErrorRateLevel(rate: s.errorRate)
    let routeRole: StyleRole = leg.route == .stable ? .stable : (leg.route == .canary ? .canary : .shadow)
    let route = leg.route.rawValue + (v.legs.count > 1 ? "+" : "")
    let figure = v.isUnregistered ? CellStyle(.dim) : CellStyle(.text)
    return [
      (name, CellStyle(.text, bold: true)),
      kind,
      label,
      (pointerText, pointerStyle),
      gates,
      (route, CellStyle(routeRole)),
      (PaneFormat.percent(v.trafficShare ?? 0), figure),
      (PaneFormat.rate(s.requestsPerSecond), figure),
      (level.figure(PaneFormat.percent(s.errorRate)), level.style),
      (PaneFormat.latency(ms: s.p95Ms), figure),
      (PaneFormat.cost(s.costPerRequestUSD), s.costPerRequestUSD == nil ? CellStyle(.dim) : figure),
      request,
    ]
  }

  /// The pointers cell of a version row: its pointers' tags, space-separated.
  public static func pointerText(_ v: OverviewVersion) -> String {
    v.pointers.map(tag).joined(separator: " ")
  }

  /// Whether a version row was rolled back and production is not on it now.
  public static func isRolledBack(_ v: OverviewVersion) -> Bool {
    v.rolledBackAt != nil && !v.pointers.contains(.production)
  }

  /// The version cell of a row: `? v9` (dim) when unregistered, `v6 ↺`
  /// (warn) when rolled back, else the label.
  public static func label(_ v: OverviewVersion) -> (String, CellStyle) {
    if isRolledBack(v) { return (v.label + " ↺", CellStyle(.warn, bold: true)) }
    return v.isUnregistered ? ("? " + v.label, CellStyle(.dim, bold: true)) : (v.label, CellStyle(.text))
  }

  /// Draws the pane (box, header row, rows with scrolling) into `rect`.
  ///
  /// Only the visible rows are formatted; the columns are sized to every
  /// shown row's names through ``RegistryRows/nameWidths`` (worked out once
  /// per snapshot, filter or registry change), so a frame costs the rows on
  /// screen, not the artefacts telemetry names.
  public static func draw(
    into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState, symbols: Symbols
  ) {
    let focused = state.focus == .registry
    var title = PaneID.registry.title
    if !state.filter.isEmpty { title += " /" + state.filter }
    let inner = canvas.drawBox(rect, title: title, focused: focused, symbols: symbols)
    guard !inner.isEmpty else { return }
    guard snapshot != nil || state.registry != nil else {
      canvas.put(
        "waiting for telemetry…", x: inner.x, y: inner.y, maxWidth: inner.width, style: CellStyle(.dim))
      return
    }
    let table =
      state.drillDown == nil && RegistryRows.sameStorage(snapshot?.artefacts, state.snapshot?.artefacts)
      ? state.registryRows
      : RegistryRows(registry: state.registry, snapshot: snapshot, filter: state.filter, drillDown: nil)
    if table.overviewIndices.isEmpty {
      let read = snapshot?.ingest.recordsTotal ?? 0
      let text =
        !table.overview.artefacts.isEmpty
        ? "no artefact matches the filter"
        : (read == 0
          ? "no artefacts registered or seen in telemetry yet"
          : "no records in the window (\(read) read; see Ingest errors)")
      canvas.put(text, x: inner.x, y: inner.y, maxWidth: inner.width, style: CellStyle(.dim))
      return
    }
    let shown = shownColumns(registry: table.overview.hasRegistry, requests: table.hasOpenRequest)
    let columns = shown.map { Self.columns[$0] }
    func pick(_ row: [(String, CellStyle)]) -> [(String, CellStyle)] { shown.map { row[$0] } }
    // Only flexible columns take their content width into account (the
    // others keep their minimum), and those are the name columns.
    let widths = columns.map { c in max(DisplayWidth.of(c.title), table.nameWidths[c.title] ?? 0) }
    // The pointers column's width holds every pointer at once (so it stays
    // put when one moves); no other column is dropped for that reserve.
    let yield = zip(columns, widths).map { c, w in c.title == "pointers" ? DisplayWidth.of(c.title) : w }
    let placements = PaneTable.place(columns, in: inner, contentWidths: widths, yieldWidths: yield)
    PaneTable.drawHeader(columns, placements: placements, y: inner.y, in: &canvas, clip: inner)
    let visible = max(0, inner.height - 1)
    let selected = state.selection(of: .registry).index
    let count = table.count
    let offset = PaneTable.scrollOffset(selected: selected, count: count, visible: visible)
    for n in offset..<min(count, offset + visible) {
      // A version row scrolled to the top repeats the artefact's name and kind.
      let (artefact, version, first) = table.row(n)
      let row = pick(cells(artefact: artefact, version: version, first: first || n == offset))
      PaneTable.drawRow(
        row, columns: columns, placements: placements, y: inner.y + 1 + n - offset,
        selected: n == selected, focused: focused, in: &canvas, clip: inner)
    }
    PaneTable.drawMoreIndicator(count - offset - visible, box: rect, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: rect, in: &canvas)
    var legend: [String] = []
    if table.hasUnregistered { legend.append(unregisteredLegend) }
    if table.hasRolledBack { legend.append(rolledBackLegend) }
    drawLegend(legend, box: rect, in: &canvas)
  }

  /// Writes the legend (e.g. ` ? not registered  ↺ rolled back `) into the
  /// bottom border, left, two columns in, in the left half of the border
  /// (the more-rows indicator is on the right).
  static func drawLegend(_ parts: [String], box: Rect, in canvas: inout Canvas) {
    guard !parts.isEmpty, box.height >= 2, box.width >= 24 else { return }
    let text = " " + parts.joined(separator: "  ") + " "
    canvas.put(
      text, x: box.x + 2, y: box.maxY - 1, maxWidth: box.width / 2 - 2, style: CellStyle(.dim, bold: true))
  }
}
