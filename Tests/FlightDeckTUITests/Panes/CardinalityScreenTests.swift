import FlightDeckCore
import FlightDeckTUI
import Testing

/// Issue 11: the screen's cost follows what it shows, and the limits that
/// leave telemetry out say so.
@Suite struct CardinalityScreenTests {
  /// A snapshot of `n` artefacts `a00000`…, one stable leg each.
  static func snapshot(artefacts n: Int) -> DashboardSnapshot {
    let names = (0..<n).map { i in "a" + String(repeating: "0", count: 5 - String(i).count) + String(i) }
    let artefacts = names.map { name in
      DashboardFixture.artefact(
        name,
        versions: [
          VersionSummary(
            version: "v1", route: .stable, trafficShare: 1,
            stats: DashboardFixture.stats(requests: 10, errors: 0, p95: 100, cost: 0.01))
        ])
    }
    return DashboardSnapshot(
      now: DashboardFixture.now, windowMs: DashboardFixture.windowMs, ingest: IngestSummary(),
      artefacts: artefacts, canaries: [], charts: [:])
  }

  @Test func theHeaderAndTheIngestPaneNameFilesLeftOutByTheOpenFileLimit() {
    var ingest = IngestSummary()
    ingest.sources = (1...5).map { i in
      SourceStatus(path: "/t/f\(i).jsonl", state: i <= 3 ? .following : .waiting)
    }
    ingest.sourcesOverOpenFileLimit = 2
    ingest.openFileLimit = 3
    #expect(IngestErrorsPane.titleCounts(ingest) == "following 3 of 5 files: open-file limit 3")
    var snapshot = Self.snapshot(artefacts: 1)
    snapshot.ingest = ingest
    let segments = HeaderPane.segments(snapshot: snapshot, width: 120)
    #expect(segments.contains { $0.text == "following 3 of 5 files: open-file limit 3" })
    let sources = segments.first { $0.text.hasPrefix("following 3 of 5") }
    #expect(sources?.style.role == .warn)
  }

