import FlightDeckCore
import FlightDeckTUI
import Testing

@Suite struct ChartsPaneTests {
  func ticks(_ visible: Int, _ stepMs: Int64) -> [String] {
    ChartsPane.xTicks(visible: visible, stepMs: stepMs).map { "\($0.stepsBack):\($0.label)" }
  }

  @Test func ticksAreRoundAgesOfDrawnSamples() {
    // 15 min of 10 s buckets plus the current one = 91 samples: the oldest is
    // 90 × 10 s = 900 s = 15m old (not 15m10s); half of it 450 s = 45 back.
    #expect(ticks(91, 10_000) == ["90:-15m", "45:-7m30s", "0:now"])
    // 84 drawn (a 42-cell plot): oldest 83 × 10 s = 830 s → whole minutes:
    // 13m = 780 s = 78 back; half 390 s = 6m30s = 39 back.
    #expect(ticks(84, 10_000) == ["78:-13m", "39:-6m30s", "0:now"])
    // Under 2 min of data, whole steps: 10 samples → 90 s; half 45 s → 40 s (4 back).
    #expect(ticks(10, 10_000) == ["9:-1m30s", "4:-40s", "0:now"])
    #expect(ticks(1, 10_000) == ["0:now"])
    #expect(ticks(0, 10_000).isEmpty)
  }

  @Test func tickColumnsFollowTheRightAlignedSamples() {
    // 40 cells = 80 slots; the newest sample is slot 79 (column 39), 78 back
    // is slot 1 (column 0), 80 back would be slot −1: not drawn.
    #expect(LineChart.column(stepsBack: 0, plotWidth: 40) == 39)
    #expect(LineChart.column(stepsBack: 78, plotWidth: 40) == 0)
    #expect(LineChart.column(stepsBack: 79, plotWidth: 40) == 0)
    #expect(LineChart.column(stepsBack: 80, plotWidth: 40) == nil)
  }

  @Test func thousandsOfVersionsOfOneRouteTakeThePaletteByPosition() {
    // 3,000 stable versions, one canary, one shadow (the telemetry writer
    // names versions): the stable series share a route, so series i takes
    // seriesRoles[i % 6]; the lone canary and shadow keep their route
    // colours. Counted per route once (O(n)); the former per-series filter
    // did 3,002² route comparisons for the same answer.
    let stable = (0..<3_000).map { ChartSeries(label: "v\($0) stable", route: .stable, values: []) }
    let series =
      stable + [
        ChartSeries(label: "c canary", route: .canary, values: []),
        ChartSeries(label: "s shadow", route: .shadow, values: []),
      ]
    let roles = ChartsPane.roles(for: series)
    #expect(roles.count == 3_002)
    #expect(roles[0] == .series0 && roles[5] == .series5 && roles[6] == .series0)
    #expect(roles[2_999] == ChartsPane.seriesRoles[2_999 % 6])
    #expect(roles[2_999] == .series5)
    #expect(roles[3_000] == .canary && roles[3_001] == .shadow)
  }

