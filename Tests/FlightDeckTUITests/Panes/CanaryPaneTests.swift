import FlightDeckCore
import FlightDeckTUI
import Testing

@Suite struct CanaryPaneTests {
  func comparison(_ name: String, canaryErrors: Int?) -> CanaryComparison {
    let stable = DashboardFixture.stats(requests: 1000, errors: 5, p95: 100, cost: 1)
    let canary = canaryErrors.map { DashboardFixture.stats(requests: 100, errors: $0, p95: 100, cost: 0.1) }
    return CanaryComparison(
      artefact: name, split: [DashboardFixture.v3], stable: stable, canary: canary, shadow: nil)
  }

  @Test func liveCanariesComeFirstWorstErrorRateOnTop() {
    var snap = DashboardFixture.snapshot()
    // Snapshot (name) order: a (no canary), b (1 %), c (6 %), d (1 %).
    snap.canaries = [
      comparison("a", canaryErrors: nil), comparison("b", canaryErrors: 1),
      comparison("c", canaryErrors: 6), comparison("d", canaryErrors: 1),
    ]
    // c 6/100 first; b and d tie at 1/100 and keep their order; a has no canary.
    #expect(AppRows.canaries(snap, filter: "").map(\.artefact) == ["c", "b", "d", "a"])
    #expect(AppRows.keys(for: .canary, snapshot: snap, filter: "").first == .artefact("c"))
  }

  @Test func scrollKeepsTheSelectedBlockWhole() {
    // Heights 8, 7, 8 in 15 rows: block 2 with block 1 needs 7 + 8 − 1 = 14 ≤ 15
    // (the trailing blank may fall off), with block 0 too 22 > 15 → offset 1.
    #expect(CanaryPane.scrollOffset(selected: 2, heights: [8, 7, 8], height: 15) == 1)
    #expect(CanaryPane.scrollOffset(selected: 0, heights: [8, 7, 8], height: 15) == 0)
    #expect(CanaryPane.scrollOffset(selected: 1, heights: [8, 7, 8], height: 15) == 0)  // 8 + 7 − 1 = 14
    // A block taller than the pane is its own offset.
    #expect(CanaryPane.scrollOffset(selected: 1, heights: [8, 8], height: 5) == 1)
  }

  @Test func blocksThatDoNotFitAreCountedNotCut() {
    var snap = DashboardFixture.snapshot()
    let base = snap.canaries[0]
    snap.canaries = ["x", "y", "z"].map { n in
      var c = base
      c.artefact = n
      return c
    }
    // 60×12: inner rows y 1…10 (10). Each block is 9 rows (name, weight
    // line, bar, and a legend row as the canary label "canary v4 10%" does
    // not fit its 6 cells, table 4, blank), so block 0 (y 1…8, blank y 9)
    // fits; block 1 would need y 10…17 → not drawn.
    var canvas = Canvas(width: 60, height: 12)
    CanaryPane.draw(into: &canvas, rect: canvas.area, snapshot: snap, state: AppState(), symbols: .braille)
    let rows = canvas.textRows()
    #expect(rows[9] == "│" + String(repeating: " ", count: 58) + "│")
    #expect(rows[11].hasSuffix(" … 2 more (↓ to scroll) ┘"))
    // Selecting the last block (j twice) scrolls to it: offset 2, it is drawn
    // first with its marker, and nothing is left below.
    var state = AppState()
    state.focus = .canary
    state.selection[.canary] = PaneSelection(index: 2, key: .artefact("z"))
    canvas = Canvas(width: 60, height: 12)
    CanaryPane.draw(into: &canvas, rect: canvas.area, snapshot: snap, state: state, symbols: .braille)
    #expect(canvas.textRows()[1].hasPrefix("│> z "))
    #expect(canvas.textRows()[11] == "└" + String(repeating: "─", count: 58) + "┘")
  }

  @Test func legendOnlyRepeatsNothingTheBarAlreadySays() {
    // 60 wide: bar x 3…58 (56 cells): stable 50 cells holds "stable v3 90%";
    // canary 6 cells holds only "10%" → the legend row lists the canary alone.
    var canvas = Canvas(width: 60, height: 10)
    CanaryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: AppState(),
      symbols: .braille)
    let legend = canvas.textRows()[4]
    #expect(legend.hasPrefix("│    canary v4 10%  "))
    #expect(!legend.contains("stable"))
    // 100 wide: bar x 3…98 (96 cells). With a 50/50 split each segment has
    // 48 cells, enough for "canary v4 50%" and "stable v3 50%" (13 each), so
    // there is no legend row: the table header follows the bar (row 4).
    var snap = DashboardFixture.snapshot()
    var v3 = DashboardFixture.v3
    var v4 = DashboardFixture.v4
    v3.trafficShare = 0.5
    v4.trafficShare = 0.5
    snap.canaries[0].split = [v4, DashboardFixture.v5, v3]
    canvas = Canvas(width: 100, height: 10)
    CanaryPane.draw(into: &canvas, rect: canvas.area, snapshot: snap, state: AppState(), symbols: .braille)
    #expect(canvas.textRows()[4].contains("stable     canary"))
  }

  @Test func configuredWeightAndObservedSplitAreLabelledSideBySide() {
    // The fixture's canary leg v4 served 10 % of requests over the 15-minute
    // window; the registry set the weight to 25 %.
    let c = DashboardFixture.snapshot().canaries[0]
    #expect(
      CanaryPane.weightText(c, configured: 25, windowMs: 900_000)
        == "canary weight: set 25 % │ observed 10.0 % of requests over 15m")
    #expect(
      CanaryPane.weightText(c, configured: nil, windowMs: 900_000)
        == "canary weight: observed 10.0 % of requests over 15m (not in the registry)")
    // On screen it is the row right above the split bar, under the name.
    var state = AppState()
    _ = AppUpdate.update(&state, .newSnapshot(DashboardFixture.snapshot()))
    var canvas = Canvas(width: 100, height: 12)
    CanaryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: state.snapshot, state: state, symbols: .braille)
    #expect(canvas.textRows()[2].hasPrefix("│  canary weight: observed 10.0 % of requests over 15m"))
  }

  @Test func costDeltaKeepsTwoSignificantDigits() {
    #expect(PaneFormat.costDelta(0.000_12) == "$0.00012")
    #expect(PaneFormat.costDelta(0.000_2) == "$0.00020")
    #expect(PaneFormat.costDelta(0.0021) == "$0.0021")
    #expect(PaneFormat.costDelta(0.000_001) == "<$1e-5")
    #expect(PaneFormat.costDelta(0) == "$0.0000")
  }
}
