import FlightDeckCore
import Foundation

/// The verdict drill-down (Enter on a Canary pane row): why the artefact's
/// latest rollout's last analysis passed or failed, metric by metric — the
/// reasons Argo Rollouts and Kayenta users ask for.
///
/// Header: the rollout (`RO-1 v13 aborted · step 3/4 at 50 %`), the
/// measurement and when it was taken, the verdict with its score against the
/// pass/marginal thresholds and the versions compared, and the judge's
/// summary. Then one row per metric: name (`*` marks a critical metric),
/// which way is worse, the baseline and canary sample sizes, the two values
/// in the metric's unit, the effect (Hodges-Lehmann shift or rate difference),
/// the p-value and the classification — failing rows in the critical style,
/// nodata dim. Header lines wider than the box wrap (``wrappedHeader(_:width:)``). Scrolls with `j`/`k`/PgUp/PgDn; Esc or Enter closes. Every
/// string goes through the canvas, so version labels from telemetry are
/// sanitised.
public enum VerdictOverlay {
  /// The metric table columns; narrow screens drop the direction first.
  public static let columns: [PaneColumn] = [
    PaneColumn("metric", width: 12, flexible: true),
    PaneColumn("dir", width: 3, dropPriority: 2),
    PaneColumn("n base", width: 6, alignment: .right),
    PaneColumn("n can", width: 5, alignment: .right),
    PaneColumn("baseline", width: 8, alignment: .right),
    PaneColumn("canary", width: 8, alignment: .right),
    PaneColumn("change", width: 8, alignment: .right),
    PaneColumn("p", width: 6, alignment: .right),
    PaneColumn("class", width: 6),
  ]

  /// Rows above the metric table: rollout, measurement, verdict, summary.
  static let headerRows = 4

  /// The metric rows of `r`'s last verdict (empty without one).
  public static func rows(_ r: RolloutRecord) -> [[(String, CellStyle)]] {
    guard let verdict = r.state.lastVerdict?.verdict else { return [] }
    return verdict.metrics.map { m in
      let style: CellStyle =
        m.classification.isFailure
        ? CellStyle(.critical, bold: true)
        : CellStyle(m.classification == .nodata ? .dim : .text)
      let classStyle: CellStyle =
        switch m.classification {
        case .pass: CellStyle(.ok)
        case .nodata: CellStyle(.dim)
        case .high, .low: CellStyle(.critical, bold: true)
        }
      return [
        ((m.critical ? "* " : "") + m.name, style),
        (VerdictFormat.direction(m.direction), style),
        ("\(m.baselineCount)", style), ("\(m.canaryCount)", style),
        (VerdictFormat.value(m.baselineValue, of: m), style),
        (VerdictFormat.value(m.canaryValue, of: m), style),
        (VerdictFormat.effect(m), style), (VerdictFormat.pValue(m.pValue), style),
        (m.classification.rawValue, classStyle),
      ]
    }
  }