  @Test func theIngestPaneCountsRecordsOverTheSeriesLimit() {
    var ingest = IngestSummary()
    ingest.overSeriesLimitRecords = 3
    ingest.seriesLimit = 2
    #expect(IngestErrorsPane.titleCounts(ingest) == "3 over the series limit (2), dropped")
    // The header says so too, at 80 columns, where the zero malformed count,
    // the window and the rate give way to it.
    var snapshot = Self.snapshot(artefacts: 1)
    snapshot.ingest = ingest
    let narrow = HeaderPane.segments(snapshot: snapshot, width: 80)
    let over = narrow.first { $0.text == "3 over series limit !" }
    #expect(over?.style.role == .warn)
    #expect(
      !HeaderPane.segments(snapshot: Self.snapshot(artefacts: 1), width: 200).contains {
        $0.text.contains("series limit")
      })
  }

  @Test func registryRowsAreTheOverviewsVersionRowsWithAnIndex() {
    let snapshot = Self.snapshot(artefacts: 300)
    let rows = RegistryRows(registry: nil, snapshot: snapshot, filter: "a001", drillDown: nil)
    // a00100 … a00199 match "a001".
    #expect(rows.keys.count == 100)
    #expect(rows.keys.first == .version(artefact: "a00100", version: "v1"))
    #expect(rows.index[.version(artefact: "a00150", version: "v1")] == 50)
    #expect(rows.overviewRowCount == 300)
    #expect(rows.nameWidths["artefact"] == 6)
    let drilled = RegistryRows(registry: nil, snapshot: snapshot, filter: "zzz", drillDown: "a00007")
    #expect(Array(drilled.keys) == [.version(artefact: "a00007", version: "v1")])
  }

  @Test func aSelectionMoveKeepsTheRowsAndAFilterWorksThemOut() {
    var state = AppState(width: 120, height: 40)
    _ = AppUpdate.update(&state, .newSnapshot(Self.snapshot(artefacts: 2_000)))
    #expect(state.registryKeys.count == 2_000)
    for _ in 0..<1_500 { _ = AppUpdate.update(&state, .key(.char("j"))) }
    #expect(
      state.selection(of: .registry)
        == PaneSelection(index: 1_500, key: .version(artefact: "a01500", version: "v1")))
    _ = AppUpdate.update(&state, .key(.char("/")))
    for c in "a015" { _ = AppUpdate.update(&state, .key(.char(c))) }
    #expect(state.registryKeys.count == 100)
    // The selected row survives the filter, at its new index.
    #expect(
      state.selection(of: .registry)
        == PaneSelection(index: 0, key: .version(artefact: "a01500", version: "v1")))
  }

  /// Whether two overviews share one artefact list (no merge in between).
  static func sameStorage(_ a: RegistryOverview, _ b: RegistryOverview) -> Bool {
    a.artefacts.withUnsafeBufferPointer { pa in
      b.artefacts.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress }
    }
  }

  @Test func enterEscapeAndAFilterReuseTheMergedOverview() {
    // Enter, Escape and a filter change which rows are shown, not the
    // registry or the telemetry: the rows come from the overview already
    // merged (the same storage), not from a new O(A) merge per key.
    var state = AppState(width: 120, height: 40)
    _ = AppUpdate.update(&state, .newSnapshot(Self.snapshot(artefacts: 300)))
    let merged = state.overview
    for _ in 0..<7 { _ = AppUpdate.update(&state, .key(.char("j"))) }
    _ = AppUpdate.update(&state, .key(.enter))
    #expect(state.drillDown == "a00007")
    #expect(Array(state.registryKeys) == [.version(artefact: "a00007", version: "v1")])
    let keptOnEnter = Self.sameStorage(state.overview, merged)
    #expect(keptOnEnter)
    _ = AppUpdate.update(&state, .key(.escape))
    #expect(state.drillDown == nil)
    #expect(state.registryKeys.count == 300)
    let keptOnEscape = Self.sameStorage(state.overview, merged)
    #expect(keptOnEscape)
    state.filter = "a002"
    #expect(state.registryKeys.count == 100)
    let keptOnFilter = Self.sameStorage(state.overview, merged)
    #expect(keptOnFilter)
    // A new snapshot merges afresh.
    _ = AppUpdate.update(&state, .newSnapshot(Self.snapshot(artefacts: 300)))
    let keptOnSnapshot = Self.sameStorage(state.overview, merged)
    #expect(!keptOnSnapshot)
  }

  @Test func aScrolledRegistryFrameShowsTheRowsAroundTheSelection() {
    var state = AppState(width: 120, height: 40)
    _ = AppUpdate.update(&state, .newSnapshot(Self.snapshot(artefacts: 2_000)))
    for _ in 0..<1_000 { _ = AppUpdate.update(&state, .key(.char("j"))) }
    let rows = ScreenView.view(state: state).textRows()
    let selected = rows.first { $0.hasPrefix("│>a01000 ") }
    #expect(selected != nil, "\(rows.joined(separator: "\n"))")
    // The row above is a00999, and 999 rows are out of sight below.
    let i = rows.firstIndex { $0.hasPrefix("│>a01000 ") } ?? 0
    #expect(rows[i - 1].hasPrefix("│ a00999 "))
    #expect(rows.contains { $0.contains("… 999 more (↓ to scroll)") })
  }

  @Test func theCanaryPaneAsksOnlyForTheBlocksOnScreen() {
    var asked = 0
    let offset = CanaryPane.scrollOffset(selected: 99_999, count: 100_000, height: 30) { _ in
      asked += 1
      return 8
    }
    // Blocks of 8 rows in 30 (a block's trailing blank may fall off): three
    // take 8 × 3 − 1 = 23 ≤ 30, a fourth 8 × 4 − 1 = 31 > 30. So blocks
    // 99 997…99 999 show, and four heights were asked for, not 100 000.
    #expect(offset == 99_997)
    #expect(asked == 4)
  }
}
