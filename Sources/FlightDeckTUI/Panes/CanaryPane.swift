import FlightDeckCore
import Foundation

/// The Canary pane: for each artefact with more than one version live, the
/// traffic split and canary versus stable side by side.
///
/// Per artefact (a block of 7 to 9 rows): the name (and the shadow mirror
/// fraction); for an artefact with a rollout in the registry (its latest,
/// finished or not), one line `rollout RO-1 v13: analysing step 3/10 at 10 % —
/// <message>` or `rollout RO-1 v13: aborted at 50 % — error rate 0.6% → 6.1%,
/// p=3e-09 · analysis failed: …` (see ``RolloutSummary``); Enter on the
/// block opens the verdict drill-down (``VerdictOverlay``) and `+`/`-` the
/// what-if panel (``WhatIfPanel``); the canary weight line, labelled, with
/// the weight configured in the registry and the share of requests the
/// canary actually served over the window side by side (``weightText(_:configured:windowMs:)``:
/// `canary weight: set 25 % │ observed 5.1 % of requests over 15m`);
/// a ``SplitBar`` of the user-facing split (stable / canary,
/// summing to 100 %) with `route version pct%` inside each segment — and a
/// legend row under it only when some label does not fit in the bar, listing
/// just those segments; then a
/// table of error rate, p95 latency and cost per request for stable, canary,
/// the delta canary − stable with a ▲/▼ marker (`+`/`-` sign always written,
/// so it reads without colour or Unicode), and shadow; then a blank row. The
/// shadow leg is mirrored traffic, not part of the user-facing split, so it
/// is stated apart (Argo Rollouts / Flagger semantics). A canary whose
/// promotion finished (the canary pointer names the production version:
/// ``promotedVersion(_:)``) is drawn finished, as Argo Rollouts shows a
/// completed rollout: `promoted: v13 serves 100 %` and a one-segment bar.
///
/// Order: ``AppRows/canaries(_:filter:)`` (live canaries first, worst canary
/// error rate on top). Only whole blocks are drawn; the pane scrolls so the
/// selected block is whole, and `… N more (↓ to scroll)` in the bottom
/// border counts the blocks below.
public enum CanaryPane {
  /// Rows of one block's comparison table (header + 3 rows).
  static let tableHeight = 4

  /// Rows one artefact block takes in a pane whose inner width is `width`,
  /// including its trailing blank row: name 1 (+ rollout 1 when `hasRollout`)
  /// + weight line 1 + bar 1 (+ legend 1 when the in-bar labels do not fit)
  /// + table 4 + blank 1.
  public static func blockHeight(
    _ c: CanaryComparison, width: Int, symbols: Symbols, hasRollout: Bool = false, promoted: String? = nil
  ) -> Int {
    let bar = promoted.map { promotedBar($0, symbols: symbols) } ?? splitBar(c, symbols: symbols)
    let legend = bar.labelsFit(width: max(0, width - 2)) ? 0 : 1
    return 1 + (hasRollout ? 1 : 0) + 1 + 1 + legend + tableHeight + 1
  }

  /// The version a finished promotion left in production, when `entry`'s
  /// canary pointer names the production version (the canary was promoted:
  /// both legs now run it), else `nil`.
  ///
  /// The split the pane draws is observed telemetry: after a promotion the
  /// window still holds the old version's traffic for its length, and the
  /// registry keeps the canary pointer and weight (10 %) on the promoted
  /// version, so the router's canary leg goes on carrying that same version
  /// and the telemetry keeps a stable/canary split of it for good. Argo
  /// Rollouts shows a finished rollout as `Healthy`, `SetWeight: 100`,
  /// `ActualWeight: 100`, the new version stable and the old one scaled
  /// down: the pane does the same (``promotedText(_:version:windowMs:)``,
  /// ``promotedBar(_:symbols:)``).
  public static func promotedVersion(_ entry: RegisteredArtefact?) -> String? {
    guard let entry, let canary = entry.pointers[.canary], canary == entry.pointers[.production] else {
      return nil
    }
    return canary
  }

