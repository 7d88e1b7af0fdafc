import FlightDeckCore
import FlightDeckTUI
import Testing

/// PgUp/PgDn page a list pane by the rows its box shows; Home/End jump to
/// the first and last row (issue 16: they did nothing in the list panes).
@Suite struct PanePagingTests {
  static func press(_ s: inout AppState, _ key: Key) { _ = AppUpdate.update(&s, .key(key)) }

  /// The fixture with `count` ingest errors (lines 1…count; the pane lists them newest first).
  static func snapshot(errors count: Int) -> DashboardSnapshot {
    let base = DashboardFixture.snapshot()
    var ingest = base.ingest
    ingest.recentErrors = (1...count).map {
      IngestError(path: "/var/log/fd/a.jsonl", line: $0, reason: "bad")
    }
    return DashboardSnapshot(
      now: base.now, windowMs: base.windowMs, ingest: ingest, artefacts: base.artefacts,
      canaries: base.canaries, charts: base.charts)
  }

  @Test func ingestErrorsPageByTheEightRowsTheirBoxShowsAt120x40() {
    // 120×40 is the full layout: the Ingest errors box is min(10, 40 + 2) = 10
    // rows high, 8 inside the borders, so a page is 8 rows.
    var s = AppState(width: 120, height: 40)
    _ = AppUpdate.update(&s, .newSnapshot(Self.snapshot(errors: 40)))
    s.focus = .errors
    #expect(s.pageRows(of: .errors, down: true) == 8)
    Self.press(&s, .pageDown)
    #expect(
      s.selection(of: .errors)
        == PaneSelection(index: 8, key: .ingestError(path: "/var/log/fd/a.jsonl", line: 32)))
    Self.press(&s, .pageDown)
    #expect(s.selection(of: .errors).index == 16)
    Self.press(&s, .pageUp)
    #expect(s.selection(of: .errors).index == 8)
    // End: the last row, the oldest error (line 1); Home: the first, line 40.
    Self.press(&s, .end)
    #expect(
      s.selection(of: .errors)
        == PaneSelection(index: 39, key: .ingestError(path: "/var/log/fd/a.jsonl", line: 1)))
    Self.press(&s, .pageDown)
    #expect(s.selection(of: .errors).index == 39)
    Self.press(&s, .home)
    #expect(
      s.selection(of: .errors)
        == PaneSelection(index: 0, key: .ingestError(path: "/var/log/fd/a.jsonl", line: 40)))
    Self.press(&s, .pageUp)
    #expect(s.selection(of: .errors).index == 0)
  }

  @Test func theRegistryPagesByItsVisibleVersionRows() {
    // 30 one-version artefacts at 120×40: the body is 37 rows, the Registry
    // box min(37 / 2, 30 + 3) = 18 high, 16 inside, less its header row: 15.
    let base = DashboardFixture.snapshot()
    let artefacts = (0..<30).map { n in
      DashboardFixture.artefact(String(format: "model-%02d", n), versions: [DashboardFixture.v3])
    }
    let snap = DashboardSnapshot(
      now: base.now, windowMs: base.windowMs, ingest: base.ingest, artefacts: artefacts, canaries: [],
      charts: [:])
    var s = AppState(width: 120, height: 40)
    _ = AppUpdate.update(&s, .newSnapshot(snap))
    #expect(s.focus == .registry)
    #expect(s.registryKeys.count == 30)
    Self.press(&s, .pageDown)
    #expect(
      s.selection(of: .registry)
        == PaneSelection(index: 15, key: .version(artefact: "model-15", version: "v3")))
    Self.press(&s, .pageDown)
    #expect(s.selection(of: .registry).index == 29)
    Self.press(&s, .home)
    #expect(s.selection(of: .registry).key == .version(artefact: "model-00", version: "v3"))
  }

  @Test func theCanaryPagesByTheWholeBlocksItsBoxShows() {
    // Ten artefacts, each a 50/50 stable/canary split, at 200×60. Body 57
    // rows; the Registry lists 20 versions: min(57 / 2, 20 + 3) = 23 rows;
    // 34 left, the Alerts/Incidents pair (empty) wants 4, so the Canary gets
    // 30 rows, 28 inside. A block is name 1 + weight 1 + bar 1 + table 4 +
    // blank 1 = 8 rows (the in-bar labels fit half of 110 columns, no
    // legend; no rollout): 3 blocks are 24 ≤ 28, 4 are 32 > 28, so a page is 3.
    let base = DashboardFixture.snapshot()
    let names = (0..<10).map { String(format: "agent-%02d", $0) }
    let stable = VersionSummary(
      version: "v1", route: .stable, trafficShare: 0.5, stats: DashboardFixture.v3.stats)
    let canary = VersionSummary(
      version: "v2", route: .canary, trafficShare: 0.5, stats: DashboardFixture.v4.stats)
    let snap = DashboardSnapshot(
      now: base.now, windowMs: base.windowMs, ingest: base.ingest,
      artefacts: names.map { DashboardFixture.artefact($0, versions: [canary, stable]) },
      canaries: names.map {
        CanaryComparison(
          artefact: $0, split: [canary, stable], stable: stable.stats, canary: canary.stats, shadow: nil)
      },
      charts: [:])
    var s = AppState(width: 200, height: 60)
    _ = AppUpdate.update(&s, .newSnapshot(snap))
    s.focus = .canary
    #expect(s.canaryRows.count == 10)
    #expect(s.pageRows(of: .canary, down: true) == 3)
    Self.press(&s, .pageDown)
    #expect(s.selection(of: .canary).index == 3)
    Self.press(&s, .end)
    #expect(s.selection(of: .canary).index == 9)
    Self.press(&s, .pageUp)
    #expect(s.selection(of: .canary).index == 6)
  }

  @Test func homeAndEndInAnOpenViewStillScrollTheViewNotThePane() {
    var s = AppState(width: 120, height: 40)
    _ = AppUpdate.update(&s, .newSnapshot(Self.snapshot(errors: 40)))
    s.focus = .errors
    s.textView = TextViewState(title: "t", blocks: [.init("text:", "x")])
    Self.press(&s, .end)
    #expect(s.selection(of: .errors).index == 0)
  }
}

