import FlightDeckCore
import Foundation

/// The Charts pane: p95 latency and cost per minute of the selected
/// artefact over the window, one series per (version, route).
///
/// The artefact is the drill-down, else the selected row
/// (``AppState/selectedArtefact``). Each chart has a title row with its unit
/// and a legend, then a ``LineChart`` whose y-axis labels carry units
/// (`ms`/`s`, `$/min`).
///
/// x axis: ticks pinned to drawn samples (``xTicks(visible:stepMs:)``): the
/// oldest drawn sample's age rounded down to a whole minute, half of that,
/// and `now` at the newest sample. Both charts share one y-label width, so
/// their plots and x labels line up.
///
/// Colours (``roles(for:)``): a series takes its route's role (stable,
/// canary, shadow — the colours of the Registry and the Canary split bar)
/// when it is the only series of that route; further versions of a route
/// take the series palette. Draw order (``drawOrder(_:)``): largest mean
/// first, smallest last. Cells are overwritten whole, so this leaves each
/// line visible where it rises above the ones drawn after it: a canary whose
/// latency regresses pokes out above stable, and a low-traffic canary's cost
/// per minute still shows under stable's instead of being hidden.
///
/// An artefact with more than ``maxDrawnSeries`` series charts only the most
/// active ones (``drawnSeries(_:limit:)``); its titles then say `(12 of N series)`.
public enum ChartsPane {
  /// Series styles for versions beyond the first of a route.
  public static let seriesRoles: [StyleRole] = [.series0, .series1, .series2, .series3, .series4, .series5]

  /// The style role of each series: its route's role (``StyleRole/stable``,
  /// ``StyleRole/canary``, ``StyleRole/shadow``) when no other series has the
  /// same route, else ``seriesRoles`` by position.
  ///
  /// Cost: O(n) for n series (one count per route, then one pass), so an
  /// artefact with thousands of versions — the telemetry writer's choice —
  /// colours its chart in proportional time, not quadratic.
  public static func roles(for series: [ChartSeries]) -> [StyleRole] {
    var perRoute: [Route: Int] = [:]
    for s in series { perRoute[s.route, default: 0] += 1 }
    return series.enumerated().map { i, s in
      guard perRoute[s.route] == 1 else {
        return seriesRoles[i % seriesRoles.count]
      }
      switch s.route {
      case .stable: return .stable
      case .canary: return .canary
      case .shadow: return .shadow
      }
    }
  }

  /// Indices of `series` in drawing order: descending mean of the present,
  /// finite values (a series without values counts as 0); ties keep legend order.
  public static func drawOrder(_ series: [ChartSeries]) -> [Int] {
    func mean(_ s: ChartSeries) -> Double {
      let v = s.values.compactMap { $0 }.filter(\.isFinite)
      return v.isEmpty ? 0 : v.reduce(0, +) / Double(v.count)
    }
    let means = series.map(mean)
    return series.indices.sorted { means[$0] != means[$1] ? means[$0] > means[$1] : $0 < $1 }
  }

