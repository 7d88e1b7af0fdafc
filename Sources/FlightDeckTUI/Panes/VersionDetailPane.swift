import FlightDeckCore

/// The drill-down view (Enter): every version of one artefact with all its
/// window figures. Replaces the Registry pane until Esc. An unfinished
/// rollout of the artefact adds its ``RolloutSummary`` line under the summary,
/// and each routing target carrying the artefact a line of its state
/// (``routingLines(_:state:)``).
///
/// Columns: version, route, share, req, errors, timeouts, p50, p95, p99,
/// TTFT p95, tok/s, cost/req, cost/h; narrow terminals drop the less
/// important ones (TTFT, p50, p99, tok/s, timeouts, cost/h). When any
/// version of the artefact reported prompt-cache tokens, a `cached` column
/// (share of input tokens read from the cache) follows tok/s, kept before
/// TTFT and p50 when space is short, and the summary line gives the
/// artefact's cached share too, so it shows at every width.
public enum VersionDetailPane {
  /// The table columns without the `cached` column.
  public static let columns: [PaneColumn] = [
    PaneColumn("version", width: 8, flexible: true),
    PaneColumn("route", width: 6),
    PaneColumn("share", width: 6, alignment: .right),
    PaneColumn("req", width: 6, alignment: .right),
    PaneColumn("err %  ", width: 8, alignment: .right),
    PaneColumn("timeouts", width: 8, alignment: .right, dropPriority: 3),
    PaneColumn("p50", width: 7, alignment: .right, dropPriority: 5),
    PaneColumn("p95", width: 7, alignment: .right),
    PaneColumn("p99", width: 7, alignment: .right, dropPriority: 4),
    PaneColumn("TTFT p95", width: 8, alignment: .right, dropPriority: 6),
    PaneColumn("tok/s", width: 7, alignment: .right, dropPriority: 2),
    PaneColumn("cost/req", width: 8, alignment: .right),
    PaneColumn("cost/h", width: 9, alignment: .right, dropPriority: 1),
  ]

  /// The `cached` column: the share of input tokens read from the prompt
  /// cache (`cacheReadTokens / inputTokens`), `–` without input tokens.
  public static let cachedColumn = PaneColumn("cached", width: 6, alignment: .right, dropPriority: 5)

  /// Where the `cached` column goes: after tok/s.
  static let cachedColumnIndex = (columns.firstIndex { $0.title == "tok/s" } ?? columns.count - 3) + 1

  /// The columns for an artefact whose versions did (`showingCache`) or did
  /// not report prompt-cache tokens.
  public static func columns(showingCache: Bool) -> [PaneColumn] {
    var c = columns
    if showingCache { c.insert(cachedColumn, at: cachedColumnIndex) }
    return c
  }

  /// Whether any version of `artefact` reported prompt-cache tokens.
  public static func showsCache(_ artefact: ArtefactSummary?) -> Bool {
    artefact?.versions.contains { $0.stats.cacheReadTokens + $0.stats.cacheWriteTokens > 0 } ?? false
  }

  /// The cells of one version row (with the `cached` cell when
  /// `showingCache`).
  public static func cells(_ v: VersionSummary, showingCache: Bool = false) -> [(String, CellStyle)] {
    var row = baseCells(v)
    if showingCache {
      let share = v.stats.cachedInputShare
      row.insert(
        (share.map(PaneFormat.percent) ?? "–", CellStyle(share == nil ? .dim : .text)), at: cachedColumnIndex)
    }
    return row
  }

