import FlightDeckCore
import Testing

@Suite struct MetricsStoreTests {
  let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)  // 2025-06-01T00:00:00Z, a bucket boundary
  let key = SeriesKey(artefact: "bot", version: "v1", route: .stable)

  func record(
    _ offsetMs: Int64, latency: Double, status: RequestStatus = .ok, cost: Double? = 0.01,
    input: Int = 100, output: Int = 10, key: SeriesKey? = nil
  ) -> TelemetryRecord {
    let k = key ?? self.key
    return TelemetryRecord(
      timestamp: t0.adding(milliseconds: offsetMs), requestID: "r\(offsetMs)", artefact: k.artefact,
      kind: .agent, version: k.version, route: k.route, latencyMs: latency, inputTokens: input,
      outputTokens: output, costUSD: cost, status: status)
  }

  @Test func countsErrorsTokensAndCostOverAWindow() {
    var store = MetricsStore()
    // Four requests in the first 10 s bucket, one in the second.
    store.record(record(1_000, latency: 100))
    store.record(record(2_000, latency: 200, status: .error))
    store.record(record(3_000, latency: 300, status: .timeout, cost: nil))
    store.record(record(4_000, latency: 400))
    store.record(record(12_000, latency: 500, cost: 0.02))
    let s = store.stats(for: [key], from: t0, to: t0.adding(milliseconds: 20_000))
    #expect(s.requests == 5)
    #expect(s.errors == 1)
    #expect(s.timeouts == 1)
    #expect(s.errorRate == 0.4)  // (1 + 1) / 5
    #expect(s.inputTokens == 500)
    #expect(s.outputTokens == 50)
    // Known costs: 0.01 * 3 + 0.02 = 0.05 over 4 known requests.
    #expect(abs(s.costUSD - 0.05) < 1e-12)
    #expect(s.costUnknownRequests == 1)
    #expect(abs(s.costPerRequestUSD! - 0.0125) < 1e-12)
    // 5 requests over a 20 s window.
    #expect(s.requestsPerSecond == 0.25)
    // Median of 100..500 is 300 (exact at 2-digit precision: 300 ms = 300000 µs,
    // bucket width 2^(floor(log2(300000)) - 7) = 1024 µs, midpoint within 0.2 %).
    #expect(abs(s.p50Ms! - 300) / 300 < 0.004)
    // Only the first bucket: [t0, t0+10 s).
    let first = store.stats(for: [key], from: t0, to: t0.adding(milliseconds: 10_000))
    #expect(first.requests == 4)
  }

  @Test func outOfOrderRecordsLandInTheirBucketAndOldOnesAreLate() {
    var store = MetricsStore(configuration: MetricsConfiguration(bucketWidthMs: 10_000, retentionMs: 60_000))
    store.record(record(100_000, latency: 10))  // newest: bucket index +10
    let inside = store.record(record(55_000, latency: 10))  // 45 s old: inside the 60 s retention
    let late = store.record(record(30_000, latency: 10))  // 70 s old: late
    #expect(inside)
    #expect(!late)
    #expect(store.lateRecords == 1)
    let s = store.stats(
      for: [key], from: t0.adding(milliseconds: 50_000), to: t0.adding(milliseconds: 60_000))
    #expect(s.requests == 1)
  }

  @Test func memoryStaysBoundedByRetentionNotByEvents() {
    // 10 s buckets, 60 s retention: at most 7 buckets per series, whatever the volume.
    var store = MetricsStore(configuration: MetricsConfiguration(bucketWidthMs: 10_000, retentionMs: 60_000))
    for i in 0..<5_000 {
      store.record(record(Int64(i) * 200, latency: Double(50 + i % 400)))
    }
    let buckets = store.buckets(for: key, from: t0, to: t0.adding(milliseconds: 1_000_000))
    #expect(buckets.compactMap { $0 }.count == 7)
    // Events span 0..999.8 s: buckets 93..99 remain (the newest index is 99, 99 - 6 = 93).
    #expect(buckets[93] != nil && buckets[92] == nil)
  }

  @Test func quantilesAgreeWithExactType7WithinTheHistogramError() {
    // A deterministic spread of latencies: 1000 values 1.000 ms, 1.013 ms, ...
    var h = LatencyHistogram(digits: .three)
    var values: [Double] = []
    for i in 0..<1000 {
      let v = 1.0 + Double((i * 7919) % 1000) * 0.013 + Double(i % 3) * 100
      values.append(v)
      h.record(milliseconds: v)
    }
    values.sort()
    for q in [0.5, 0.95, 0.99] {
      let hIndex = Double(values.count - 1) * q
      let lo = Int(hIndex.rounded(.down))
      let exact = values[lo] + (hIndex - Double(lo)) * (values[min(lo + 1, values.count - 1)] - values[lo])
      let approx = h.quantile(q)!
      // Relative error bounded by the histogram's 1/2048 plus microsecond rounding.
      #expect(
        abs(approx - exact) / exact <= h.relativeError + 1e-3 / exact, "q=\(q) exact=\(exact) got=\(approx)")
    }
    #expect(LatencyHistogram.relativeError(digits: .three) == 1.0 / 2048)
    #expect(LatencyHistogram.relativeError(digits: .two) == 1.0 / 256)
  }

  @Test func mergeOfTwoStoresEqualsOneStoreFedEverything() {
    var a = MetricsStore(configuration: .batch)
    var b = MetricsStore(configuration: .batch)
    var all = MetricsStore(configuration: .batch)
    for i in 0..<200 {
      let r = record(Int64(i) * 10, latency: Double(i + 1), status: i % 10 == 0 ? .error : .ok)
      if i % 2 == 0 { a.record(r) } else { b.record(r) }
      all.record(r)
    }
    a.merge(b)
    let merged = MetricsStore.stats(of: a.totalBucket(for: key)!, windowSeconds: 1)
    #expect(merged == MetricsStore.stats(of: all.totalBucket(for: key)!, windowSeconds: 1))
    #expect(merged.errors == 20)
    #expect(merged.requests == 200)
  }
}