  @Test func seriesTakeRouteColoursAndTheSmallerLineIsDrawnLast() {
    let charts = DashboardFixture.snapshot().charts["support-agent"]
    let p95 = charts?.p95LatencyMs ?? []
    let cost = charts?.costPerMinuteUSD ?? []
    #expect(ChartsPane.roles(for: p95) == [.stable, .canary])
    // Two stable versions share a route: both fall back to the palette by position.
    let twoStable = [
      ChartSeries(label: "v1 stable", route: .stable, values: []),
      ChartSeries(label: "v2 stable", route: .stable, values: []),
      ChartSeries(label: "v3 canary", route: .canary, values: []),
    ]
    #expect(ChartsPane.roles(for: twoStable) == [.series0, .series1, .canary])
    // Latency: canary mean (2000…2700 without the gap) > stable 2000 → canary
    // first, stable on top. Cost: stable 0.35 > canary 0.04 → stable first.
    #expect(ChartsPane.drawOrder(p95) == [1, 0])
    #expect(ChartsPane.drawOrder(cost) == [0, 1])

    // In the 70×14 pane (plot x 10…68, latency plot rows y 2…5, range 0…5 s,
    // 16 levels): the newest samples (x 68) are stable 2000 ms →
    // 1 + round(0.4 × 15) = 7 levels (rows y 5, y 4) and canary 2700 ms →
    // 1 + round(0.54 × 15) = 9 levels, one above stable (y 3). Stable drawn
    // last keeps y 4…5; the canary's excess shows in canary colour at y 3.
    var state = AppState()
    state.drillDown = "support-agent"
    var canvas = Canvas(width: 70, height: 14)
    ChartsPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: state, symbols: .braille
    )
    #expect(canvas[68, 3].style.role == .canary)
    #expect(canvas[68, 4].style.role == .stable)
    #expect(canvas[68, 5].style.role == .stable)
    // Legend swatches use the same roles: "p95 latency  ■" → ■ at x 1 + 13 = 14.
    #expect(canvas[14, 1].style.role == .stable)
  }

  @Test func unpricedArtefactSaysCostUnknownNotNoSamples() {
    // support-agent with its cost series emptied (every request of unknown
    // cost gives a nil sample) but its latency kept.
    var snapshot = DashboardFixture.snapshot()
    snapshot.charts["support-agent"]?.costPerMinuteUSD = [
      ChartSeries(label: "v3 stable", route: .stable, values: Array(repeating: nil, count: 15))
    ]
    var state = AppState()
    state.drillDown = "support-agent"
    var canvas = Canvas(width: 80, height: 20)
    ChartsPane.draw(into: &canvas, rect: canvas.area, snapshot: snapshot, state: state, symbols: .ascii)
    let text = canvas.textRows().joined(separator: "\n")
    #expect(text.contains("cost unknown (no price for this model)"))
    #expect(!text.contains("no samples in the window"))
    // Without latency samples either, it is just an empty window.
    snapshot.charts["support-agent"]?.p95LatencyMs = [
      ChartSeries(label: "v3 stable", route: .stable, values: [nil, nil])
    ]
    canvas = Canvas(width: 80, height: 20)
    ChartsPane.draw(into: &canvas, rect: canvas.area, snapshot: snapshot, state: state, symbols: .ascii)
    #expect(canvas.textRows().joined(separator: "\n").contains("no samples in the window"))
  }

  @Test func fiveThousandVersionsChartTheTwelveMostActive() {
    // 5,000 stable versions of one artefact over 91 buckets; version i has a
    // sample in the first (i mod 90) buckets, so the most active are the
    // twelve with 89 samples (i = 89, 179, …, 1079): those are charted, in
    // legend order, and the titles count the rest.
    let series = (0..<5_000).map { i in
      ChartSeries(
        label: "v\(i) stable", route: .stable,
        values: (0..<91).map { $0 < i % 90 ? Double(100 + i) : nil })
    }
    #expect(ChartsPane.drawnSeries(series, limit: 12) == (0..<12).map { 89 + 90 * $0 })
    #expect(ChartsPane.drawnSeries(Array(series.prefix(12)), limit: 12) == Array(0..<12))
    var snapshot = DashboardFixture.snapshot()
    snapshot.charts["support-agent"] = ArtefactCharts(
      start: snapshot.now, stepMs: 10_000, p95LatencyMs: series, costPerMinuteUSD: series)
    var state = AppState()
    state.drillDown = "support-agent"
    var canvas = Canvas(width: 120, height: 20)
    ChartsPane.draw(into: &canvas, rect: canvas.area, snapshot: snapshot, state: state, symbols: .ascii)
    let text = canvas.textRows().joined(separator: "\n")
    #expect(text.contains("p95 latency (12 of 5000 series)  # v89 stable  # v179 stable"))
    #expect(text.contains("cost per minute (12 of 5000 series)"))
    #expect(!text.contains("v0 stable"))
  }
}
