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
}