  /// The weight line of a promoted canary: the version serves 100 %, beside
  /// the share of the window's user-facing requests it served (it climbs to
  /// 100 % as the old version's traffic leaves the window), e.g.
  /// `promoted: v13 serves 100 % │ observed 12.0 % of requests on v13 over 15m`.
  public static func promotedText(_ c: CanaryComparison, version: String, windowMs: Int64) -> String {
    let observed = c.split.filter { $0.route != .shadow && $0.version == version }
      .reduce(0) { $0 + $1.trafficShare }
    return "promoted: \(version) serves 100 % │ observed "
      + PaneFormat.percent(observed).replacingOccurrences(of: "%", with: " %")
      + " of requests on \(version) over " + PaneFormat.duration(ms: windowMs)
  }

  /// The split bar of a promoted canary: one stable segment, `version` at 100 %.
  static func promotedBar(_ version: String, symbols: Symbols) -> SplitBar {
    SplitBar(
      segments: [SplitBar.Segment(label: "stable \(version)", share: 1, style: CellStyle(.stable))],
      symbols: symbols)
  }

  /// Inner rows the pane's blocks take in a pane whose inner width is
  /// `width`, over every comparison of `snapshot` (unfiltered, so the pane
  /// does not jump while a filter is typed), counting no further than `cap`
  /// (O(min(blocks, cap))); 1 (the note) without comparisons, `nil` before a
  /// snapshot. ``ScreenLayout`` sizes the pane from it.
  public static func wantedRows(
    _ snapshot: DashboardSnapshot?, width: Int, symbols: Symbols, registry: RegistrySnapshot?, cap: Int
  ) -> Int? {
    guard let snapshot else { return nil }
    guard !snapshot.canaries.isEmpty else { return 1 }
    var rows = 0
    for c in snapshot.canaries {
      guard rows < cap else { break }
      let entry = registry?.artefact(c.artefact)
      rows += blockHeight(
        c, width: width, symbols: symbols, hasRollout: entry?.displayedRollout != nil,
        promoted: promotedVersion(entry))
    }
    // The last block's trailing blank row is not needed.
    return min(cap, rows - 1)
  }

  /// The labelled weight line: the canary weight `configured` in the
  /// registry (percent, `nil` when the artefact is not registered) next to
  /// the share of user-facing requests the canary legs served over the
  /// window (the split bar below draws the same observed split), e.g.
  /// `canary weight: set 25 % │ observed 5.1 % of requests over 15m`. The
  /// two differ while traffic catches up with a new weight, or when the
  /// router does not follow the registry.
  public static func weightText(_ c: CanaryComparison, configured: Int?, windowMs: Int64) -> String {
    let observed = c.split.filter { $0.route == .canary }.reduce(0) { $0 + $1.trafficShare }
    let seen =
      "observed " + PaneFormat.percent(observed).replacingOccurrences(of: "%", with: " %")
      + " of requests over " + PaneFormat.duration(ms: windowMs)
    guard let configured else { return "canary weight: " + seen + " (not in the registry)" }
    return "canary weight: set \(configured) % │ " + seen
  }

  /// The split bar of the user-facing legs (stable / canary).
  static func splitBar(_ c: CanaryComparison, symbols: Symbols) -> SplitBar {
    let segments = c.split.filter { $0.route != .shadow }.map { v in
      SplitBar.Segment(
        label: "\(v.route.rawValue) \(v.version)", share: v.trafficShare,
        style: CellStyle(v.route == .canary ? .canary : .stable))
    }
    var bar = SplitBar(segments: segments, symbols: symbols)
    bar.legendOnlyClipped = true
    return bar
  }

  /// The first block to draw so that block `selected` is whole in `height`
  /// rows: the smallest offset with blocks `offset…selected` fitting (a
  /// block's trailing blank row may fall off the bottom).
  public static func scrollOffset(selected: Int, heights: [Int], height: Int) -> Int {
    scrollOffset(selected: selected, count: heights.count, height: height) { heights[$0] }
  }

