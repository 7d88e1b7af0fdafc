import FlightDeckCore
import Foundation

/// The Alerts pane: one row per alert instance of the snapshot (not
/// `inactive`), grouped by severity then artefact, with a counts line above
/// and the SLO lines below (one per SLO, wrapped when the pane is narrower:
/// ``sloLines(_:width:)``).
///
/// Rows: state with marks (`S` silenced, `ack` acknowledged; ASCII so they
/// survive any terminal), alert name, key labels (artefact, route, version),
/// the expression's current value, for how long (since the alert fired, went
/// pending or resolved), severity. Firing alerts nobody acknowledged or
/// silenced are drawn critical. Label values come from telemetry and rules
/// and are untrusted: the canvas sanitises every string it puts.
public enum AlertsPane {
  /// The table columns; when narrow, severity, value, labels and then the
  /// duration drop, so state and name always show.
  public static let columns: [PaneColumn] = [
    PaneColumn("state", width: 8),
    PaneColumn("alert", width: 8, flexible: true),
    PaneColumn("labels", width: 14, flexible: true, dropPriority: 3),
    PaneColumn("value", width: 8, alignment: .right, dropPriority: 2),
    PaneColumn("for", width: 6, alignment: .right, dropPriority: 4),
    PaneColumn("sev", width: 6, dropPriority: 1),
  ]

  /// The sentence shown when the dashboard evaluates no rules (no alert
  /// engine: `alertsEvaluatedAt` is `nil`).
  public static let noRulesText = "No alert rules loaded (see [alerts] rules in the config)"

  /// The counts line, e.g. `2 firing · 1 pending · 1 silenced · 1 acknowledged`,
  /// or `nil` when no instance is active. Silenced and acknowledged count
  /// firing and pending alerts with those marks.
  public static func counts(_ alerts: [AlertInstance]) -> String? {
    func n(_ s: AlertState) -> Int { alerts.filter { $0.state == s }.count }
    let live = alerts.filter { $0.state == .firing || $0.state == .pending }
    var parts: [String] = []
    for (count, noun) in [
      (n(.firing), "firing"), (n(.pending), "pending"), (n(.nodata), "no data"), (n(.resolved), "resolved"),
      (live.filter(\.isSilenced).count, "silenced"), (live.filter(\.isAcknowledged).count, "acknowledged"),
    ] where count > 0 {
      parts.append("\(count) \(noun)")
    }
    return parts.isEmpty ? nil : parts.joined(separator: " · ")
  }

  /// What the filter hides, e.g. `filter "rag" hides 1 firing alert (Esc
  /// clears it)`; `nil` when it hides no firing alert.
  public static func hiddenText(_ hiddenFiring: Int, filter: String) -> String? {
    guard hiddenFiring > 0 else { return nil }
    return "filter \"\(filter)\" hides \(PaneFormat.count(hiddenFiring, "firing alert")) (Esc clears it)"
  }

  /// The empty-state sentence: what a filter hides (``hiddenText(_:filter:)``)
  /// when it hides firing alerts, else no rules loaded, or when the rules
  /// were last evaluated, e.g. `No alerts: 3 rules evaluated 4s ago`.
  public static func emptyText(_ snapshot: DashboardSnapshot, filter: String = "") -> String {
    if let hidden = hiddenText(AppRows.hiddenFiringAlerts(snapshot, filter: filter), filter: filter) {
      return "No alerts match; " + hidden
    }
    guard let at = snapshot.alertsEvaluatedAt else { return noRulesText }
    let ago = PaneFormat.duration(ms: max(0, snapshot.now.milliseconds(since: at)))
    let rules = snapshot.alertRuleCount
    return rules > 0
      ? "No alerts: \(PaneFormat.count(rules, "rule")) evaluated \(ago) ago"
      : "No alerts: rules evaluated \(ago) ago"
  }

  /// The time an instance's current state began: when it fired (firing),
  /// went pending or lost its data (pending, no data), or resolved.
  public static func since(_ a: AlertInstance) -> Timestamp? {
    switch a.state {
    case .firing: return a.firedAt ?? a.activeAt
    case .pending, .nodata: return a.activeAt
    case .resolved: return a.resolvedAt
    case .inactive: return nil
    }
  }

  /// The state cell: the state and its marks, e.g. `firing S ack`.
  public static func stateText(_ a: AlertInstance) -> String {
    let name = a.state == .nodata ? "no data" : a.state.rawValue
    return name + (a.isSilenced ? " S" : "") + (a.isAcknowledged ? " ack" : "")
  }

