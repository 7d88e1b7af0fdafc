import FlightDeckCore
import FlightDeckTUI
import Testing

@Suite struct PaneRenderTests {
  @Test func registryRowsAreAlignedAndMarked() {
    // 80×8 canvas: box inner x 1…78 (78 columns). All columns need
    // 1 (marker) + 10+6+8+6+6+5+8+7+8 (= 64) + 8 separators = 73: 5 spare. The
    // names want more: "summarise-prompt" is 16 wide (artefact min 10: 6 short)
    // and "2024-07-18" 10 (version min 8: 2 short), 8 > 5, so share (yields
    // first) goes: 66 needed, 12 spare ≥ 8, kind stays. Spare: artefact +6 → 16,
    // version +2 → 10, the 4 left shared evenly (+2, +2) → 18 and 12.
    // marker@1, artefact@2 w18, kind@21 w6, version@28 w12, route@41 w6,
    // req/s@48 w5, err%@54 w8 (figure + 2-column marker slot), p95@63 w7, cost@71 w8.
    var canvas = Canvas(width: 80, height: 8)
    RegistryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: AppState(),
      symbols: .braille)
    let expected = [
      "┌ Registry " + String(repeating: "─", count: 68) + "┐",
      "│ artefact           kind   version      route  req/s  err %       p95 cost/req│",
      "│>gpt-4o-mini        model  2024-07-18   stable   5.0   0.2%    640 ms  $0.0005│",
      "│ summarise-prompt   prompt p7           stable   1.0   2.0%!   1.25 s  unknown│",
      "│ support-agent      agent  v4           canary   0.3   6.0%!!  2.40 s  $0.0019│",
      "│                           v5           shadow   1.7   0.0%    1.90 s  $0.0020│",
      "│                           v3           stable   3.0   0.5%    2.10 s  $0.0021│",
      "└──────────────────────────────────────────────────────────────────────────────┘",
    ]
    #expect(canvas.textRows() == expected)
    // The figures end at x 59 ('%') on every row, whatever the marker: the
    // err % column is x 54…61 and its last two columns are the marker slot.
    for y in 2...6 { #expect(canvas[59, y].grapheme == "%", "row \(y)") }
    // Error-rate colour by level, plus the text marker: 6.0% critical, 2.0%
    // warn, 0.0% ok (row 2 is the focused selection bar, see below).
    #expect(canvas[59, 4].style.role == .critical)
    #expect(canvas[59, 3].style.role == .warn)
    #expect(canvas[59, 5].style.role == .ok)
  }