  /// ``scrollOffset(selected:heights:height:)`` with block heights asked for
  /// by index: walks up from the selected block while the blocks fit, so it
  /// asks only for the blocks that end up on screen (O(visible), whatever
  /// the number of blocks).
  public static func scrollOffset(selected: Int, count: Int, height: Int, heightOf: (Int) -> Int) -> Int {
    guard count > 0 else { return 0 }
    let sel = min(max(0, selected), count - 1)
    var offset = sel
    var rows = heightOf(sel)
    while offset > 0 {
      let above = heightOf(offset - 1)
      guard rows + above - 1 <= height else { break }
      rows += above
      offset -= 1
    }
    return offset
  }

  /// The comparison table columns.
  public static let columns: [PaneColumn] = [
    PaneColumn("", width: 8),
    PaneColumn("stable", width: 9, alignment: .right),
    PaneColumn("canary", width: 10, alignment: .right),
    PaneColumn("Δ canary", width: 12, alignment: .right),
    PaneColumn("shadow", width: 9, alignment: .right, dropPriority: 1),
  ]

  /// The delta marker and signed text for `canary − stable`, or `–` when
  /// either is missing. `unit` formats the magnitude.
  public static func delta(
    stable: Double?, canary: Double?, symbols: Symbols, unit: (Double) -> String
  ) -> String {
    guard let stable, let canary, stable.isFinite, canary.isFinite else { return "–" }
    let d = canary - stable
    let text = unit(abs(d))
    if text == unit(0) { return "= " + text }
    let up = symbols.mode == .ascii ? "^" : "▲"
    let down = symbols.mode == .ascii ? "v" : "▼"
    return d > 0 ? "\(up) +\(text)" : "\(down) -\(text)"
  }

  /// The comparison rows (error rate, p95, cost/req) for one artefact.
  public static func comparisonRows(_ c: CanaryComparison, symbols: Symbols) -> [[(String, CellStyle)]] {
    func err(_ s: WindowStats?) -> (String, CellStyle) {
      guard let s else { return ("–", CellStyle(.dim)) }
      let level = ErrorRateLevel(rate: s.errorRate)
      return (PaneFormat.percent(s.errorRate) + level.marker, level.style)
    }
    func plain(_ text: String, _ missing: Bool = false) -> (String, CellStyle) {
      (text, CellStyle(missing ? .dim : .text))
    }
    let errDelta = delta(
      stable: c.stable?.errorRate, canary: c.canary?.errorRate, symbols: symbols,
      unit: { String(format: "%.1fpp", $0 * 100) })
    let p95Delta = delta(
      stable: c.stable?.p95Ms, canary: c.canary?.p95Ms, symbols: symbols,
      unit: { PaneFormat.latency(ms: $0) })
    let costDelta = delta(
      stable: c.stable?.costPerRequestUSD, canary: c.canary?.costPerRequestUSD, symbols: symbols,
      unit: { PaneFormat.costDelta($0) })
    return [
      [plain("err %"), err(c.stable), err(c.canary), plain(errDelta), err(c.shadow)],
      [
        plain("p95"), plain(PaneFormat.latency(ms: c.stable?.p95Ms), c.stable == nil),
        plain(PaneFormat.latency(ms: c.canary?.p95Ms), c.canary == nil), plain(p95Delta),
        plain(PaneFormat.latency(ms: c.shadow?.p95Ms), c.shadow == nil),
      ],
      [
        plain("cost/req"),
        plain(c.stable == nil ? "–" : PaneFormat.cost(c.stable?.costPerRequestUSD), c.stable == nil),
        plain(c.canary == nil ? "–" : PaneFormat.cost(c.canary?.costPerRequestUSD), c.canary == nil),
        plain(costDelta),
        plain(c.shadow == nil ? "–" : PaneFormat.cost(c.shadow?.costPerRequestUSD), c.shadow == nil),
      ],
    ]
  }

