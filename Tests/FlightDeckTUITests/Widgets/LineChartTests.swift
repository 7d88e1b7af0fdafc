import FlightDeckTUI
import Testing

@Suite struct LineChartTests {
  @Test func niceCeiling() {
    #expect(LineChart.niceCeiling(0.83) == 1)
    #expect(LineChart.niceCeiling(1234) == 2000)
    #expect(LineChart.niceCeiling(7) == 10)
    #expect(LineChart.niceCeiling(2.1) == 2.5)
    #expect(LineChart.niceCeiling(5) == 5)
    #expect(LineChart.niceCeiling(100) == 100)
    #expect(LineChart.niceCeiling(0) == 1)
    #expect(LineChart.niceCeiling(-.infinity) == 1)
  }

  @Test func levels() {
    // 8 levels, range 0…4: 1 + round(v/4 · 7).
    #expect(LineChart.level(of: 0, range: 0...4, levels: 8) == 1)
    #expect(LineChart.level(of: 1, range: 0...4, levels: 8) == 3)  // 1 + round(1.75)
    #expect(LineChart.level(of: 2, range: 0...4, levels: 8) == 5)  // 1 + round(3.5)
    #expect(LineChart.level(of: 3, range: 0...4, levels: 8) == 6)  // 1 + round(5.25)
    #expect(LineChart.level(of: 4, range: 0...4, levels: 8) == 8)
    #expect(LineChart.level(of: 99, range: 0...4, levels: 8) == 8)
    #expect(LineChart.level(of: nil, range: 0...4, levels: 8) == 0)
    #expect(LineChart.level(of: .nan, range: 0...4, levels: 8) == 0)
  }

  @Test func knownSeriesRendersToExpectedBraille() {
    let chart = LineChart(
      series: [.init(name: "p95", values: [0, 1, 2, 3, 4, nil, 4, 2], style: CellStyle(.series0))],
      yRange: 0...4, yLabel: { String(Int($0)) })
    var c = Canvas(width: 6, height: 2)
    chart.render(into: &c, area: c.area)
    // Labels "4"/"0" + a space → plot x 2…5, 2 rows = 8 levels, 8 sample slots.
    // Levels: 1, 3 | 5, 6 | 8, 0 | 8, 5 (see `levels`).
    // Bottom row (levels 1–4):  (1,3) (4,4) (4,0) (4,4)
    // Top row (levels 5–8):     (0,0) (1,2) (4,0) (4,1)
    // Braille: left n dots = 7,3,2,1 (0x40,0x04,0x02,0x01), right = 8,6,5,4 (0x80,0x20,0x10,0x08).
    //   (1,3) = 0x40 + 0x80+0x20+0x10 = 0xF0   (4,4) = 0xFF   (4,0) = 0x47
    //   (1,2) = 0x40 + 0x80+0x20 = 0xE0        (4,1) = 0x47 + 0x80 = 0xC7
    #expect(c.textRows() == ["4  \u{28E0}\u{2847}\u{28C7}", "0 \u{28F0}\u{28FF}\u{2847}\u{28FF}"])
    #expect(c[3, 0].style == CellStyle(.series0))
    #expect(c[0, 0].style == CellStyle(.dim))
    #expect(c[2, 0] == .blank)  // nothing drawn where a column has no dot
  }

  @Test func showsOnlyTheMostRecentSamplesRightAligned() {
    var c = Canvas(width: 2, height: 1)
    // Width 2 leaves no room for labels: plot = 2 columns = 4 slots; 6 samples → last 4.
    // Range 0…1, 4 levels: 1 + round(v · 3): 0 → 1, 1 → 4.
    LineChart(
      series: [.init(name: "s", values: [1, 1, 0, 1, nil, 0], style: .plain)], yRange: 0...1,
      yLabel: { _ in "x" }
    )
    .render(into: &c, area: c.area)
    // Slots: (0, 1) → (1, 4) = 0x40 + 0xB8 = 0xF8; (nil, 0) → (0, 1) = 0x80.
    #expect(c.textRows() == ["\u{28F8}\u{2880}"])
    var short = Canvas(width: 2, height: 1)
    LineChart(series: [.init(name: "s", values: [1], style: .plain)], yRange: 0...1, yLabel: { _ in "x" })
      .render(into: &short, area: short.area)
    // One sample → right half of the last column, full height: 0xB8.
    #expect(short.textRows() == [" \u{28B8}"])
  }

  @Test func laterSeriesWinWhereTheyOverlap() {
    var c = Canvas(width: 2, height: 1)
    let chart = LineChart(
      series: [
        .init(name: "a", values: [1, 1, 1, 1], style: CellStyle(.series0)),
        .init(name: "b", values: [nil, nil, 0, 0], style: CellStyle(.series1)),
      ], yRange: 0...1, yLabel: { _ in "x" })
    chart.render(into: &c, area: c.area)
    // Column 0: only a → full 0xFF; column 1: b (level 1,1) overwrites a → 0xC0.
    #expect(c.textRows() == ["\u{28FF}\u{28C0}"])
    #expect(c[0, 0].style.role == .series0 && c[1, 0].style.role == .series1)
  }

  @Test func autoRangeAndAxisLabels() {
    let chart = LineChart(
      series: [.init(name: "p95", values: [0.4, 0.83], style: .plain)], xLabels: ["-15m", "now"],
      yLabel: { String(format: "%.1f s", $0) })
    #expect(chart.effectiveRange() == 0...1)
    var c = Canvas(width: 16, height: 3)
    chart.render(into: &c, area: c.area)
    // Labels "1.0 s"/"0.0 s" (5) + space → plot x 6…15 (10 columns), rows 0–1; x labels on row 2:
    // "-15m" at the plot's left edge, "now" ending at its right edge.
    #expect(c.textRows()[2] == "      -15m   now")
    #expect(c.textRows()[0].hasPrefix("1.0 s "))
    #expect(c.textRows()[1].hasPrefix("0.0 s "))
  }

  @Test func asciiChart() {
    var c = Canvas(width: 2, height: 1)
    LineChart(
      series: [.init(name: "s", values: [0, 1, 1, 1], style: .plain)], yRange: 0...1, symbols: .ascii,
      yLabel: { _ in "x" }
    )
    .render(into: &c, area: c.area)
    // Levels (1,4) → max 4 → "|"; (4,4) → "|". A (1,1) pair would be ".".
    #expect(c.textRows() == ["||"])
  }
}