/// The Alerts pane pages by the alert rows it shows, not counting its counts
/// line, table header and SLO lines: PgDn selects the first row that was
/// not on screen, read off the drawn screen.
@Suite struct AlertsPagingTests {
  @Test func pgDnSelectsTheFirstAlertThatWasNotOnScreen() {
    var snapshot = IncidentFixture.snapshot()
    snapshot.alerts = (0..<40).map {
      IncidentFixture.alert(
        String(format: "Rule%02d", $0), ["severity": "page"], state: .firing, since: Int64(100 + $0),
        value: 1)
    }
    var s = AppState(width: 120, height: 40)
    _ = AppUpdate.update(&s, .newSnapshot(snapshot))
    s.focus = .alerts
    let names = AppRows.alerts(snapshot, filter: "").map(\.ruleName)
    func shown() -> [String] {
      let screen = ScreenView.view(state: s).textRows().joined(separator: "\n")
      return names.filter { screen.contains($0) }
    }
    let before = shown()
    #expect(!before.isEmpty && before.count < 40)
    #expect(before == Array(names.prefix(before.count)))
    // The SLO line is on screen too: the page is only the alert rows.
    #expect(
      ScreenView.view(state: s).textRows().contains { $0.contains("support-agent availability 99.5 %") })
    #expect(s.pageRows(of: .alerts, down: true) == before.count)
    _ = AppUpdate.update(&s, .key(.pageDown))
    #expect(s.selection(of: .alerts).index == before.count)
    #expect(shown().contains(names[before.count]))
  }
}