  /// Draws the pane into `rect`.
  public static func draw(
    into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState, symbols: Symbols
  ) {
    let focused = state.focus == .canary
    let inner = canvas.drawBox(rect, title: PaneID.canary.title, focused: focused, symbols: symbols)
    guard !inner.isEmpty else { return }
    // The state's rows when drawing its snapshot (ranked once per
    // snapshot); another snapshot's are worked out here.
    let canaries =
      CanaryRows.sameStorage(snapshot?.canaries, state.snapshot?.canaries)
      ? state.canaryRows : CanaryRows(snapshot: snapshot, filter: state.filter)
    if canaries.count == 0 {
      canvas.put(
        canaries.comparisons.isEmpty
          ? "no artefact has more than one version live" : "no artefact matches the filter",
        x: inner.x, y: inner.y, maxWidth: inner.width,
        style: CellStyle(.dim))
      return
    }
    let selected = state.selection(of: .canary).index
    // Registered artefacts by name, for the blocks drawn (one pass, not a
    // search of the registry per block).
    var registered: [String: RegisteredArtefact] = [:]
    for r in state.registry?.artefacts ?? [] where registered[r.artefact.name] == nil {
      registered[r.artefact.name] = r
    }
    // The latest rollout, finished or not: an aborted one still says why.
    func rollout(_ n: Int) -> RolloutRecord? { registered[canaries[n].artefact]?.displayedRollout }
    func promoted(_ n: Int) -> String? { promotedVersion(registered[canaries[n].artefact]) }
    func height(_ n: Int) -> Int {
      blockHeight(
        canaries[n], width: inner.width, symbols: symbols, hasRollout: rollout(n) != nil,
        promoted: promoted(n))
    }
    // Heights and blocks are worked out for the blocks on screen only.
    let offset = scrollOffset(
      selected: selected, count: canaries.count, height: inner.height, heightOf: height)
    var y = inner.y
    var drawn = 0
    for n in offset..<canaries.count {
      // Whole blocks only (the trailing blank may fall off), except a first
      // block taller than the pane, which is drawn clipped.
      let h = height(n)
      guard y + h - 1 <= inner.maxY || n == offset else { break }
      let windowMs = snapshot?.windowMs ?? 0
      let weight =
        promoted(n).map { promotedText(canaries[n], version: $0, windowMs: windowMs) }
        ?? weightText(
          canaries[n], configured: registered[canaries[n].artefact]?.canaryWeightPercent, windowMs: windowMs)
      drawBlock(
        canaries[n], rollout: rollout(n), weight: weight, selected: n == selected, focused: focused, y: y,
        inner: inner, in: &canvas, symbols: symbols, promoted: promoted(n))
      y += h
      drawn += 1
    }
    PaneTable.drawMoreIndicator(canaries.count - offset - drawn, box: rect, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: rect, in: &canvas)
  }

  /// The height in rows of each block (by its index in
  /// ``AppState/canaryRows``) in a pane `width` cells wide inside its border,
  /// its trailing blank row included (``blockHeight(_:width:symbols:hasRollout:promoted:)``
  /// with the block's rollout and promotion from the registry, looked up once
  /// per call, not per block): what clicks (``block(atY:rect:state:symbols:)``)
  /// and paging (``AppState/pageRows(of:down:)``) count with.
  static func blockHeights(state: AppState, width: Int, symbols: Symbols) -> (Int) -> Int {
    let canaries = state.canaryRows
    var registered: [String: RegisteredArtefact] = [:]
    for r in state.registry?.artefacts ?? [] where registered[r.artefact.name] == nil {
      registered[r.artefact.name] = r
    }
    return { n in
      let entry = registered[canaries[n].artefact]
      return blockHeight(
        canaries[n], width: width, symbols: symbols, hasRollout: entry?.displayedRollout != nil,
        promoted: promotedVersion(entry))
    }
  }

