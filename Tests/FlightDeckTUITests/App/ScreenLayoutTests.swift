import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

@Suite struct ScreenLayoutTests {
  @Test func fullLayoutSizesPanesByContent() {
    // 120×40: body y 1…37 (37 rows). Left column 60 % = 72 columns.
    // Registry: 8 rows + header + 2 borders = 11 (cap 37 / 2 = 18); below
    // it 26 rows: the Alerts/Incidents pair 4 (no rows given), the Canary
    // (no rows given) the other 22. Right: Ingest errors empty → 3, Charts
    // 37 − 3 = 34.
    let l = ScreenLayout(width: 120, height: 40, focus: .registry, registryRows: 8, errorRows: 0)
    #expect(l.panes[.registry] == Rect(x: 0, y: 1, width: 72, height: 11))
    #expect(l.panes[.canary] == Rect(x: 0, y: 12, width: 72, height: 22))
    #expect(l.panes[.alerts] == Rect(x: 0, y: 34, width: 36, height: 4))
    #expect(l.panes[.charts] == Rect(x: 72, y: 1, width: 48, height: 34))
    #expect(l.panes[.errors] == Rect(x: 72, y: 35, width: 48, height: 3))
    // Many rows: the Registry is capped at half the body (18); 30 errors at 10.
    let big = ScreenLayout(width: 120, height: 40, focus: .registry, registryRows: 30, errorRows: 30)
    #expect(big.panes[.registry]?.height == 18)
    #expect(big.panes[.errors]?.height == ScreenLayout.maximumErrorsHeight)
  }

  @Test func compactRegistryIsCappedAndGivesTheRestAway() {
    // 80×24: body 21 rows; cap 21 × 45 / 100 = 9. 8 rows want 11 → 9;
    // 2 rows want 5 → 5, and the tabbed pane gets 21 − 5 − 1 = 15.
    let l = ScreenLayout(width: 80, height: 24, focus: .registry, registryRows: 8)
    #expect(l.panes[.registry]?.height == 9)
    let small = ScreenLayout(width: 80, height: 24, focus: .registry, registryRows: 2)
    #expect(small.panes[.registry]?.height == 5)
    #expect(small.panes[.charts] == Rect(x: 0, y: 7, width: 80, height: 15))
  }

  @Test func emptyAlertsAndIncidentsReadWholeAt120x40() {
    let d = AppDriver(width: 120, height: 40)
    d.apply(snapshot: DashboardFixture.snapshot())
    d.apply(.incidents(.success([])))
    let text = d.frame.joined(separator: "\n")
    // No alert engine: the 4-row pair keeps its size and says why, wrapped.
    #expect(text.contains("No alert rules loaded"))
    #expect(text.contains("No incidents. Open one"))
  }
}