  /// The cells of the columns in ``columns``.
  static func baseCells(_ v: VersionSummary) -> [(String, CellStyle)] {
    let s = v.stats
    let level = ErrorRateLevel(rate: s.errorRate)
    let routeRole: StyleRole = v.route == .stable ? .stable : (v.route == .canary ? .canary : .shadow)
    return [
      (v.version, CellStyle(.text, bold: true)),
      (v.route.rawValue, CellStyle(routeRole)),
      (PaneFormat.percent(v.trafficShare), CellStyle(.text)),
      ("\(s.requests)", CellStyle(.text)),
      (level.figure(PaneFormat.percent(s.errorRate)), level.style),
      ("\(s.timeouts)", CellStyle(.text)),
      (PaneFormat.latency(ms: s.p50Ms), CellStyle(.text)),
      (PaneFormat.latency(ms: s.p95Ms), CellStyle(.text)),
      (PaneFormat.latency(ms: s.p99Ms), CellStyle(.text)),
      (PaneFormat.latency(ms: s.ttftP95Ms), CellStyle(.text)),
      (PaneFormat.rate(s.tokensPerSecond), CellStyle(.text)),
      (PaneFormat.cost(s.costPerRequestUSD), CellStyle(s.costPerRequestUSD == nil ? .dim : .text)),
      (PaneFormat.costPerHour(s.costPerHourUSD), CellStyle(s.costPerHourUSD == nil ? .dim : .text)),
    ]
  }

  /// The summary line's cache part, `, cached 96.6% of input`, when the
  /// window's requests reported prompt-cache tokens; empty otherwise.
  public static func cachedSummary(_ total: WindowStats) -> String {
    guard total.cacheReadTokens + total.cacheWriteTokens > 0, let share = total.cachedInputShare else {
      return ""
    }
    return ", cached " + PaneFormat.percent(share) + " of input"
  }

  /// The summary line's cost part, `, cost $0.0123 ingested (price table
  /// $0.0150)`, when some request's ingested cost (LiteLLM's
  /// `response_cost`, Langfuse's cost details) differs from what the price
  /// table charges for its tokens (``WindowStats/recomputedCostUSD``); empty
  /// otherwise. The ingested figure is the one every other cost shows.
  public static func recomputedCostSummary(_ total: WindowStats) -> String {
    guard let table = total.recomputedCostUSD else { return "" }
    return ", cost " + PaneFormat.cost(total.costUSD) + " ingested (price table "
      + PaneFormat.cost(table) + ")"
  }

  /// The cells of a registered version with no traffic in the window:
  /// route `idle`, every figure `–`.
  public static func idleCells(_ label: String, showingCache: Bool = false) -> [(String, CellStyle)] {
    [(label, CellStyle(.text, bold: true)), ("idle", CellStyle(.dim))]
      + Array(repeating: ("–", CellStyle(.dim)), count: columns(showingCache: showingCache).count - 2)
  }

  /// The rows of artefact `name`: (version label, cells) for each version
  /// leg in the telemetry window, then each registered version without
  /// traffic (so every version the registry keys can act on is listed).
  public static func rows(_ name: String, snapshot: DashboardSnapshot?, state: AppState)
    -> [(label: String, cells: [(String, CellStyle)])]
  {
    let artefact = snapshot?.artefacts.first(where: { $0.name == name })
    let legs = artefact?.versions ?? []
    let cache = showsCache(artefact)
    var rows = legs.map { (label: $0.version, cells: cells($0, showingCache: cache)) }
    // While drilled into `name`, the rows hold that artefact alone.
    let overview =
      state.registryRows.overviewIndices.lazy.map { state.overview.artefacts[$0] }.first { $0.name == name }
      ?? state.overview.artefacts.first { $0.name == name }
    let seen = Set(legs.map(\.version))
    for v in overview?.versions ?? [] where v.legs.isEmpty && !seen.contains(v.label) {
      rows.append((label: v.label, cells: idleCells(v.label, showingCache: cache)))
    }
    return rows
  }

