import FlightDeckCore
import Foundation

/// The Charts pane: p95 latency and cost per minute of the selected
/// artefact over the window, one series per (version, route).
///
/// The artefact is the drill-down, else the selected row
/// (``AppState/selectedArtefact``). Each chart has a title row with its unit
/// and a legend, then a ``LineChart`` whose y-axis labels carry units
/// (`ms`/`s`, `$/min`) and whose x-axis reads `-15m … now`.
public enum ChartsPane {
  /// Series styles in legend order.
  public static let seriesRoles: [StyleRole] = [.series0, .series1, .series2, .series3, .series4, .series5]

  /// A latency axis label: three significant digits, in µs under a
  /// millisecond (`45 µs`), ms under a second (`4.5 ms`, `820 ms`), else
  /// seconds (`1.2 s`).
  @Sendable public static func latencyLabel(_ ms: Double) -> String {
    if ms == 0 { return "0 ms" }
    if ms < 1 { return String(format: "%.3g µs", ms * 1000) }
    return ms < 1000 ? String(format: "%.3g ms", ms) : String(format: "%.3g s", ms / 1000)
  }

  /// A cost-rate axis label in USD per minute, e.g. `$0.12/min`.
  @Sendable public static func costRateLabel(_ usd: Double) -> String {
    String(format: "$%.3g/min", usd)
  }

  /// x-axis labels for `samples` samples `stepMs` apart ending now:
  /// `-span`, `-span/2`, `now`.
  public static func xLabels(samples: Int, stepMs: Int64) -> [String] {
    let span = Int64(max(0, samples)) * stepMs
    guard span > 0 else { return [] }
    return ["-" + PaneFormat.duration(ms: span), "-" + PaneFormat.duration(ms: span / 2), "now"]
  }

  /// Draws the pane into `rect`.
  public static func draw(
    into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState, symbols: Symbols
  ) {
    let name = state.selectedArtefact
    let title = PaneID.charts.title + (name.map { ": " + $0 } ?? "")
    let inner = canvas.drawBox(rect, title: title, focused: state.focus == .charts, symbols: symbols)
    guard !inner.isEmpty else { return }
    guard let name else {
      canvas.put(
        "select an artefact in the Registry to chart it", x: inner.x, y: inner.y, maxWidth: inner.width,
        style: CellStyle(.dim))
      return
    }
    guard let charts = snapshot?.charts[name],
      !(charts.p95LatencyMs.isEmpty && charts.costPerMinuteUSD.isEmpty)
    else {
      canvas.put(
        "no chart data for this artefact in the window", x: inner.x, y: inner.y, maxWidth: inner.width,
        style: CellStyle(.dim))
      return
    }
    let halves = Layout.split(inner, direction: .vertical, constraints: [.fill(1), .fill(1)])
    drawChart(
      "p95 latency", series: charts.p95LatencyMs, stepMs: charts.stepMs, label: latencyLabel,
      into: &canvas, rect: halves[0], symbols: symbols)
    drawChart(
      "cost per minute", series: charts.costPerMinuteUSD, stepMs: charts.stepMs, label: costRateLabel,
      into: &canvas, rect: halves[1], symbols: symbols)
  }

  /// Draws one titled chart with its legend into `rect`.
  static func drawChart(
    _ title: String, series: [ChartSeries], stepMs: Int64, label: @escaping @Sendable (Double) -> String,
    into canvas: inout Canvas, rect: Rect, symbols: Symbols
  ) {
    guard !rect.isEmpty else { return }
    var x = rect.x
    x += canvas.put(title, x: x, y: rect.y, maxWidth: rect.width, style: CellStyle(.title, bold: true))
    let swatch = symbols.mode == .ascii ? "#" : "■"
    for (i, s) in series.enumerated() {
      guard x + 3 < rect.maxX else { break }
      let style = CellStyle(seriesRoles[i % seriesRoles.count], bold: true)
      x += canvas.put("  " + swatch + " ", x: x, y: rect.y, maxWidth: rect.maxX - x, style: style)
      x += canvas.put(s.label, x: x, y: rect.y, maxWidth: rect.maxX - x, style: CellStyle(.text))
    }
    let plot = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    guard !plot.isEmpty else { return }
    let hasData = series.contains { $0.values.contains { $0 != nil } }
    guard hasData else {
      canvas.put(
        "no samples in the window", x: plot.x, y: plot.y, maxWidth: plot.width, style: CellStyle(.dim))
      return
    }
    let samples = series.map(\.values.count).max() ?? 0
    let chart = LineChart(
      series: series.enumerated().map { i, s in
        LineChart.Series(
          name: s.label, values: s.values, style: CellStyle(seriesRoles[i % seriesRoles.count]))
      },
      xLabels: xLabels(samples: samples, stepMs: stepMs), symbols: symbols, yLabel: label)
    chart.render(into: &canvas, area: plot)
  }
}
