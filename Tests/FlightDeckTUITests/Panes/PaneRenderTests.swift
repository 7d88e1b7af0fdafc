import FlightDeckCore
import FlightDeckTUI
import Testing

@Suite struct PaneRenderTests {
  @Test func registryRowsAreAlignedAndMarked() {
    // 80×8 canvas: box inner x 1…78 (78 columns). Columns need
    // 1 (marker) + 10+6+8+6+6+6+7+7+8 (= 64) + 8 separators = 73; the 5 spare
    // columns go to the flexible artefact (+3) and version (+2) columns:
    // marker@1, artefact@2 w13, kind@16 w6, version@23 w10, route@34 w6,
    // share@41 w6, req/s@48 w6, err%@55 w7, p95@63 w7, cost@71 w8.
    var canvas = Canvas(width: 80, height: 8)
    RegistryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: AppState(),
      symbols: .braille)
    let expected = [
      "┌ Registry " + String(repeating: "─", count: 68) + "┐",
      "│ artefact      kind   version    route   share  req/s   err %     p95 cost/req│",
      "│>gpt-4o-mini   model  2024-07-18 stable 100.0%    5.0    0.2%  640 ms  $0.0005│",
      "│ summarise-pr… prompt p7         stable 100.0%    1.0   2.0%!  1.25 s  unknown│",
      "│ support-agent agent  v4         canary  10.0%    0.3  6.0%!!  2.40 s  $0.0019│",
      "│                      v5         shadow  50.0%    1.7    0.0%  1.90 s  $0.0020│",
      "│                      v3         stable  90.0%    3.0    0.5%  2.10 s  $0.0021│",
      "└──────────────────────────────────────────────────────────────────────────────┘",
    ]
    #expect(canvas.textRows() == expected)
    // Error-rate colour by level, plus the text marker: 6.0% critical, 2.0% warn,
    // 0.2% ok; the err % column is x 55…61, right-aligned, so 61 is always text.
    #expect(canvas[61, 4].style.role == .critical)
    #expect(canvas[61, 3].style.role == .warn)
    #expect(canvas[61, 2].style.role == .ok)
  }

  @Test func headerShowsClockSourcesRateMalformedWindowAndMode() {
    var canvas = Canvas(width: 100, height: 1)
    var state = AppState()
    HeaderPane.draw(into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: state)
    // 14:03:07Z │ 2 sources following │ 12.5 ev/s │ 3 malformed ! │ window 15m, " LIVE " at 94…99.
    let live = "14:03:07Z │ 2 sources following │ 12.5 ev/s │ 3 malformed ! │ window 15m"
    #expect(canvas.textRows()[0] == live + String(repeating: " ", count: 100 - 72 - 6) + " LIVE ")
    #expect(canvas[46, 0].style.role == .warn)  // "3 malformed !" starts at 9+3+19+3+9+3 = 46
    state.isPaused = true
    HeaderPane.draw(into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: state)
    #expect(canvas.textRows()[0].hasSuffix(" PAUSED "))
    #expect(canvas[93, 0].style.reverse)  // readable without colour
  }

  @Test func sourcesNameTheWorstState() {
    let a = SourceStatus(path: "a", state: .following)
    let b = SourceStatus(path: "b", state: .failing)
    #expect(HeaderPane.sourcesText([a, a]).0 == "2 sources following")
    #expect(HeaderPane.sourcesText([a, b, a]).0 == "3 sources, 1 failing")
    #expect(HeaderPane.sourcesText([a, b, a]).1 == .critical)
    #expect(HeaderPane.sourcesText([]).0 == "no sources")
  }

  @Test func errorRateThresholds() {
    #expect(ErrorRateLevel(rate: 0.0099) == .ok)
    #expect(ErrorRateLevel(rate: 0.01) == .warn)
    #expect(ErrorRateLevel(rate: 0.0499) == .warn)
    #expect(ErrorRateLevel(rate: 0.05) == .critical)
    #expect(ErrorRateLevel.critical.marker == "!!")
  }

  @Test func formatsCarryUnits() {
    #expect(PaneFormat.latency(ms: 640) == "640 ms")
    #expect(PaneFormat.latency(ms: 1250) == "1.25 s")
    #expect(PaneFormat.latency(ms: nil) == "–")
    #expect(PaneFormat.cost(nil) == "unknown")
    #expect(PaneFormat.cost(0.0021) == "$0.0021")
    #expect(PaneFormat.duration(ms: 900_000) == "15m")
    #expect(PaneFormat.duration(ms: 5_400_000) == "1h30m")
    #expect(PaneFormat.duration(ms: 450_000) == "7m30s")
    // v3: $5.67 over 900 s → 5.67 / 900 × 3600 = $22.68 per hour.
    #expect(PaneFormat.costPerHour(DashboardFixture.v3.stats.costPerHourUSD) == "$22.68/h")
    #expect(PaneFormat.clock(DashboardFixture.now) == "14:03:07")
  }

  @Test func canaryComparisonShowsDeltasWithSignAndMarker() {
    let c = DashboardFixture.snapshot().canaries[0]
    let rows = CanaryPane.comparisonRows(c, symbols: .braille).map { $0.map(\.0) }
    // err: 18/300 = 6.0 % vs 13/2700 = 0.48 % → +5.5 pp; p95 2400 − 2100 = +300 ms;
    // cost 0.57/300 = 0.0019 vs 5.67/2700 = 0.0021 → −$0.0002.
    #expect(rows[0] == ["err %", "0.5%", "6.0%!!", "▲ +5.5pp", "0.0%"])
    #expect(rows[1] == ["p95", "2.10 s", "2.40 s", "▲ +300 ms", "1.90 s"])
    #expect(rows[2] == ["cost/req", "$0.0021", "$0.0019", "▼ -$0.0002", "$0.0020"])
    let ascii = CanaryPane.comparisonRows(c, symbols: .ascii).map { $0.map(\.0) }
    #expect(ascii[1][3] == "^ +300 ms")
  }

  @Test func canaryPaneDrawsSplitAndTable() {
    var canvas = Canvas(width: 60, height: 10)
    CanaryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: AppState(),
      symbols: .braille)
    let rows = canvas.textRows()
    #expect(rows[1] == "│> support-agent  shadow v5 mirrors 50.0%                  │")
    // Split bar in 56 columns (x 3…58). Largest remainder: quotas 5.6 (canary)
    // and 50.4 (stable) → 5 + 50 = 55, the 1 left goes to the larger remainder
    // (0.6, canary): canary 6 cells ("canary v4 10%" does not fit, "10%" does),
    // stable 50 cells with "stable v3 90%".
    #expect(rows[2].hasPrefix("│  10%   stable v3 90%  "))
    #expect(canvas[3, 2].style.role == .canary && canvas[3, 2].style.reverse)
    #expect(canvas[9, 2].style.role == .stable)
    #expect(rows[5].contains("6.0%!!"))
    #expect(rows[5].contains("▲ +5.5pp"))
  }

  @Test func placeholdersSayPlainlyNothingIsConfigured() {
    var canvas = Canvas(width: 40, height: 3)
    PlaceholderPane.draw(.alerts, into: &canvas, rect: canvas.area, state: AppState(), symbols: .braille)
    #expect(canvas.textRows()[1] == "│No alert rules configured yet.        │")
    canvas.ellipsis = Symbols.ascii.ellipsis
    PlaceholderPane.draw(.incidents, into: &canvas, rect: canvas.area, state: AppState(), symbols: .ascii)
    #expect(canvas.textRows()[1] == "|No incidents: incident tracking is not|")
  }

  @Test func ingestErrorsNewestFirst() {
    var canvas = Canvas(width: 60, height: 5)
    IngestErrorsPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: AppState(),
      symbols: .braille)
    let rows = canvas.textRows()
    #expect(rows[0].hasPrefix("┌ Ingest errors (3 malformed) "))
    #expect(rows[1] == "│ /var/log/fd/a.jsonl:92: ts: missing required field       │")
    #expect(rows[2] == "│ /var/log/fd/b.jsonl:4: invalid JSON                      │")
    #expect(rows[3] == "│ /var/log/fd/a.jsonl:17: latency_ms: not a number         │")
  }

  @Test func chartsSayWhenThereIsNoData() {
    var canvas = Canvas(width: 60, height: 6)
    ChartsPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: AppState(),
      symbols: .braille)
    // Selection defaults to row 0 only after a snapshot message; a fresh state has none.
    #expect(canvas.textRows()[1] == "│select an artefact in the Registry to chart it            │")
    var state = AppState()
    _ = AppUpdate.update(&state, .newSnapshot(DashboardFixture.snapshot()))  // selects gpt-4o-mini
    canvas = Canvas(width: 60, height: 6)
    ChartsPane.draw(
      into: &canvas, rect: canvas.area, snapshot: state.snapshot, state: state, symbols: .braille)
    #expect(canvas.textRows()[0].hasPrefix("┌ Charts: gpt-4o-mini ─"))
    #expect(canvas.textRows()[1] == "│no chart data for this artefact in the window             │")
  }

  @Test func chartsHaveUnitsAndLegend() {
    var state = AppState()
    state.drillDown = "support-agent"
    var canvas = Canvas(width: 70, height: 14)
    ChartsPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: state,
      symbols: .braille)
    let rows = canvas.textRows()
    #expect(rows[1] == "│p95 latency  ■ v3 stable  ■ v4 canary                               │")
    let text = rows.joined(separator: "\n")
    #expect(text.contains("ms"))
    #expect(text.contains("$/min") || text.contains("/min"))
    #expect(text.contains("cost per minute  ■ v3 stable  ■ v4 canary"))
    #expect(text.contains("-15m"))
    #expect(text.contains("now"))
  }
}