  /// A value with 4 significant digits (`0.0312`, `812.4`, `1.2e+04`), `-` when unknown.
  public static func value(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "-" }
    return String(format: "%.4g", x)
  }

  /// The key labels shown: the values of `artefact`, `route` and `version`
  /// (in that order), else every label but `alertname` and `severity`.
  public static func keyLabels(_ a: AlertInstance) -> String {
    let keys = ["artefact", "route", "version"].compactMap { a.labels[$0] }
    if !keys.isEmpty { return keys.joined(separator: " ") }
    return a.labels.filter { $0.key != "alertname" && $0.key != "severity" }.sorted { $0.key < $1.key }
      .map { "\($0.key)=\($0.value)" }.joined(separator: " ")
  }

  /// The row style of an instance: critical for a firing alert that needs
  /// attention, warn for other firing, pending and no-data ones, ok for resolved.
  public static func style(_ a: AlertInstance) -> CellStyle {
    if a.needsAttention { return CellStyle(.critical, bold: true) }
    switch a.state {
    case .firing, .pending, .nodata: return CellStyle(.warn)
    case .resolved: return CellStyle(.ok)
    case .inactive: return CellStyle(.dim)
    }
  }

  /// The cells of one row at `now`.
  public static func cells(_ a: AlertInstance, now: Timestamp) -> [(String, CellStyle)] {
    let style = style(a)
    let age = since(a).map { PaneFormat.duration(ms: max(0, now.milliseconds(since: $0))) } ?? "-"
    let severity = a.severity ?? "-"
    let sevStyle: CellStyle =
      severity == "page" ? CellStyle(.critical) : severity == "ticket" ? CellStyle(.warn) : CellStyle(.text)
    return [
      (stateText(a), style),
      (a.ruleName, CellStyle(style.role, bold: true)),
      (keyLabels(a), CellStyle(.text)),
      (value(a.value), CellStyle(.text)),
      (age, CellStyle(.dim)),
      (severity, sevStyle),
    ]
  }

  /// One SLO line, e.g. `rag-answer availability 99.5 %: budget 72 % left,
  /// burn 1h 3.2× 6h 0.8× 3d 1.0×` (`-` where a window has no requests).
  public static func sloLine(_ s: SLOStatus) -> String {
    func burn(_ x: Double?) -> String { x.map { String(format: "%.1f×", $0) } ?? "-" }
    // Whole percent; a budget overspent by less than half a percent is `0 %`, never `-0 %`.
    let budget =
      s.budgetRemaining.map { String(format: "%.0f %%", ($0 * 100).rounded(.toNearestOrEven) + 0) } ?? "n/a"
    let objective = String(format: "%g", s.slo.objectivePercent)
    return "\(s.slo.artefact) \(s.slo.name) \(objective) %: budget \(budget) left, burn 1h "
      + "\(burn(s.burnRate1h)) 6h \(burn(s.burnRate6h)) 3d \(burn(s.burnRate3d))"
  }

  /// The SLO line's style: critical when the budget is spent, warn when
  /// the 1 h burn rate exceeds 1× (spending faster than the period allows).
  public static func sloStyle(_ s: SLOStatus) -> CellStyle {
    if let b = s.budgetRemaining, b <= 0 { return CellStyle(.critical, bold: true) }
    if let r = s.burnRate1h, r > 1 { return CellStyle(.warn) }
    return CellStyle(.dim)
  }

  /// The SLO lines for a pane whose inner width is `width`: each
  /// ``sloLine(_:)`` sanitised and word-wrapped (a long word cut), the lines
  /// after an SLO's first indented by two columns, in its ``sloStyle(_:)``;
  /// so the burn rates are never cut off (a 60-column pane at 200×50 holds
  /// an SLO in two lines).
  public static func sloLines(_ slos: [SLOStatus], width: Int) -> [(String, CellStyle)] {
    guard width > 2 else { return slos.map { (Sanitizer.sanitize(sloLine($0)), sloStyle($0)) } }
    return slos.flatMap { s in
      let style = sloStyle(s)
      let wrapped = WordWrap.lines(Sanitizer.sanitize(sloLine(s)), width: width, breakingLongWords: true)
      guard wrapped.count > 1 else { return wrapped.map { ($0, style) } }
      let rest = WordWrap.lines(
        wrapped.dropFirst().joined(separator: " "), width: width - 2, breakingLongWords: true)
      return [(wrapped[0], style)] + rest.map { ("  " + $0, style) }
    }
  }

  /// The SLO lines shown at the bottom of a pane whose inner area is
  /// `inner`: the wrapped lines (``sloLines(_:width:)``) of the SLOs, in
  /// order, that fit whole in the rows left after the alerts' `reserve`
  /// (two: counts line and header; one for the empty-state sentence); when
  /// not even the first fits whole, as much of it as fits.
  public static func shownSLOLines(_ slos: [SLOStatus], inner: Rect, reserve: Int = 2) -> [(
    String, CellStyle
  )] {
    let room = max(0, inner.height - reserve)
    var shown: [(String, CellStyle)] = []
    for s in slos {
      let lines = sloLines([s], width: inner.width)
      guard shown.count + lines.count <= room else {
        if shown.isEmpty { shown = Array(lines.prefix(room)) }
        break
      }
      shown += lines
    }
    return shown
  }

  /// Rows the SLO lines take at the bottom of a pane whose inner area is
  /// `inner` (``shownSLOLines(_:inner:)``).
  public static func sloRows(_ slos: [SLOStatus], inner: Rect) -> Int {
    shownSLOLines(slos, inner: inner).count
  }

  /// Inner rows the pane would like: counts, header and rows (or the empty
  /// sentence), and the SLO lines (wrapped to `width` columns when given,
  /// else one row each); `nil` before a snapshot.
  public static func wantedRows(_ snapshot: DashboardSnapshot?, filter: String, width: Int? = nil) -> Int? {
    guard let snapshot else { return nil }
    let rows = AppRows.alerts(snapshot, filter: filter).count
    let slos = width.map { sloLines(snapshot.slos, width: $0).count } ?? snapshot.slos.count
    return (rows == 0 ? 1 : rows + 2) + slos
  }

  /// Draws the pane into `rect`.
  public static func draw(
    into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState, symbols: Symbols
  ) {
    let focused = state.focus == .alerts
    let alerts = snapshot.map { AppRows.alerts($0, filter: state.filter) } ?? []
    let hidden = snapshot.map { AppRows.hiddenFiringAlerts($0, filter: state.filter) } ?? 0
    let firing = alerts.filter(\.needsAttention).count
    // The title counts every firing alert, those the filter hides too.
    let firingTotal = alerts.filter { $0.state == .firing }.count + hidden
    let title =
      PaneID.alerts.title
      + (firingTotal > 0 ? " (\(firingTotal) firing\(hidden > 0 ? ", \(hidden) hidden" : ""))" : "")
    let inner = canvas.drawBox(rect, title: title, focused: focused, symbols: symbols)
    guard !inner.isEmpty else { return }
    guard let snapshot else {
      canvas.put(
        "waiting for the first snapshot", x: inner.x, y: inner.y, maxWidth: inner.width,
        style: CellStyle(.dim))
      return
    }
    // SLO lines (wrapped) take the bottom, but leave the alerts at least two rows.
    let slos = shownSLOLines(snapshot.slos, inner: inner, reserve: alerts.isEmpty ? 1 : 2)
    let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - slos.count)
    for (n, (text, style)) in slos.enumerated() {
      canvas.put(sanitized: text, x: inner.x, y: body.maxY + n, maxWidth: inner.width, style: style)
    }
    guard !alerts.isEmpty else {
      let style = hidden > 0 ? CellStyle(.critical, bold: true) : CellStyle(.dim)
      let text = emptyText(snapshot, filter: state.filter)
      for (i, line) in WordWrap.lines(text, width: body.width).prefix(body.height).enumerated() {
        canvas.put(line, x: body.x, y: body.y + i, maxWidth: body.width, style: style)
      }
      return
    }
    // What the filter hides comes first on the counts line, so clipping keeps it.
    let line = [hiddenText(hidden, filter: state.filter), counts(alerts)].compactMap { $0 }
    if !line.isEmpty {
      canvas.put(
        line.joined(separator: " · "), x: body.x + 1, y: body.y, maxWidth: body.width - 1,
        style: firing > 0 || hidden > 0 ? CellStyle(.critical, bold: true) : CellStyle(.warn))
    }
    guard body.height >= 2 else { return }
    let table = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
    let rows = alerts.map { cells($0, now: snapshot.now) }
    PaneTable.drawScrolling(
      columns, rows: rows, in: table, box: rect, selected: state.selection(of: .alerts).index,
      focused: focused,
      canvas: &canvas)
  }
}
