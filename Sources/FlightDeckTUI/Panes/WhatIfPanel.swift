import FlightDeckCore
import Foundation

/// The what-if panel of the Canary pane (`+`/`-` on a canary row): what the
/// proposed canary weight would do, projected by the core's
/// ``FlightDeckCore/WhatIfProjection`` from the snapshot's per-leg window
/// totals (``FlightDeckCore/DashboardSnapshot/whatIf``) — no engine access.
///
/// Drawn over the lower screen, above the footer:
///
/// ```
/// ┌What-if: support-bot canary 10 % → 30 % (Enter sets · Esc cancels)──┐
/// │               now (9.8 %)   proposed 30 %   n stable/canary         │
/// │ req/s stable        9.0          7.0        540                     │
/// │ req/s canary        1.0          3.0        60                      │
/// │ p95                 420 ms       480 ms     540/60                  │
/// │ err %               1.2%         2.0%       540/60                  │
/// │ cost/h              $1.20/h      $1.50/h    540/60                  │
/// │ canary: 12 requests in the window (min 50): projection unreliable   │
/// ```
///
/// "now" is the split the window actually saw (its observed canary share),
/// "proposed" the new weight; each figure names the requests behind it
/// (stable/canary), and legs below ``FlightDeckCore/WhatIfProjection/defaultMinimumRequests``
/// get the core's warning in the warn style.
public enum WhatIfPanel {
  /// The table columns.
  public static let columns: [PaneColumn] = [
    PaneColumn("", width: 12),
    PaneColumn("now", width: 11, alignment: .right),
    PaneColumn("proposed", width: 13, alignment: .right),
    PaneColumn("n stable/canary", width: 15, alignment: .right, dropPriority: 1),
  ]

  /// The projection of `proposal` on `snapshot` (`nil`: the snapshot has no
  /// window totals for the artefact).
  public static func report(_ proposal: WhatIfProposal, snapshot: DashboardSnapshot?) -> WhatIfReport? {
    guard let input = snapshot?.whatIf[proposal.artefact] else { return nil }
    return WhatIfProjection.project(input, canaryWeightPercent: Double(proposal.proposedWeight))
  }

  /// `540/60`: the stable and canary requests behind a figure.
  static func samples(_ f: WhatIfFigure) -> String { "\(f.stableSamples)/\(f.canarySamples)" }

  /// The table rows: req/s per leg, p95, error rate and cost per hour, now
  /// and proposed, with the sample sizes behind each.
  public static func rows(_ r: WhatIfReport) -> [[(String, CellStyle)]] {
    let rps = r.requestsPerSecond
    let w0 = r.currentCanaryWeightPercent / 100
    let w = r.proposedCanaryWeightPercent / 100
    func cell(_ text: String, _ value: Double?) -> (String, CellStyle) {
      (value == nil ? "–" : text, CellStyle(value == nil ? .dim : .text))
    }
    func pct(_ v: Double?) -> String { v.map(PaneFormat.percent) ?? "–" }
    let label = { (text: String) in (text, CellStyle(.dim)) }
    let n = { (text: String) in (text, CellStyle(.dim)) }
    return [
      [
        label("req/s stable"), cell(PaneFormat.rate((rps.current ?? 0) * (1 - w0)), rps.current),
        cell(PaneFormat.rate((rps.projected ?? 0) * (1 - w)), rps.projected), n("\(rps.stableSamples)"),
      ],
      [
        label("req/s canary"), cell(PaneFormat.rate((rps.current ?? 0) * w0), rps.current),
        cell(PaneFormat.rate((rps.projected ?? 0) * w), rps.projected), n("\(rps.canarySamples)"),
      ],
      [
        label("p95"), cell(PaneFormat.latency(ms: r.p95LatencyMs.current), r.p95LatencyMs.current),
        cell(PaneFormat.latency(ms: r.p95LatencyMs.projected), r.p95LatencyMs.projected),
        n(samples(r.p95LatencyMs)),
      ],
      [
        label("err %"), cell(pct(r.errorRate.current), r.errorRate.current),
        cell(pct(r.errorRate.projected), r.errorRate.projected), n(samples(r.errorRate)),
      ],
      [
        label("cost/h"), cell(PaneFormat.costPerHour(r.costPerHourUSD.current), r.costPerHourUSD.current),
        cell(PaneFormat.costPerHour(r.costPerHourUSD.projected), r.costPerHourUSD.projected),
        n(samples(r.costPerHourUSD)),
      ],
    ]
  }