  @Test func focusedSelectionIsOneBarAndUnfocusedOnlyAMarker() {
    // Row 0 (y 2) is selected. Focused (the Registry has focus by default):
    // every inner cell x 1…78 is .selection without reverse — the route
    // ("stable", own role .stable) and err % (.ok) cells included.
    var canvas = Canvas(width: 80, height: 8)
    var state = AppState()
    RegistryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: state, symbols: .braille
    )
    for x in 1...78 {
      #expect(canvas[x, 2].style.role == .selection && !canvas[x, 2].style.reverse, "x \(x)")
    }
    #expect(canvas[1, 2].grapheme == ">" && canvas[1, 2].style.bold)
    // Unfocused: the marker only; the route cell (x 41) keeps .stable.
    state.focus = .canary
    canvas = Canvas(width: 80, height: 8)
    RegistryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: state, symbols: .braille
    )
    #expect(canvas[1, 2].grapheme == ">" && canvas[1, 2].style.role == .selection)
    #expect(canvas[41, 2].style.role == .stable)
    #expect(canvas[2, 2].style.role == .text)
    // Column headers are one continuous header band (gaps and marker too).
    #expect((1...78).allSatisfy { canvas[$0, 1].style.role == .header })
  }

  @Test func registryShowsHowManyRowsAreHiddenAndScrollsToTheSelection() {
    // 80×6: inner rows 1…4 = header + 3 data rows of 5 → "… 2 more" in the
    // bottom border (y 5), right-aligned one column in from the corner:
    // " … 2 more (↓ to scroll) " is 24 wide → x 55…78.
    var canvas = Canvas(width: 80, height: 6)
    var state = AppState()
    RegistryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: state, symbols: .braille
    )
    #expect(canvas.textRows()[5] == "└" + String(repeating: "─", count: 54) + " … 2 more (↓ to scroll) ┘")
    // Selecting the last row (4) scrolls by 4 − 3 + 1 = 2: rows 2…4 (v4, v5, v3)
    // show, nothing is hidden below, so the border is plain again.
    state.selection[.registry] = PaneSelection(index: 4, key: nil)
    canvas = Canvas(width: 80, height: 6)
    RegistryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: state, symbols: .braille
    )
    #expect(canvas.textRows()[4].hasPrefix("│>"))
    #expect(canvas.textRows()[4].contains(" v3 "))
    #expect(canvas.textRows()[5] == "└" + String(repeating: "─", count: 78) + "┘")
  }

  @Test func registryTopRowRepeatsTheArtefactAfterScrolling() {
    // 80×5: header + 2 visible rows. Selecting row 4 (support-agent v3)
    // scrolls by 4 − 2 + 1 = 3: rows 3 (v5) and 4 (v3) show. Row 3 is not
    // support-agent's first row, but as the top visible row it repeats the
    // artefact and kind (columns as in the first test: artefact@2, kind@21).
    var canvas = Canvas(width: 80, height: 5)
    var state = AppState()
    state.selection[.registry] = PaneSelection(index: 4, key: nil)
    RegistryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: state, symbols: .braille
    )
    #expect(canvas.textRows()[2].hasPrefix("│ support-agent      agent  v5           shadow"))
    // The row below stays a continuation row.
    #expect(canvas.textRows()[3].hasPrefix("│>                          v3           stable"))
  }

  @Test func footerFilterPromptKeepsTheTypedEndVisible() {
    var state = AppState()
    state.isEditingFilter = true
    state.filter = "abcdefghijklmnopqrstuvwxyz"
    // 30 columns: "filter: /" (9) + 26 + "▏" = 36 > 30, so the start is cut:
    // room 30 − 9 − 2 = 19 → the last 19 letters "hijklmnopqrstuvwxyz".
    #expect(FooterPane.statusText(state, width: 30) == "filter: /…hijklmnopqrstuvwxyz▏")
    // 40 columns: the bare prompt (36) fits; the hint (+26) does not.
    #expect(FooterPane.statusText(state, width: 40) == "filter: /abcdefghijklmnopqrstuvwxyz▏")
    #expect(FooterPane.statusText(state).hasSuffix("▏  (Enter apply, Esc clear)"))
  }

  @Test func headerShowsClockSourcesRateMalformedWindowAndMode() {
    var canvas = Canvas(width: 100, height: 1)
    var state = AppState()
    HeaderPane.draw(into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: state)
    // 14:03:07Z │ 2 sources following │ 12.5 ev/s │ 3 malformed ! │ window 15m, " LIVE " at 94…99.
    let live = "14:03:07Z │ 2 sources following │ 12.5 ev/s │ 3 malformed ! │ window 15m"
    #expect(canvas.textRows()[0] == live + String(repeating: " ", count: 100 - 72 - 6) + " LIVE ")
    #expect(canvas[46, 0].style.role == .warn)  // "3 malformed !" starts at 9+3+19+3+9+3 = 46
    #expect(canvas[46, 0].style.reverse)
    // One header band: every other cell (clock, separators, sources, rate,
    // window, padding, LIVE) is in the header role.
    let malformed = 46..<59
    for x in 0..<100 where !malformed.contains(x) {
      #expect(canvas[x, 0].style.role == .header, "x \(x)")
    }
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
    // The delta keeps two significant digits below $0.001: 0.0021 − 0.0019 = 0.00020.
    #expect(rows[2] == ["cost/req", "$0.0021", "$0.0019", "▼ -$0.00020", "$0.0020"])
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
    // Row 2: the labelled weight line (no registry: observed only, clipped).
    #expect(rows[2].hasPrefix("│  canary weight: observed 10.0 % of requests over 15m"))
    #expect(rows[3].hasPrefix("│  10%   stable v3 90%  "))
    #expect(canvas[3, 3].style.role == .canary && canvas[3, 3].style.reverse)
    #expect(canvas[9, 3].style.role == .stable)
    #expect(rows[6].contains("6.0%!!"))
    #expect(rows[6].contains("▲ +5.5pp"))
  }

  @Test func emptyAlertsAndIncidentsSayWhy() {
    var canvas = Canvas(width: 40, height: 4)
    // No snapshot: waiting. A snapshot without an alert engine: no rules loaded.
    AlertsPane.draw(into: &canvas, rect: canvas.area, snapshot: nil, state: AppState(), symbols: .braille)
    #expect(canvas.textRows()[1] == "│waiting for the first snapshot        │")
    let snapshot = DashboardSnapshot.empty(now: Timestamp(millisecondsSinceEpoch: 0))
    AlertsPane.draw(
      into: &canvas, rect: canvas.area, snapshot: snapshot, state: AppState(), symbols: .braille)
    #expect(canvas.textRows()[1] == "│No alert rules loaded (see [alerts]   │")
    #expect(canvas.textRows()[2] == "│rules in the config)                  │")
    canvas.ellipsis = Symbols.ascii.ellipsis
    var state = AppState()
    state.incidents = []
    IncidentsPane.draw(into: &canvas, rect: canvas.area, snapshot: snapshot, state: state, symbols: .ascii)
    #expect(canvas.textRows()[1] == "|No incidents. Open one with i on an   |")
  }

  @Test func ingestErrorsNewestFirst() {
    var canvas = Canvas(width: 60, height: 5)
    IngestErrorsPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: AppState(),
      symbols: .braille)
    let rows = canvas.textRows()
    #expect(rows[0].hasPrefix("┌ Ingest errors (3 malformed) "))
    // Row 0 is selected (unfocused: the marker only).
    #expect(rows[1] == "│>/var/log/fd/a.jsonl:92: ts: missing required field       │")
    #expect(canvas[2, 1].style.role == .warn)
    #expect(rows[2] == "│ /var/log/fd/b.jsonl:4: invalid JSON at column 47: expect…│")
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
    // 15 one-minute samples: the oldest is 14 × 1 min old. Inner width 68;
    // shared y-label width 8 ("$0.5/min") + 1 → plot x 10…68, 59 cells = 118
    // sample slots. The 15 samples are stretched over the 118 slots (slot i
    // shows sample ⌊i·15/118⌋), so the step per slot is 14 min / 117 =
    // 7 179 ms. Ticks: the oldest slot, 117 back = 839 943 ms ≈ 14 min →
    // "-14m" at x 10; the middle, 58 back = 416 382 ms, rounded to the
    // minute → "-7m", centred at column 29; "now" right-aligned at x 66…68.
    let axis = "│         -14m                        -7m                         now│"
    #expect(rows[6] == axis)
    #expect(rows[12] == axis)
    // The chart fills its width: the oldest sample is drawn in the first column.
    #expect(canvas[10, 5].grapheme != " ")
  }
}