  /// The block (row of ``AppState/canaryRows``) drawn at screen row `y` in
  /// a pane drawn in `rect` for `state`, or `nil` on the border, a blank
  /// row between blocks' ends, or below the last block; follows ``draw(into:rect:snapshot:state:symbols:)``
  /// (the same scroll offset and block heights), so a click
  /// (``MouseUpdate``) selects the block under it.
  public static func block(atY y: Int, rect: Rect, state: AppState, symbols: Symbols = .braille) -> Int? {
    let inner = rect.inset(by: 1)
    let canaries = state.canaryRows
    guard !inner.isEmpty, canaries.count > 0, y >= inner.y, y < inner.maxY else { return nil }
    let height = blockHeights(state: state, width: inner.width, symbols: symbols)
    let offset = scrollOffset(
      selected: state.selection(of: .canary).index, count: canaries.count, height: inner.height,
      heightOf: height)
    var top = inner.y
    for n in offset..<canaries.count {
      let h = height(n)
      guard top + h - 1 <= inner.maxY || n == offset else { return nil }
      // The block's own rows, not its trailing blank one.
      if y >= top && y < top + h - 1 { return n }
      top += h
      if top > y { return nil }
    }
    return nil
  }

  /// Draws one artefact's block from row `y`, clipped to `inner`. The
  /// selected block's name row carries the `>` marker; when the pane is
  /// focused the whole name row is the ``StyleRole/selection`` bar. A
  /// `rollout` adds its line under the name; the `weight` line
  /// (``weightText(_:configured:windowMs:)``) comes right above the bar.
  static func drawBlock(
    _ c: CanaryComparison, rollout: RolloutRecord?, weight: String, selected: Bool, focused: Bool,
    y start: Int, inner: Rect, in canvas: inout Canvas, symbols: Symbols, promoted: String? = nil
  ) {
    var y = start
    let bar = selected && focused
    if bar {
      canvas.fill(
        Rect(x: inner.x, y: y, width: inner.width, height: 1).intersection(inner),
        style: CellStyle(.selection))
    }
    if selected {
      canvas.put(">", x: inner.x, y: y, maxWidth: 1, style: CellStyle(.selection, bold: true))
    }
    var x = inner.x + 2
    x += canvas.put(
      c.artefact, x: x, y: y, maxWidth: inner.maxX - x,
      style: CellStyle(bar ? .selection : .title, bold: true))
    let shadow = c.split.filter { $0.route == .shadow }
    if let mirror = shadow.first, x + 2 < inner.maxX {
      canvas.put(
        "  shadow \(mirror.version) mirrors " + PaneFormat.percent(mirror.trafficShare), x: x, y: y,
        maxWidth: inner.maxX - x, style: CellStyle(bar ? .selection : .shadow))
    }
    if let rollout {
      y += 1
      RolloutSummary.draw(rollout, x: inner.x + 2, y: y, maxX: inner.maxX, in: &canvas)
    }
    y += 1
    if y < inner.maxY {
      canvas.put(weight, x: inner.x + 2, y: y, maxWidth: inner.maxX - inner.x - 2, style: CellStyle(.text))
    }
    let split = promoted.map { promotedBar($0, symbols: symbols) } ?? splitBar(c, symbols: symbols)
    let barWidth = inner.width - 2
    let barRows = split.labelsFit(width: barWidth) ? 1 : 2
    let barRect = Rect(x: inner.x + 2, y: y + 1, width: barWidth, height: barRows).intersection(inner)
    split.render(into: &canvas, area: barRect)
    let table = Rect(x: inner.x + 1, y: y + 1 + barRows, width: inner.width - 1, height: tableHeight)
      .intersection(inner)
    guard !table.isEmpty else { return }
    let placements = PaneTable.place(columns, in: table)
    PaneTable.drawHeader(columns, placements: placements, y: table.y, in: &canvas, clip: table)
    for (i, row) in comparisonRows(c, symbols: symbols).enumerated() where table.y + 1 + i < table.maxY {
      PaneTable.drawRow(
        row, columns: columns, placements: placements, y: table.y + 1 + i, selected: false,
        focused: false, in: &canvas, clip: table)
    }
  }
}
