import FlightDeckCore
import Testing

@Suite struct SnapshotBuilderTests {
  let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)

  func rec(_ ms: Int64, _ artefact: String, _ version: String, _ route: Route, latency: Double, cost: Double?)
    -> TelemetryRecord
  {
    TelemetryRecord(
      timestamp: t0.adding(milliseconds: ms), requestID: "\(ms)", artefact: artefact, kind: .agent,
      version: version, route: route, latencyMs: latency, inputTokens: 10, outputTokens: 5, costUSD: cost,
      status: .ok)
  }

  @Test func sharesCanaryAndChartsComeFromTheWindow() {
    var store = MetricsStore()
    // bot: 90 stable (v1), 10 canary (v2), 5 shadow (v2) within the first minute.
    for i in 0..<90 { store.record(rec(Int64(i) * 500, "bot", "v1", .stable, latency: 100, cost: 0.01)) }
    for i in 0..<10 { store.record(rec(Int64(i) * 500, "bot", "v2", .canary, latency: 200, cost: 0.02)) }
    for i in 0..<5 { store.record(rec(Int64(i) * 500, "bot", "v2", .shadow, latency: 300, cost: 0.03)) }
    // classifier: one version, cost unknown.
    for i in 0..<4 { store.record(rec(Int64(i) * 1000, "classifier", "v7", .stable, latency: 5, cost: nil)) }
    let now = t0.adding(milliseconds: 60_000)
    let snap = SnapshotBuilder(windowMs: 15 * 60_000).build(store: store, ingest: IngestSummary(), now: now)

    #expect(snap.artefacts.map(\.name) == ["bot", "classifier"])
    let bot = snap.artefacts[0]
    #expect(bot.versions.map(\.route) == [.stable, .canary, .shadow])
    #expect(bot.versions.map(\.trafficShare) == [0.9, 0.1, 0.05])  // 90/100, 10/100, 5/100
    // User-facing total excludes the shadow: 100 requests, cost 90*0.01 + 10*0.02 = 1.1.
    #expect(bot.total.requests == 100)
    // Rates divide by the time the data covers, not the 15-minute window: the
    // first bucket starts at t0 and now = t0 + 60 s → 90 / 60 = 1.5 req/s.
    #expect(bot.versions[0].stats.requestsPerSecond == 1.5)
    #expect(bot.total.requestsPerSecond == 100.0 / 60.0)
    #expect(abs(bot.total.costUSD - 1.1) < 1e-9)
    #expect(snap.canaries.map(\.artefact) == ["bot"])
    #expect(snap.canaries[0].shadow?.requests == 5)
    #expect(abs(snap.canaries[0].shadow!.costUSD - 0.15) < 1e-12)
    // Unknown cost stays unknown, never 0.
    let classifier = snap.artefacts[1]
    #expect(classifier.total.costPerRequestUSD == nil)
    #expect(classifier.total.costPerHourUSD == nil)
    // Charts: window [now-15m, now] in 10 s buckets = 91 samples; first minute holds data.
    let chart = snap.charts["bot"]!
    #expect(chart.stepMs == 10_000)
    #expect(chart.p95LatencyMs.count == 3)
    #expect(chart.p95LatencyMs[0].values.count == 91)
    // The stable series' cost in the bucket [t0, t0+10 s): 20 requests * 0.01 = 0.2 USD per 10 s = 1.2 USD/min.
    let bucketAtT0 = Int(t0.milliseconds(since: chart.start) / 10_000)
    #expect(abs(chart.costPerMinuteUSD[0].values[bucketAtT0]! - 1.2) < 1e-9)
    #expect(chart.costPerMinuteUSD[0].values[0] == nil)
  }

  @Test func theOldestBucketStaysUntilItsWholeBucketIsOutOfTheWindow() {
    // Nine requests at t0 + 1 s … t0 + 9 s, all in the bucket [t0, t0 + 10 s).
    var store = MetricsStore()
    for s in 1...9 { store.record(rec(Int64(s) * 1000, "bot", "v1", .stable, latency: 100, cost: 0.01)) }
    let builder = SnapshotBuilder(windowMs: 15 * 60_000)
    func requests(at ms: Int64) -> Int? {
      builder.build(store: store, ingest: IngestSummary(), now: t0.adding(milliseconds: ms)).artefacts.first?
        .total
        .requests
    }
    // now = 00:15:01: now − 15 min = 00:00:01 lies in bucket [00:00:00, 00:00:10), which counts.
    #expect(requests(at: 901_000) == 9)
    // now = 00:15:09.999: now − 15 min = 00:00:09.999, still that bucket.
    #expect(requests(at: 909_999) == 9)
    // now = 00:15:10: the window starts at 00:00:10; the bucket is out.
    #expect(requests(at: 910_000) == nil)
    #expect(store.hasRecords(from: t0, to: t0.adding(milliseconds: 10_000)))
    #expect(!store.hasRecords(from: t0.adding(milliseconds: 10_000), to: t0.adding(milliseconds: 920_000)))

    let bounds = builder.windowBounds(now: t0.adding(milliseconds: 901_000), bucketWidthMs: 10_000)
    #expect(bounds.from == t0)
    #expect(bounds.to == t0.adding(milliseconds: 910_000))  // end of the bucket holding now
    let snap = builder.build(store: store, ingest: IngestSummary(), now: t0.adding(milliseconds: 901_000))
    // Buckets 00:00:00 … 00:15:00: 91 chart samples, the first holding the data.
    let chart = snap.charts["bot"]!
    #expect(chart.start == t0)
    #expect(chart.p95LatencyMs[0].values.count == 91)
    #expect(chart.p95LatencyMs[0].values[0] == 100)
    // Rate over the covered time: 9 requests from t0 to now (901 s).
    #expect(snap.artefacts[0].total.requestsPerSecond == 9.0 / 901.0)
  }

  @Test func theChartCacheAnswersUnchangedExactBucketsAndRecomputesChangedOnes() {
    var store = MetricsStore()
    // Bucket [t0, t0 + 10 s): 10, 20, 30 ms. p95 exact: h = 2 * 0.95 = 1.9 → 20 + 0.9 * 10 = 29.
    for (i, l) in [10.0, 20, 30].enumerated() {
      store.record(rec(Int64(i) * 1000, "bot", "v1", .stable, latency: l, cost: 0.01))
    }
    let cache = ChartQuantileCache()
    let builder = SnapshotBuilder(windowMs: 60_000)
    let now = t0.adding(milliseconds: 30_000)
    var chart = builder.build(store: store, ingest: IngestSummary(), now: now, cache: cache).charts["bot"]!
    // now − 60 s = t0 − 30 s: buckets t0 − 30 s … t0 + 30 s, so t0's is sample 3.
    #expect(abs(chart.p95LatencyMs[0].values[3]! - 29) < 1e-9)
    #expect(cache.misses == 1 && cache.hits == 0)
    chart = builder.build(store: store, ingest: IngestSummary(), now: now, cache: cache).charts["bot"]!
    #expect(cache.misses == 1 && cache.hits == 1)
    // Another record in that bucket changes its count: recomputed.
    // 10, 20, 30, 40: h = 3 * 0.95 = 2.85 → 30 + 0.85 * 10 = 38.5.
    store.record(rec(5_000, "bot", "v1", .stable, latency: 40, cost: 0.01))
    chart = builder.build(store: store, ingest: IngestSummary(), now: now, cache: cache).charts["bot"]!
    #expect(abs(chart.p95LatencyMs[0].values[3]! - 38.5) < 1e-9)
    #expect(cache.misses == 2 && cache.hits == 1)
  }

  @Test func aLoneFreshRequestIsAveragedOverAtLeastAMinute() {
    var store = MetricsStore()
    store.record(rec(0, "bot", "v1", .stable, latency: 100, cost: 0.3))
    // 5 s later: the data covers 5 s, but rates use at least 60 s:
    // 1 / 60 req/s and 0.3 USD / 60 s × 3600 = 18 USD/h (not 0.3 / 5 s × 3600 = 216).
    let snap = SnapshotBuilder().build(
      store: store, ingest: IngestSummary(), now: t0.adding(milliseconds: 5_000))
    let stats = snap.artefacts[0].versions[0].stats
    #expect(stats.requestsPerSecond == 1.0 / 60.0)
    #expect(abs(stats.costPerHourUSD! - 18) < 1e-9)
  }
}
