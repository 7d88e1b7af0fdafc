import FlightDeckCore
import Testing

@Suite struct WindowMergeCacheTests {
  let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)
  let key = SeriesKey(artefact: "bot", version: "v1", route: .stable)

  func record(_ ms: Int64, _ latency: Double) -> TelemetryRecord {
    TelemetryRecord(
      timestamp: t0.adding(milliseconds: ms), requestID: "r", artefact: "bot", kind: .agent, version: "v1",
      route: .stable, latencyMs: latency, inputTokens: 1, outputTokens: 1, costUSD: 0.01, status: .ok)
  }

  /// The cached merge always equals the plain merge; it is reused only while
  /// nothing but the current bucket changed.
  @Test func equalsThePlainMergeAndIsReusedOnlyWhenSafe() {
    var store = MetricsStore()
    for i in 0..<200 { store.record(record(Int64(i) * 300, Double(100 + i))) }  // 0 … 59.7 s
    let cache = WindowMergeCache()
    // Window [t0, t0 + 60 s): finished buckets 0…4, current bucket 5 = [50 s, 60 s).
    let from = t0
    let to = t0.adding(milliseconds: 60_000)
    func check() {
      let cached = cache.merged(store, key, from: from, to: to)
      let plain = store.mergedBucket(for: key, from: from, to: to)
      #expect(
        cached.map { MetricsStore.stats(of: $0, windowSeconds: 60) }
          == plain.map { MetricsStore.stats(of: $0, windowSeconds: 60) })
    }
    check()
    #expect(cache.misses == 1 && cache.hits == 0)
    // A new record in the current bucket: the finished part is reused.
    store.record(record(59_900, 5_000))
    check()
    #expect(cache.hits == 1)
    // A late record in a finished bucket changes its count: recomputed.
    store.record(record(12_000, 7_000))
    check()
    #expect(cache.misses == 2)
  }
}