  /// The header lines of `r`: text and style.
  public static func header(_ r: RolloutRecord) -> [(String, CellStyle)] {
    let steps = r.plan.steps.count
    let step = min(r.state.stepIndex + 1, steps)
    var message = Substring(r.state.message)
    if message.hasPrefix(r.state.phase.rawValue + ": ") {
      message = message.dropFirst(r.state.phase.rawValue.count + 2)
    }
    var lines: [(String, CellStyle)] = [
      (
        "\(r.displayID) \(r.plan.canaryVersion) \(r.state.phase.rawValue) · step \(step)/\(steps) "
          + "at \(r.state.canaryWeight) % · \(message)",
        RolloutSummary.style(r.state.phase)
      )
    ]
    guard let last = r.state.lastVerdict else {
      lines.append(("no analysis measurement taken yet", CellStyle(.dim)))
      return lines
    }
    lines.append(
      (
        "last measurement \(last.measurement.rawValue) at step \(last.stepIndex + 1), weight "
          + "\(last.canaryWeight) %, \(HistoryOverlay.when(last.takenAt)) UTC",
        CellStyle(.text)
      ))
    guard let v = last.verdict else {
      lines.append(("the judge did not run (no production version or no usable samples)", CellStyle(.warn)))
      return lines
    }
    var score = "score " + (v.score.map { String(format: "%.0f", $0) } ?? "—")
    if let pass = v.passScore, let marginal = v.marginalScore {
      score += String(format: " (pass ≥ %.0f, marginal ≥ %.0f)", pass, marginal)
    }
    let outcomeStyle: CellStyle =
      switch v.outcome {
      case .pass: CellStyle(.ok, bold: true)
      case .marginal, .inconclusive: CellStyle(.warn, bold: true)
      case .fail: CellStyle(.critical, bold: true)
      }
    lines.append(
      (
        "verdict \(v.outcome.rawValue): \(score) · \(v.canaryVersion) vs baseline \(v.baselineVersion)",
        outcomeStyle
      ))
    lines.append((v.summary + "  (* critical metric)", CellStyle(.text)))
    return lines
  }

  /// The header lines of `r` sanitised (``Sanitizer/sanitize(_:)``) and
  /// word-wrapped to `width` columns (a long word cut), so that nothing of
  /// them is lost at 80 columns (the rollout's message, the judge's summary).
  public static func wrappedHeader(_ r: RolloutRecord, width: Int) -> [(String, CellStyle)] {
    header(r).flatMap { text, style in
      WordWrap.lines(Sanitizer.sanitize(text), width: max(1, width), breakingLongWords: true).map {
        ($0, style)
      }
    }
  }

  /// Metric rows that fit on a `width` × `height` screen.
  public static func visibleRows(width: Int, height: Int) -> Int {
    max(1, OverlayFrame.large(width: width, height: height).height - 2 - headerRows - 1)
  }

  /// Draws the overlay for `state`'s artefact's latest rollout (from `registry`).
  public static func draw(
    into canvas: inout Canvas, verdict state: VerdictOverlayState, registry: RegistrySnapshot?,
    symbols: Symbols
  ) {
    let box = OverlayFrame.large(width: canvas.width, height: canvas.height)
    guard box.width >= 10, box.height >= 4 else { return }
    canvas.fill(box, style: CellStyle(.text))
    let inner = canvas.drawBox(
      box, title: "Verdict: " + state.artefact + " (Esc closes)", focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    guard let rollout = registry?.artefact(state.artefact)?.displayedRollout else {
      canvas.put(
        "\(state.artefact) has no rollout in the registry", x: inner.x + 1, y: inner.y,
        maxWidth: inner.width - 1, style: CellStyle(.dim))
      return
    }
    var y = inner.y
    // Wrapped, not cut: the metric table below scrolls, the header must read whole.
    for (text, style) in wrappedHeader(rollout, width: inner.width - 1) where y < inner.maxY {
      canvas.put(sanitized: text, x: inner.x + 1, y: y, maxWidth: inner.width - 1, style: style)
      y += 1
    }
    let rows = rows(rollout)
    guard !rows.isEmpty else { return }
    y = max(y, inner.y + headerRows)
    let table = Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y).intersection(inner)
    guard !table.isEmpty else { return }
    let placements = PaneTable.place(
      columns, in: table, contentWidths: PaneTable.contentWidths(columns, rows: rows))
    PaneTable.drawHeader(columns, placements: placements, y: table.y, in: &canvas, clip: table)
    let visible = max(0, table.height - 1)
    let offset = min(state.offset, max(0, rows.count - visible))
    for (n, row) in rows.enumerated().dropFirst(offset).prefix(visible) {
      PaneTable.drawRow(
        row, columns: columns, placements: placements, y: table.y + 1 + n - offset, selected: false,
        focused: false, in: &canvas, clip: table)
    }
    PaneTable.drawMoreIndicator(rows.count - offset - visible, box: box, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: box, in: &canvas)
  }
}
