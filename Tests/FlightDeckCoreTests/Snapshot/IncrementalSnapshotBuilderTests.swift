import FlightDeckCore
import Testing

/// The incremental snapshot is the full build's, value for value, over random
/// sequences of records (in order, out of order, ahead of the clock, late)
/// and clock moves (within a bucket, past buckets, past the whole window so
/// series go idle and leave, and backwards), on a manual clock.
@Suite struct IncrementalSnapshotBuilderTests {
  let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)

  func record(
    at ts: Timestamp, _ artefact: String, _ version: String, _ route: Route, kind: ArtefactKind = .model,
    latency: Double, cost: Double?, status: RequestStatus = .ok, ttft: Double? = nil
  ) -> TelemetryRecord {
    TelemetryRecord(
      timestamp: ts, requestID: "r", artefact: artefact, kind: kind, version: version, route: route,
      latencyMs: latency, inputTokens: 10, outputTokens: 5, costUSD: cost, status: status, ttftMs: ttft)
  }

  /// Whether `a` and `b` show the same thing; records what differs.
  func expectSame(_ a: DashboardSnapshot, _ b: DashboardSnapshot, _ step: String) {
    #expect(a.now == b.now, "\(step)")
    #expect(a.artefacts == b.artefacts, "\(step): artefacts")
    #expect(a.canaries == b.canaries, "\(step): canaries")
    #expect(a.charts == b.charts, "\(step): charts")
    #expect(a.whatIf.keys.sorted() == b.whatIf.keys.sorted(), "\(step): what-if artefacts")
    for (name, x) in a.whatIf {
      guard let y = b.whatIf[name] else { continue }
      #expect(
        x.windowSeconds == y.windowSeconds && x.windowStart == y.windowStart && x.windowEnd == y.windowEnd)
      for (l, m) in [(x.stable, y.stable), (x.canary, y.canary), (x.shadow, y.shadow)] {
        #expect(l?.versions == m?.versions && l?.requests == m?.requests && l?.errors == m?.errors)
        #expect(l?.costUSD == m?.costUSD && l?.latency?.quantile(0.95) == m?.latency?.quantile(0.95))
      }
    }
  }

  /// Random inserts and clock moves; after each step the incremental
  /// snapshot must equal a full build of the same store at the same instant.
  func compareOverRandomSequence(
    seed: UInt64, windowMs: Int64, steps: Int, mergeCache: WindowMergeCache? = nil
  ) {
    var rng = SplitMix64(seed: seed)
    var store = MetricsStore(configuration: MetricsConfiguration(retentionMs: 2 * windowMs))
    let full = SnapshotBuilder(windowMs: windowMs)
    let incremental = IncrementalSnapshotBuilder(windowMs: windowMs)
    let fullCache = ChartQuantileCache()
    let incrementalCache = ChartQuantileCache()
    var now = t0
    var previous: DashboardSnapshot?
    let artefacts = ["alpha", "beta", "gamma", "delta", "ε-bot", "zeta"]
    let versions = ["v1", "v2", "v10"]
    let routes: [Route] = [.stable, .canary, .shadow]
    for step in 0..<steps {
      let action = Int.random(in: 0..<10, using: &rng)
      switch action {
      case 0...4:
        // A batch of records: mostly recent, some out of order (up to a
        // window and a half back: some late, some still in), some ahead.
        for _ in 0..<Int.random(in: 1...12, using: &rng) {
          let offset: Int64
          switch Int.random(in: 0..<10, using: &rng) {
          case 0...5: offset = -Int64.random(in: 0...5_000, using: &rng)
          case 6...7: offset = -Int64.random(in: 0...(windowMs * 3 / 2), using: &rng)
          default: offset = Int64.random(in: 1...40_000, using: &rng)
          }
          let route = routes.randomElement(using: &rng)!
          store.record(
            record(
              at: now.adding(milliseconds: offset),
              artefacts[Int.random(in: 0..<(route == .stable ? 6 : 3), using: &rng)],
              versions.randomElement(using: &rng)!, route,
              kind: Int.random(in: 0..<20, using: &rng) == 0 ? .agent : .model,
              latency: Double(Int.random(in: 1...2_000, using: &rng)),
              cost: Bool.random(using: &rng) ? Double(Int.random(in: 0...100, using: &rng)) / 1000 : nil,
              status: Int.random(in: 0..<8, using: &rng) == 0 ? .error : .ok,
              ttft: Bool.random(using: &rng) ? Double(Int.random(in: 1...300, using: &rng)) : nil))
        }
      case 5...6:
        now = now.adding(milliseconds: Int64.random(in: 1...3_000, using: &rng))
      case 7:
        now = now.adding(milliseconds: Int64.random(in: 10_000...60_000, using: &rng))
      case 8:
        // Past the whole window: every series goes idle.
        now = now.adding(milliseconds: windowMs + Int64.random(in: 0...30_000, using: &rng))
      default:
        // Backwards (a window anchored to older data).
        now = now.adding(milliseconds: -Int64.random(in: 1_000...windowMs, using: &rng))
      }
      let charts: Set<String>? = Bool.random(using: &rng) ? nil : [artefacts.randomElement(using: &rng)!]
      let expected = full.build(
        store: store, ingest: IngestSummary(), now: now, chartArtefacts: charts, cache: fullCache)
      let built = incremental.build(
        store: &store, ingest: IngestSummary(), now: now, chartArtefacts: charts, cache: incrementalCache,
        mergeCache: mergeCache)
      expectSame(built, expected, "seed \(seed) step \(step)")
      // The layout instance is kept exactly when names, kinds and legs are
      // the same as the last snapshot's.
      #expect(built.layout != nil)
      if let previous {
        #expect(
          (built.layout === previous.layout) == (Self.layout(of: built) == Self.layout(of: previous)),
          "seed \(seed) step \(step): layout")
      }
      previous = built
    }
  }

  /// What a ``SnapshotLayout`` stands for: names, kinds and legs, in order.
  static func layout(of snapshot: DashboardSnapshot) -> [String] {
    snapshot.artefacts.map { a in
      ([a.name, a.kind.rawValue] + a.versions.map { $0.version + "/" + $0.route.rawValue }).joined(
        separator: "\u{0}")
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
  func equalsTheFullBuildOverRandomInsertsAndClockMoves(seed: UInt64) {
    compareOverRandomSequence(seed: seed, windowMs: 2 * 60_000, steps: 300)
    compareOverRandomSequence(seed: seed &+ 100, windowMs: 15 * 60_000, steps: 150)
    compareOverRandomSequence(
      seed: seed &+ 300, windowMs: 2 * 60_000, steps: 200, mergeCache: WindowMergeCache())
    // A window that is not a whole number of buckets.
    compareOverRandomSequence(seed: seed &+ 200, windowMs: 95_000, steps: 200)
  }

  @Test func anIdleTickRecomputesNothingAndAWindowSlideOnlyTheSeriesItMovedPast() {
    var store = MetricsStore()
    let builder = IncrementalSnapshotBuilder(windowMs: 60_000)
    // 100 artefacts; "old" has one request at t0 + 1 s, the others theirs at t0 + 45 s.
    store.record(record(at: t0.adding(milliseconds: 1_000), "old", "v1", .stable, latency: 10, cost: 0.1))
    for i in 0..<99 {
      store.record(
        record(at: t0.adding(milliseconds: 45_000), "a\(i)", "v1", .stable, latency: 10, cost: 0.1))
    }
    var now = t0.adding(milliseconds: 50_000)
    var snap = builder.build(store: &store, ingest: IngestSummary(), now: now)
    #expect(builder.lastRecomputedSeries == 100)
    #expect(snap.artefacts.count == 100)
    let layout = snap.layout
    // One second later, nothing new and no bucket left the window: nothing recomputed, rates moved on.
    now = now.adding(milliseconds: 1_000)
    snap = builder.build(store: &store, ingest: IngestSummary(), now: now)
    #expect(snap.layout === layout)
    #expect(builder.lastRecomputedSeries == 0)
    #expect(builder.lastRecomputedArtefacts == 0)
    // "old"'s request: rate over max(60 s minimum, 51 s) = 1/60 req/s.
    #expect(snap.artefacts.first { $0.name == "old" }?.total.requestsPerSecond == 1.0 / 60)
    // A record for a0: that series only.
    store.record(record(at: now, "a0", "v1", .stable, latency: 20, cost: 0.1))
    snap = builder.build(store: &store, ingest: IngestSummary(), now: now)
    #expect(builder.lastRecomputedSeries == 1)
    #expect(snap.artefacts.first { $0.name == "a0" }?.total.requests == 2)
    // The same legs with new figures: the same layout.
    #expect(snap.layout === layout)
    // A new leg (a0's canary): a new layout.
    store.record(record(at: now, "a0", "v2", .canary, latency: 20, cost: 0.1))
    snap = builder.build(store: &store, ingest: IngestSummary(), now: now)
    #expect(snap.layout !== layout)
    let withCanary = snap.layout
    // At t0 + 70 s the window is [t0 + 10 s, t0 + 80 s): "old"'s bucket [t0, t0 + 10 s) left it.
    now = t0.adding(milliseconds: 70_000)
    snap = builder.build(store: &store, ingest: IngestSummary(), now: now)
    #expect(builder.lastRecomputedSeries == 1)
    #expect(snap.artefacts.count == 99)
    #expect(!snap.artefacts.contains { $0.name == "old" })
    #expect(snap.layout !== withCanary)
  }

  @Test func theStoreListsEachChangedSeriesOnce() {
    var store = MetricsStore()
    store.record(record(at: t0, "a", "v1", .stable, latency: 10, cost: nil))
    store.record(record(at: t0, "b", "v1", .stable, latency: 10, cost: nil))
    store.record(record(at: t0, "a", "v1", .stable, latency: 10, cost: nil))
    #expect(store.takeChangedSeries() == [0, 1])
    #expect(store.takeChangedSeries() == [])
    store.record(record(at: t0, "b", "v1", .stable, latency: 10, cost: nil))
    #expect(store.takeChangedSeries() == [1])
    // A late record changes no bucket, but a new kind changes the artefact's summary.
    store.record(record(at: t0.adding(milliseconds: 10_000_000), "c", "v1", .stable, latency: 10, cost: nil))
    _ = store.takeChangedSeries()
    store.record(record(at: t0, "a", "v1", .stable, kind: .agent, latency: 10, cost: nil))
    #expect(store.lateRecords == 1)
    #expect(store.takeChangedSeries() == [0])
  }
}
