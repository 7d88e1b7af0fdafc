import FlightDeckTUI
import FlightDeckTestSupport
import Testing

@Suite struct WidgetSnapshotTests {
  /// A latency chart and a traffic split in boxes, as a pane would draw them.
  /// Chart: 30 − 2 borders − "2.0 s" label − 1 space = 22 columns = 44 slots for 12
  /// samples (right-aligned), 3 rows = 12 levels; range 0…2 (nice ceiling of 1.9).
  @Test func latencyPaneSnapshot() {
    var c = Canvas(width: 30, height: 9)
    let parts = Layout.split(c.area, direction: .vertical, constraints: [.fill(1), .length(4)])
    let chartArea = c.drawBox(parts[0], title: "p95 latency", focused: true, symbols: .braille)
    LineChart(
      series: [
        .init(
          name: "stable", values: [0.4, 0.5, 0.45, 0.6, 0.55, 0.5, nil, nil, 0.7, 1.2, 1.9, 1.1],
          style: CellStyle(.stable)),
        .init(
          name: "canary", values: [nil, nil, nil, nil, nil, nil, nil, nil, 0.3, 0.3, 0.4, 0.35],
          style: CellStyle(.canary)),
      ], xLabels: ["-6m", "now"], symbols: .braille, yLabel: { String(format: "%.1f s", $0) }
    ).render(into: &c, area: chartArea)
    let splitArea = c.drawBox(parts[1], title: "traffic", focused: false, symbols: .braille)
    SplitBar(segments: [
      .init(label: "stable", share: 85, style: CellStyle(.stable)),
      .init(label: "canary", share: 10, style: CellStyle(.canary)),
      .init(label: "shadow", share: 5, style: CellStyle(.shadow)),
    ]).render(into: &c, area: splitArea)
    CanvasSnapshot.assertMatches(c, named: "latency-pane", includeStyles: true)
  }
}