  /// x ticks for `visible` drawn samples `stepMs` apart, the newest being
  /// the current (partial) bucket, i.e. age 0 = `now`.
  ///
  /// The oldest drawn sample is `(visible − 1) × stepMs` old. The left tick
  /// sits at that age rounded down to a whole minute (to whole steps under
  /// 2 minutes, or when the step does not divide a minute), the middle tick
  /// at half the left tick's age (rounded down to whole steps), `now` at 0.
  /// Example: 91 samples of 10 s → `-15m` (90 back), `-7m30s` (45 back), `now`.
  public static func xTicks(visible: Int, stepMs: Int64) -> [LineChart.XTick] {
    guard visible > 0, stepMs > 0 else { return [] }
    let now = LineChart.XTick(stepsBack: 0, label: "now")
    let span = Int64(visible - 1) * stepMs
    let unit: Int64 = span >= 120_000 && 60_000 % stepMs == 0 ? 60_000 : stepMs
    let left = span / unit * unit
    guard left > 0 else { return [now] }
    let middle = left / 2 / stepMs * stepMs
    // A resampled chart's step (e.g. 11.2 s) divides no minute: its labels
    // give the tick's age rounded to the hour from 10 h, to 10 minutes from
    // 2 h, to the minute from 2 minutes, else to 10 s; a sample there covers
    // a whole group of buckets anyway.
    func label(_ ms: Int64) -> String {
      guard unit != 60_000, 60_000 % stepMs != 0 else { return "-" + PaneFormat.duration(ms: ms) }
      let unit: Int64 =
        ms >= 10 * 3_600_000 ? 3_600_000 : (ms >= 7_200_000 ? 600_000 : (ms >= 120_000 ? 60_000 : 10_000))
      let rounded = (ms + unit / 2) / unit * unit
      return "-" + PaneFormat.duration(ms: rounded)
    }
    var ticks = [LineChart.XTick(stepsBack: Int(left / stepMs), label: label(left))]
    if middle > 0 {
      ticks.append(LineChart.XTick(stepsBack: Int(middle / stepMs), label: label(middle)))
    }
    ticks.append(now)
    return ticks
  }

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
    guard var charts = snapshot?.charts[name],
      !(charts.p95LatencyMs.isEmpty && charts.costPerMinuteUSD.isEmpty)
    else {
      canvas.put(
        "no chart data for this artefact in the window", x: inner.x, y: inner.y, maxWidth: inner.width,
        style: CellStyle(.dim))
      return
    }
    let halves = Layout.split(inner, direction: .vertical, constraints: [.fill(1), .fill(1)])
    // Thousands of versions (the telemetry writer's choice) would cost a
    // downsample and a line each, every frame, for a plot no one can read:
    // draw the most active few, and say how many are left out.
    let drawn = drawnSeries(charts.p95LatencyMs, limit: maxDrawnSeries)
    let omitted = charts.p95LatencyMs.count - drawn.count
    if omitted > 0 {
      charts.p95LatencyMs = drawn.map { charts.p95LatencyMs[$0] }
      charts.costPerMinuteUSD = drawn.compactMap {
        $0 < charts.costPerMinuteUSD.count ? charts.costPerMinuteUSD[$0] : nil
      }
    }
    // The plot width depends on the y labels, which depend on the values:
    // size with the full series first, then fit the samples to that width.
    let probeWidth = max(
      chart(charts.p95LatencyMs, label: latencyLabel, symbols: symbols).naturalYLabelWidth(),
      chart(charts.costPerMinuteUSD, label: costRateLabel, symbols: symbols).naturalYLabelWidth())
    let capacity = 2 * LineChart.plotWidth(areaWidth: inner.width, labelWidth: probeWidth)
    let samples = (charts.p95LatencyMs + charts.costPerMinuteUSD).map(\.values.count).max() ?? 0
    // Fit the samples to the plot: combine neighbours when there are more
    // samples than dot columns, repeat them when there are fewer, so the
    // whole window always spans the whole width.
    let target = capacity > 0 ? capacity : samples
    let latencySeries = charts.p95LatencyMs.map { downsampled($0, to: target, combine: .maximum) }
    let costSeries = charts.costPerMinuteUSD.map { downsampled($0, to: target, combine: .mean) }
    // The drawn samples span the same time as the series: the oldest drawn
    // sample is (samples − 1) steps old, spread over (target − 1) columns.
    let stepMs =
      target > 1 && samples > 1 && samples != target
      ? max(1, Int64((Double(charts.stepMs) * Double(samples - 1) / Double(target - 1)).rounded()))
      : charts.stepMs
    var latency = chart(latencySeries, label: latencyLabel, symbols: symbols)
    var cost = chart(costSeries, label: costRateLabel, symbols: symbols)
    let labelWidth = max(latency.naturalYLabelWidth(), cost.naturalYLabelWidth())
    latency.yLabelWidth = labelWidth
    cost.yLabelWidth = labelWidth
    let plotWidth = LineChart.plotWidth(areaWidth: inner.width, labelWidth: labelWidth)
    let visible = (latencySeries + costSeries).map(\.values.count).max() ?? 0
    let ticks = xTicks(visible: min(visible, 2 * plotWidth), stepMs: stepMs)
    latency.xTicks = ticks
    cost.xTicks = ticks
    drawChart(
      "p95 latency", latency, series: latencySeries, into: &canvas, rect: halves[0], symbols: symbols,
      omitted: omitted)
    // Requests in the window but no cost sample: every request's cost was
    // unknown (a model without a price), which is not "no samples".
    let hasLatency = charts.p95LatencyMs.contains { $0.values.contains { $0 != nil } }
    drawChart(
      "cost per minute", cost, series: costSeries, into: &canvas, rect: halves[1],
      symbols: symbols, omitted: omitted,
      emptyMessage: hasLatency ? "cost unknown (no price for this model)" : "no samples in the window")
  }

  /// At most this many series of one artefact are charted (the titles
  /// count the rest: `(12 of N series)`).
  public static let maxDrawnSeries = 12

  /// Indices of the series to chart, in legend order: all of them up to
  /// `limit`, else the `limit` with the most samples present (the most
  /// active buckets over the window; ties by legend order). O(series ×
  /// samples) counting, no downsampling or drawing of the others.
  public static func drawnSeries(_ series: [ChartSeries], limit: Int) -> [Int] {
    guard series.count > limit else { return Array(series.indices) }
    let present = series.map { s in s.values.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
    let ranked = series.indices.sorted { present[$0] != present[$1] ? present[$0] > present[$1] : $0 < $1 }
    return ranked.prefix(max(0, limit)).sorted()
  }

  /// How a group of samples becomes one chart sample.
  public enum Combine: Sendable {
    /// The largest value (p95 latency: a chart of the worst bucket of each group).
    case maximum
    /// The mean of the values present (cost per minute: the group's rate).
    case mean
  }

  /// `series` resampled to `count` samples when it has more: output sample
  /// `i` combines the inputs `[⌊i·n/count⌋, ⌊(i+1)·n/count⌋)`, so the groups
  /// cover the series exactly, the last one ending at the newest sample
  /// ("now"); `nil` when a group has no value. A long window (e.g. 24 h of
  /// 5-minute buckets, 289 samples) is shown whole on a narrow chart, and a
  /// chart a little narrower than its samples still fills its width.
  ///
  /// With fewer samples than `count`, each output sample repeats the input
  /// sample it falls in (`⌊i·n/count⌋`), stretching the series to the width.
  public static func downsampled(_ series: ChartSeries, to count: Int, combine: Combine) -> ChartSeries {
    let n = series.values.count
    guard count > 0, n > 0, n != count else { return series }
    if n < count {
      let stretched = (0..<count).map { series.values[$0 * n / count] }
      return ChartSeries(label: series.label, route: series.route, values: stretched)
    }
    var out: [Double?] = []
    out.reserveCapacity(count)
    for i in 0..<count {
      let start = i * n / count
      let end = (i + 1) * n / count
      let present = series.values[start..<end].compactMap { $0 }
      switch combine {
      case .maximum: out.append(present.max())
      case .mean: out.append(present.isEmpty ? nil : present.reduce(0, +) / Double(present.count))
      }
    }
    return ChartSeries(label: series.label, route: series.route, values: out)
  }

  /// The chart of `series`: route colours (``roles(for:)``), drawn in
  /// ``drawOrder(_:)``.
  static func chart(
    _ series: [ChartSeries], label: @escaping @Sendable (Double) -> String, symbols: Symbols
  ) -> LineChart {
    let roles = roles(for: series)
    return LineChart(
      series: drawOrder(series).map { i in
        LineChart.Series(name: series[i].label, values: series[i].values, style: CellStyle(roles[i]))
      }, symbols: symbols, yLabel: label)
  }

  /// Draws one titled chart with its legend (legend order, route colours)
  /// into `rect`; `omitted` series left out are counted after the title;
  /// `emptyMessage` replaces the plot when no series has a value.
  static func drawChart(
    _ title: String, _ chart: LineChart, series: [ChartSeries], into canvas: inout Canvas, rect: Rect,
    symbols: Symbols, omitted: Int = 0, emptyMessage: String = "no samples in the window"
  ) {
    guard !rect.isEmpty else { return }
    var x = rect.x
    x += canvas.put(title, x: x, y: rect.y, maxWidth: rect.width, style: CellStyle(.title, bold: true))
    if omitted > 0 {
      x += canvas.put(
        " (\(series.count) of \(series.count + omitted) series)", x: x, y: rect.y, maxWidth: rect.maxX - x,
        style: CellStyle(.dim))
    }
    let swatch = symbols.mode == .ascii ? "#" : "■"
    let roles = roles(for: series)
    for (i, s) in series.enumerated() {
      guard x + 3 < rect.maxX else { break }
      x += canvas.put(
        "  " + swatch + " ", x: x, y: rect.y, maxWidth: rect.maxX - x, style: CellStyle(roles[i], bold: true))
      x += canvas.put(s.label, x: x, y: rect.y, maxWidth: rect.maxX - x, style: CellStyle(.text))
    }
    let plot = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    guard !plot.isEmpty else { return }
    let hasData = series.contains { $0.values.contains { $0 != nil } }
    guard hasData else {
      canvas.put(emptyMessage, x: plot.x, y: plot.y, maxWidth: plot.width, style: CellStyle(.dim))
      return
    }
    chart.render(into: &canvas, area: plot)
  }
}