  /// The condensed lines the confirmation dialog repeats: `p95 420 ms →
  /// 480 ms (n 540/60)`, the error rate and cost per hour likewise, then the
  /// warnings.
  public static func summaryLines(_ r: WhatIfReport) -> [String] {
    func pair(_ f: WhatIfFigure, _ text: (Double?) -> String) -> String {
      "\(text(f.current)) → \(text(f.projected)) (n \(samples(f)))"
    }
    return [
      "p95 " + pair(r.p95LatencyMs) { PaneFormat.latency(ms: $0) },
      "error rate " + pair(r.errorRate) { $0.map(PaneFormat.percent) ?? "–" },
      "cost " + pair(r.costPerHourUSD) { PaneFormat.costPerHour($0) },
    ] + r.warnings.map(\.description)
  }

  /// The panel's frame on a `width` × `height` screen for `rows` content
  /// rows: 96 columns centred with a clear border, or the full width where
  /// only a sliver of panes would show beside it (``OverlayFrame``),
  /// bottom-aligned above the two footer rows (key hints, status line),
  /// below the header.
  static func frame(width: Int, height: Int, rows: Int) -> Rect {
    let w = OverlayFrame.centred(width: 96, height: 0, in: Rect(x: 0, y: 0, width: max(0, width), height: 0))
      .width
    let h = max(0, min(rows + 2, height - 3))
    return Rect(x: max(0, (width - w) / 2), y: max(1, height - 2 - h), width: w, height: h)
  }

  /// Draws the panel for `proposal` over `canvas`.
  public static func draw(
    into canvas: inout Canvas, proposal: WhatIfProposal, snapshot: DashboardSnapshot?, symbols: Symbols
  ) {
    let report = report(proposal, snapshot: snapshot)
    let warnings = report?.warnings ?? []
    let contentRows = report == nil ? 1 : 1 + 5 + warnings.count
    let box = frame(width: canvas.width, height: canvas.height, rows: contentRows)
    guard box.width >= 10, box.height >= 3 else { return }
    canvas.fill(
      OverlayFrame.clearing(box, in: OverlayFrame.large(width: canvas.width, height: canvas.height)),
      style: CellStyle(.text))
    let title =
      "What-if: \(proposal.artefact) canary \(proposal.currentWeight) % → \(proposal.proposedWeight) % "
      + "(Enter sets · Esc cancels)"
    let inner = canvas.drawBox(box, title: title, focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    guard let report else {
      canvas.put(
        "no traffic of \(proposal.artefact) in the window: nothing to project from", x: inner.x + 1,
        y: inner.y, maxWidth: inner.width - 1, style: CellStyle(.warn))
      return
    }
    var cols = columns
    cols[1].title = "now (" + String(format: "%.1f", report.currentCanaryWeightPercent) + " %)"
    cols[2].title = "proposed \(proposal.proposedWeight) %"
    let placements = PaneTable.place(cols, in: inner)
    PaneTable.drawHeader(cols, placements: placements, y: inner.y, in: &canvas, clip: inner)
    var y = inner.y + 1
    for row in rows(report) where y < inner.maxY {
      PaneTable.drawRow(
        row, columns: cols, placements: placements, y: y, selected: false, focused: false, in: &canvas,
        clip: inner)
      y += 1
    }
    for warning in warnings where y < inner.maxY {
      canvas.put(
        warning.description, x: inner.x + 1, y: y, maxWidth: inner.width - 1,
        style: CellStyle(.warn, bold: true))
      y += 1
    }
  }
}
