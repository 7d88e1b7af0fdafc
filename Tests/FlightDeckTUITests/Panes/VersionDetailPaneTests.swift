import FlightDeckCore
import FlightDeckTUI
import Testing

/// The version detail's prompt-cache figures.
@Suite struct VersionDetailPaneTests {
  /// The dashboard fixture with prompt-cache tokens on support-agent: v3 stable read
  /// 216 000 of its 270 000 input tokens from the cache (80.0 %), v5 shadow 15 000 of
  /// 150 000 (10.0 %), v4 canary none (0.0 %).
  static func snapshotWithCache() throws -> DashboardSnapshot {
    var snapshot = DashboardFixture.snapshot()
    let a = try #require(snapshot.artefacts.firstIndex { $0.name == "support-agent" })
    for (i, v) in snapshot.artefacts[a].versions.enumerated() {
      switch v.version {
      case "v3": snapshot.artefacts[a].versions[i].stats.cacheReadTokens = 216_000
      case "v5": snapshot.artefacts[a].versions[i].stats.cacheReadTokens = 15_000
      default: break
      }
    }
    // The user-facing total: v3 + v4 = 300 000 input tokens, 216 000 read, 5 000 written: 72.0 %.
    snapshot.artefacts[a].total.inputTokens = 300_000
    snapshot.artefacts[a].total.cacheReadTokens = 216_000
    snapshot.artefacts[a].total.cacheWriteTokens = 5_000
    return snapshot
  }

  @Test func cachedShareIsShownPerVersionAndInTheSummary() throws {
    let snapshot = try Self.snapshotWithCache()
    // The 112-column pane of a 200×50 screen: the cached column (6 + a gap) pushes the table
    // past the 110 inner columns, so TTFT p95 (drop priority 6) gives way, cached (5) stays.
    var canvas = Canvas(width: 112, height: 8)
    VersionDetailPane.draw(
      "support-agent", into: &canvas, rect: canvas.area, snapshot: snapshot, state: AppState(),
      symbols: .braille)
    let rows = canvas.textRows()
    #expect(rows[1].contains("p95 2.20 s, cached 72.0% of input"))
    #expect(rows[2].contains("cached"))
    #expect(!rows[2].contains("TTFT"))
    let v3 = try #require(rows.first { $0.contains("v3") && $0.contains("stable") })
    let v4 = try #require(rows.first { $0.contains("v4") && $0.contains("canary") })
    let v5 = try #require(rows.first { $0.contains("v5") && $0.contains("shadow") })
    #expect(v3.contains(" 80.0% "))
    #expect(v4.contains(" 0.0% "))
    #expect(v5.contains(" 10.0% "))
    // The cell sits under its header, right-aligned.
    let header = rows[2]
    let end = try #require(header.range(of: "cached")?.upperBound)
    let column = header.distance(from: header.startIndex, to: end)
    let cell = try #require(v3.range(of: "80.0%")?.upperBound)
    #expect(v3.distance(from: v3.startIndex, to: cell) == column)
  }

  @Test func withoutCacheTokensNothingChanges() {
    // No request reported cache tokens: no column, no summary part (the layout of the
    // screen snapshots stays as it was).
    var canvas = Canvas(width: 112, height: 8)
    VersionDetailPane.draw(
      "support-agent", into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(),
      state: AppState(),
      symbols: .braille)
    let rows = canvas.textRows()
    #expect(!rows.joined().contains("cached"))
    #expect(rows[2].contains("TTFT p95"))
    #expect(VersionDetailPane.columns(showingCache: false) == VersionDetailPane.columns)
    #expect(VersionDetailPane.columns(showingCache: true).map(\.title).contains("cached"))
  }
}

extension VersionDetailPaneTests {
  /// The price table's figure stands beside an ingested cost only where they differ.
  @Test func recomputedCostIsShownBesideTheIngestedOneOnlyWhenTheyDiffer() {
    var total = WindowStats()
    total.requests = 10
    total.costUSD = 12.5
    #expect(VersionDetailPane.recomputedCostSummary(total) == "")
    // Three requests' ingested costs sum $1.25 below what the table charges: 12.5 + 1.25 = 13.75.
    total.recomputedCostRequests = 3
    total.recomputedCostDeltaUSD = 1.25
    #expect(
      VersionDetailPane.recomputedCostSummary(total) == ", cost $12.5000 ingested (price table $13.7500)")
  }
}
