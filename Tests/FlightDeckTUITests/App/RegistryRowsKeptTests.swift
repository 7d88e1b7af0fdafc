import FlightDeckCore
import FlightDeckTUI
import Testing

/// The Registry rows the dashboard keeps (a snapshot of the same layout only
/// notes its figures; Escape shows the rows kept from before the drill-down)
/// equal rows worked out afresh from the same snapshot, filter and
/// drill-down, row for row, over random sequences of records, clock moves,
/// filters, drill-downs and Escapes.
@Suite struct RegistryRowsKeptTests {
  let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)

  /// Whether `kept` shows what `fresh` does; records what differs.
  func expectSame(_ kept: RegistryRows, _ fresh: RegistryRows, _ step: String) {
    #expect(kept.keys == fresh.keys, "\(step): keys")
    #expect(kept.index == fresh.index, "\(step): index")
    #expect(kept.nameWidths == fresh.nameWidths, "\(step): widths")
    #expect(kept.overviewRowCount == fresh.overviewRowCount, "\(step): row count")
    #expect(kept.hasUnregistered == fresh.hasUnregistered && kept.hasOpenRequest == fresh.hasOpenRequest)
    guard kept.keys == fresh.keys else { return }
    for n in kept.keys.indices {
      let a = kept.row(n)
      let b = fresh.row(n)
      #expect(a.artefact.name == b.artefact.name && a.artefact.kind == b.artefact.kind, "\(step) row \(n)")
      #expect(a.version == b.version, "\(step) row \(n): figures")
      #expect(a.first == b.first)
      let x = RegistryPane.cells(artefact: a.artefact, version: a.version, first: a.first).map(\.0)
      let y = RegistryPane.cells(artefact: b.artefact, version: b.version, first: b.first).map(\.0)
      #expect(x == y, "\(step) row \(n): cells")
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
  func keptRowsEqualFreshRowsOverRandomSequences(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    var store = MetricsStore()
    let builder = IncrementalSnapshotBuilder(windowMs: 2 * 60_000)
    var state = AppState(width: 120, height: 40)
    var now = t0
    let artefacts = ["alpha", "beta", "gamma", "delta", "ε-bot", "zeta", "eta"]
    let versions = ["v1", "v2", "v10"]
    let routes: [Route] = [.stable, .stable, .canary, .shadow]
    let filters = ["", "", "a", "ta", "zz", "E"]
    var keptSteps = 0
    for step in 0..<300 {
      switch Int.random(in: 0..<10, using: &rng) {
      case 0...2:
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
          store.record(
            TelemetryRecord(
              timestamp: now.adding(milliseconds: -Int64.random(in: 0...20_000, using: &rng)), requestID: "r",
              artefact: artefacts[Int.random(in: 0..<artefacts.count, using: &rng)],
              kind: Int.random(in: 0..<15, using: &rng) == 0 ? .agent : .model,
              version: versions.randomElement(using: &rng)!, route: routes.randomElement(using: &rng)!,
              latencyMs: Double(Int.random(in: 1...900, using: &rng)), inputTokens: 10, outputTokens: 5,
              costUSD: Double(Int.random(in: 0...50, using: &rng)) / 1000,
              status: Int.random(in: 0..<6, using: &rng) == 0 ? .error : .ok))
        }
      case 3...5:
        now = now.adding(milliseconds: Int64.random(in: 100...8_000, using: &rng))
      case 6:
        now = now.adding(milliseconds: Int64.random(in: 30_000...150_000, using: &rng))
      case 7:
        state.filter = filters.randomElement(using: &rng)!
      case 8:
        state.drillDown = state.snapshot?.artefacts.randomElement(using: &rng)?.name
      default:
        state.drillDown = nil
      }
      if Int.random(in: 0..<3, using: &rng) > 0 {
        state.snapshot = builder.build(store: &store, ingest: IngestSummary(), now: now, chartArtefacts: [])
      }
      if state.registryRows.figures != nil { keptSteps += 1 }
      let fresh = RegistryRows(
        registry: nil, snapshot: state.snapshot, filter: state.filter, drillDown: state.drillDown)
      expectSame(state.registryRows, fresh, "seed \(seed) step \(step)")
      if let undrilled = state.undrilledRegistryRows {
        #expect(state.drillDown != nil)
        let freshUndrilled = RegistryRows(
          registry: nil, snapshot: state.snapshot, filter: undrilled.filter, drillDown: nil)
        expectSame(undrilled, freshUndrilled, "seed \(seed) step \(step) (kept for Escape)")
      }
    }
    // The kept path was taken (same-layout snapshots), not only fresh merges.
    #expect(keptSteps > 50)
  }

  @Test func escapeShowsTheRowsKeptFromBeforeTheDrillDown() {
    var store = MetricsStore()
    let builder = IncrementalSnapshotBuilder(windowMs: 60_000)
    for name in ["a", "b", "c"] {
      store.record(
        TelemetryRecord(
          timestamp: t0, requestID: "r", artefact: name, kind: .model, version: "v1", route: .stable,
          latencyMs: 10, inputTokens: 1, outputTokens: 1, costUSD: 0.01, status: .ok))
    }
    var state = AppState(width: 120, height: 40)
    state.snapshot = builder.build(
      store: &store, ingest: IngestSummary(), now: t0.adding(milliseconds: 1_000))
    #expect(state.registryKeys.count == 3)
    state.drillDown = "b"
    #expect(Array(state.registryKeys) == [.version(artefact: "b", version: "v1")])
    #expect(state.undrilledRegistryRows?.keys.count == 3)
    // A tick of the same layout while drilled in: both sets of rows take its figures.
    state.snapshot = builder.build(
      store: &store, ingest: IngestSummary(), now: t0.adding(milliseconds: 2_000))
    #expect(state.registryRows.figures != nil && state.undrilledRegistryRows?.figures != nil)
    state.drillDown = nil
    #expect(state.undrilledRegistryRows == nil)
    #expect(state.registryKeys.count == 3)
    #expect(state.registryRows.figures != nil)
    let fresh = RegistryRows(registry: nil, snapshot: state.snapshot, filter: "", drillDown: nil)
    #expect(state.registryRows.row(0).version == fresh.row(0).version)
  }
}
