import FlightDeckCore
import Foundation

/// The KPI view (`K`): the lifecycle KPIs of the last 30 days as
/// ``KPICalculator`` computes them from the registry, one line per KPI with
/// its value and its sample size, e.g. `time to promote  median 2h10m  p90 6h  (n=12)`.
///
/// A dashboard that follows telemetry tallies its own files for the
/// telemetry KPIs (cost per request and per 1k tokens, and latency-SLO
/// attainment against the configuration's latency SLO threshold); without
/// telemetry they show n/a and point at `flightdeck kpi --telemetry`, and
/// with telemetry but no latency SLO configured the attainment says so.
/// Definitions: the KPIs article.
public enum KPIOverlay {
  /// Width of the KPI name column.
  static let nameWidth = 24

  /// The view's lines for `report`.
  public static func lines(_ r: KPIReport) -> [(String, CellStyle)] {
    func name(_ s: String) -> String { s.padding(toLength: nameWidth, withPad: " ", startingAt: 0) }
    func durations(_ d: KPIDurations) -> String {
      guard d.count > 0 else { return "n/a  (n=0)" }
      return "median \(IncidentView.span(d.median))  p90 \(IncidentView.span(d.p90))  (n=\(d.count))"
    }
    let plain = CellStyle(.text)
    var out: [(String, CellStyle)] = [
      (
        "\(HistoryOverlay.when(r.from)) → \(HistoryOverlay.when(r.to)) UTC · "
          + PaneFormat.count(r.releases, "production release"),
        CellStyle(.header, bold: true)
      ),
      (name("time to promote") + durations(r.timeToPromote), plain),
      (name("time to approve") + durations(r.timeToApprove), plain),
      (name("rollback frequency") + r.rollbackFrequency.percentText, plain),
      (name("gate pass rate") + r.gatePassRate.percentText, plain),
      (name("defect escape rate") + r.defectEscapeRate.percentText, plain),
      (name("MTTA") + durations(r.timeToAcknowledge), plain),
      (name("MTTR") + durations(r.timeToResolve), plain),
      (name("postmortem completion") + r.postmortemCompletion.percentText, plain),
      (name("recurrence (30 d)") + r.recurrence.percentText, plain),
      (name("audit completeness") + r.auditCompleteness.percentText, plain),
    ]
    if let a = r.latencyAttainment, let t = r.latencyThresholdMs {
      let whose = r.latencyArtefact.map { " (\($0))" } ?? ""
      out.append((name("latency ≤ \(String(format: "%g", t)) ms") + a.percentText + whose, plain))
    } else if !r.costByArtefact.isEmpty {
      // Telemetry was read: what is missing is a threshold to attain.
      out.append(
        (
          name("latency SLO attainment") + "n/a (no latency SLO: [[slo]] kind = \"latency\", threshold_ms)",
          CellStyle(.dim)
        ))
    } else {
      out.append(
        (
          name("latency SLO attainment") + "n/a (needs telemetry: flightdeck kpi --telemetry)",
          CellStyle(.dim)
        ))
    }
    if r.costByArtefact.isEmpty {
      out.append(
        (name("cost per request") + "n/a (needs telemetry: flightdeck kpi --telemetry)", CellStyle(.dim)))
    }
    for c in r.costByArtefact {
      out.append(
        (
          name("cost \(c.artefact)")
            + "\(perUnit(c.costPerRequest, "request"))  \(perUnit(c.costPer1kTokens, "1k tokens"))  (n=\(c.requests))",
          plain
        ))
    }
    return out
  }

  /// A cost per unit, e.g. `$0.000412/request`; `n/a` alone when unknown
  /// (no price: not `n/a/request`).
  static func perUnit(_ x: Double?, _ unit: String) -> String {
    x.map { KPIText.unitUSD($0) + "/" + unit } ?? "n/a"
  }

  /// KPI lines that fit in a `width` × `height` screen.
  public static func visibleRows(width: Int, height: Int) -> Int {
    max(1, OverlayFrame.large(width: width, height: height).height - 2)
  }

  /// Draws the view over the screen.
  public static func draw(into canvas: inout Canvas, kpi: KPIOverlayState, symbols: Symbols) {
    let box = OverlayFrame.large(width: canvas.width, height: canvas.height)
    guard box.width >= 10, box.height >= 4 else { return }
    canvas.fill(box, style: CellStyle(.text))
    let inner = canvas.drawBox(box, title: "KPIs, last 30 days (Esc closes)", focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    if let error = kpi.error {
      canvas.put(
        error, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: CellStyle(.critical, bold: true))
      return
    }
    guard let report = kpi.report else {
      canvas.put("computing…", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: CellStyle(.dim))
      return
    }
    let all = lines(report)
    let offset = min(kpi.offset, max(0, all.count - inner.height))
    for (n, (text, style)) in all.enumerated().dropFirst(offset).prefix(inner.height) {
      canvas.put(text, x: inner.x + 1, y: inner.y + n - offset, maxWidth: inner.width - 1, style: style)
    }
    PaneTable.drawMoreIndicator(all.count - offset - inner.height, box: box, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: box, in: &canvas)
  }
}
