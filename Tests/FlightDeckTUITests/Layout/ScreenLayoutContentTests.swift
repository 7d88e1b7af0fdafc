import FlightDeckTUI
import Testing

@testable import FlightDeckCore

/// The screen layout sized from content (issue 16): at 200×50 the Alerts /
/// Incidents pair gets the rows the Canary has no content for, half the left
/// column each; at 120×40 likewise; 80×24 stays compact. Figures worked out
/// by hand from the rules in ``ScreenLayout``'s documentation.
@Suite struct ScreenLayoutContentTests {
  @Test func pairTakesTheRowsTheCanaryLeavesAt200x50() {
    // Body 47 rows from y 1; left column min(200·60/100, 112) = 112.
    // Registry 5 + 3 = 8; below 39; the pair wants 6 + 2 = 8; the Canary
    // 9 + 2 = 11 (≤ 39 − 8 = 31); the pair the rest, 39 − 11 = 28 rows.
    let l = ScreenLayout(
      width: 200, height: 50, focus: .registry, registryRows: 5, errorRows: 3, alertRows: 6, canaryRows: 9)
    #expect(l.mode == .full)
    #expect(l.panes[.registry] == Rect(x: 0, y: 1, width: 112, height: 8))
    #expect(l.panes[.canary] == Rect(x: 0, y: 9, width: 112, height: 11))
    #expect(l.panes[.alerts] == Rect(x: 0, y: 20, width: 56, height: 28))
    #expect(l.panes[.incidents] == Rect(x: 56, y: 20, width: 56, height: 28))
    // Right column 88 wide: Ingest errors 3 + 2 = 5 rows at the bottom, Charts the rest (42).
    #expect(l.panes[.charts] == Rect(x: 112, y: 1, width: 88, height: 42))
    #expect(l.panes[.errors] == Rect(x: 112, y: 43, width: 88, height: 5))
  }

  @Test func at120x40TheListsAre36ColumnsWide() {
    // Body 37; left 72; Registry 8; below 29; Canary 11; pair 18 rows of 36 columns.
    let l = ScreenLayout(
      width: 120, height: 40, focus: .registry, registryRows: 5, errorRows: 3, alertRows: 6, canaryRows: 9)
    #expect(l.panes[.canary] == Rect(x: 0, y: 9, width: 72, height: 11))
    #expect(l.panes[.alerts] == Rect(x: 0, y: 20, width: 36, height: 18))
    #expect(l.panes[.incidents] == Rect(x: 36, y: 20, width: 36, height: 18))
  }

  @Test func aFullCanaryLeavesThePairWhatItAsks() {
    // 100 canary rows: the Canary stops at 29 − 8 = 21; the pair keeps its 8.
    let l = ScreenLayout(
      width: 120, height: 40, focus: .registry, registryRows: 5, errorRows: 3, alertRows: 6, canaryRows: 100)
    #expect(l.panes[.canary]?.height == 21)
    #expect(l.panes[.alerts]?.height == 8)
    // Without row counts: the Registry its cap (18), the pair 4, the Canary the rest (15).
    let none = ScreenLayout(width: 120, height: 40, focus: .registry)
    #expect(none.panes[.registry]?.height == 18)
    #expect(none.panes[.alerts]?.height == 4)
    #expect(none.panes[.canary]?.height == 15)
  }

  @Test func compactAt80x24IsUnchanged() {
    // Body 21; Registry min(21·45/100 = 9, 5 + 3) = 8; the tab strip; Charts 21 − 8 − 1 = 12.
    let l = ScreenLayout(width: 80, height: 24, focus: .registry, registryRows: 5, canaryRows: 9)
    #expect(l.mode == .compact)
    #expect(l.panes[.registry] == Rect(x: 0, y: 1, width: 80, height: 8))
    #expect(l.tabs == Rect(x: 0, y: 9, width: 80, height: 1))
    #expect(l.panes[.charts] == Rect(x: 0, y: 10, width: 80, height: 12))
  }

  @Test func registryColumnsStayPutWhenAPointerMoves() {
    // support-agent's pointers: prod, canary, staging (4 + 6 + 7 + 2 spaces =
    // 19 columns), whichever versions they stand on.
    let before = RegistryRows(registry: RegistryFixture.registry(), snapshot: nil, filter: "", drillDown: nil)
    let after = RegistryRows(
      registry: RegistryFixture.registry(production: "v4"), snapshot: nil, filter: "", drillDown: nil)
    #expect(before.nameWidths["pointers"] == 19)
    #expect(after.nameWidths["pointers"] == 19)
    // On screen: the header row is the same before and after the move.
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
      var a = AppState(width: w, height: h)
      _ = AppUpdate.update(&a, .registrySnapshot(RegistryFixture.registry()))
      var b = a
      _ = AppUpdate.update(&b, .registrySnapshot(RegistryFixture.registry(production: "v4")))
      let header = { (s: AppState) in ScreenView.view(state: s).textRows().first { $0.contains("artefact") } }
      #expect(header(a) != nil && header(a) == header(b), "\(w)×\(h)")
    }
  }
}