  /// The routing lines of artefact `name`: one per target carrying it, as
  /// last read (``AppState/routingStatus``), e.g.
  /// `route gateway (litellm): in sync, 3f2a9c1e0b7d published 14:03:07`
  /// or `route gateway (litellm): drifted, … — support-bot v12: the file says 80 %…`
  /// (digest cut to 12 hex digits, time UTC); in sync in the dim style, out
  /// of date in warn, drifted or failing in critical. Empty without targets.
  public static func routingLines(_ name: String, state: AppState) -> [(text: String, style: CellStyle)] {
    (state.routingStatus ?? []).filter { $0.target.carries(name) }.map { s in
      var text =
        "route \(Sanitizer.sanitize(s.target.name)) (\(s.target.kind.rawValue)): \(s.condition.rawValue)"
      if let digest = s.digest {
        text += ", " + String(digest.prefix(12))
        if let at = s.publishedAt { text += " published " + PaneFormat.clock(at) }
      } else {
        text += ", never published"
      }
      if s.condition != .inSync, let detail = s.detail, detail != "never published" {
        text += " — " + Sanitizer.sanitize(detail)
      }
      let style: CellStyle
      switch s.condition {
      case .inSync: style = CellStyle(.dim)
      case .outOfDate: style = CellStyle(.warn)
      case .drifted, .failing: style = CellStyle(.critical, bold: true)
      }
      return (text, style)
    }
  }

  /// Draws the detail of artefact `name` into `rect`. The version selected
  /// for the registry keys (``AppState/selectedVersion``) is marked `>`,
  /// as a bar while the Registry has focus.
  public static func draw(
    _ name: String, into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState,
    symbols: Symbols
  ) {
    let focused = state.focus == .registry || state.focus == .canary
    let inner = canvas.drawBox(rect, title: "Detail: " + name, focused: focused, symbols: symbols)
    guard !inner.isEmpty else { return }
    let rows = rows(name, snapshot: snapshot, state: state)
    let artefact = snapshot?.artefacts.first(where: { $0.name == name })
    guard !rows.isEmpty else {
      canvas.put(
        "no data for this artefact in the window", x: inner.x, y: inner.y, maxWidth: inner.width,
        style: CellStyle(.dim))
      return
    }
    let summary: String
    if let artefact {
      summary =
        "\(artefact.kind.rawValue), \(artefact.versions.count) version(s); user-facing total "
        + PaneFormat.rate(artefact.total.requestsPerSecond) + " req/s, err "
        + PaneFormat.percent(artefact.total.errorRate) + ", p95 "
        + PaneFormat.latency(ms: artefact.total.p95Ms)
        + cachedSummary(artefact.total) + recomputedCostSummary(artefact.total)
    } else {
      summary = "no traffic in the window"
    }
    canvas.put(summary, x: inner.x, y: inner.y, maxWidth: inner.width, style: CellStyle(.dim))
    var top = inner.y + 1
    if let rollout = state.registry?.artefact(name)?.rollout, top < inner.maxY {
      RolloutSummary.draw(rollout, x: inner.x, y: top, maxX: inner.maxX, in: &canvas)
      top += 1
    }
    // One line per routing target carrying the artefact, while two rows stay for the table.
    for line in routingLines(name, state: state) where top < inner.maxY - 2 {
      canvas.put(sanitized: line.text, x: inner.x, y: top, maxWidth: inner.width, style: line.style)
      top += 1
    }
    let table = Rect(x: inner.x, y: top, width: inner.width, height: inner.maxY - top)
    guard !table.isEmpty else { return }
    let columns = columns(showingCache: showsCache(artefact))
    let placements = PaneTable.place(columns, in: table)
    PaneTable.drawHeader(columns, placements: placements, y: table.y, in: &canvas, clip: table)
    let selectedLabel = state.selectedVersion.flatMap { $0.artefact == name ? $0.version : nil }
    let selectedRow = rows.firstIndex { $0.label == selectedLabel }
    let visible = max(0, table.height - 1)
    let offset = PaneTable.scrollOffset(selected: selectedRow ?? 0, count: rows.count, visible: visible)
    for (i, row) in rows.enumerated().dropFirst(offset).prefix(visible) {
      PaneTable.drawRow(
        row.cells, columns: columns, placements: placements, y: table.y + 1 + i - offset,
        selected: i == selectedRow, focused: state.focus == .registry, in: &canvas, clip: table)
    }
    PaneTable.drawMoreIndicator(rows.count - offset - visible, box: rect, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: rect, in: &canvas)
  }
}
