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

  @Test func storageIsProportionalToNonEmptyBucketsNotToTheRetention() {
    // A 720 h retention in 10 s buckets would be a 259 201-slot ring per series;
    // only the buckets that received records exist.
    var store = MetricsStore(
      configuration: MetricsConfiguration(bucketWidthMs: 10_000, retentionMs: 720 * 3_600_000))
    #expect(store.configuration.bucketsPerSeries == 259_201)  // 720 * 360 + 1
    for i in 0..<1_000 {
      let k = SeriesKey(artefact: "a\(i)", version: "v1", route: .stable)
      store.record(record(Int64(i), latency: 10, key: k))
    }
    #expect(store.totalBucketCount == 1_000)
    #expect(store.bucketCount(for: SeriesKey(artefact: "a7", version: "v1", route: .stable)) == 1)
    #expect(store.bucketCount(for: SeriesKey(artefact: "none", version: "v1", route: .stable)) == 0)
    // One request per bucket: an exact array of one value, not a 12 KiB histogram.
    let b = store.totalBucket(for: SeriesKey(artefact: "a7", version: "v1", route: .stable))!
    #expect(b.latency?.isExact == true)
    #expect(store.histogramFootprintBytes <= 1_000 * 8 * 4)
  }

  @Test func busyBucketsCostTheirOccupiedLatencyBucketsNotAFullHistogram() {
    // 250 series × 3 buckets (and 6 cells of 5 s) × 400 requests at 20 distinct latencies:
    // each histogram holds 20 occupied buckets. A dense 2-digit HdrHistogram up to
    // 2.9 s (about 13 KiB) per bucket and cell was about 29 MiB here.
    var configuration = MetricsConfiguration(bucketWidthMs: 10_000, retentionMs: 60_000)
    configuration.windowResolutionMs = 5_000
    var store = MetricsStore(configuration: configuration)
    for s in 0..<250 {
      let k = SeriesKey(artefact: "a\(s)", version: "v1", route: .stable)
      for i in 0..<1_200 {
        store.record(record(Int64(i) * 25, latency: Double(100 + 150 * (i % 20)), key: k))
      }
    }
    #expect(store.totalBucketCount == 750)
    #expect(store.totalCellCount == 1_500)
    // 20 buckets of at most 8 bytes, with spare capacity: well under 1 KiB per histogram.
    #expect(store.histogramFootprintBytes <= 2_250 * 512)
    let k7 = SeriesKey(artefact: "a7", version: "v1", route: .stable)
    let b = store.totalBucket(for: k7)!
    #expect(b.latency?.count == 1_200)
    #expect(b.latency?.quantile(0) == 100)
  }

  @Test func outOfOrderBucketsAreInsertedInOrder() {
    var store = MetricsStore(configuration: MetricsConfiguration(bucketWidthMs: 10_000, retentionMs: 60_000))
    // Buckets 5, 3, 4, 3, 5 (ms offsets / 10 000).
    for (ms, latency) in [(50_000, 1.0), (30_000, 2.0), (45_000, 3.0), (39_999, 4.0), (59_999, 5.0)] {
      let accepted = store.record(record(Int64(ms), latency: latency))
      #expect(accepted)
    }
    #expect(store.bucketCount(for: key) == 3)
    let buckets = store.buckets(
      for: key, from: t0.adding(milliseconds: 30_000), to: t0.adding(milliseconds: 60_000))
    #expect(buckets.map { $0?.requests } == [2, 1, 2])
    // t0 is bucket 1 748 736 000 000 / 10 000 = 174 873 600.
    #expect(buckets.map { $0?.index } == [174_873_603, 174_873_604, 174_873_605])
    // Bucket 3 holds 2 ms and 4 ms: exact median (2 + 4) / 2 = 3.
    #expect(buckets[0]?.latency?.quantile(0.5) == 3)
  }

  @Test func aQuietSeriesIsSweptOnceItsBucketsLeaveTheRetention() {
    // 10 s buckets, 60 s retention (6 buckets behind the newest).
    var store = MetricsStore(configuration: MetricsConfiguration(bucketWidthMs: 10_000, retentionMs: 60_000))
    let quiet = SeriesKey(artefact: "quiet", version: "v1", route: .stable)
    store.record(record(0, latency: 10, key: quiet))
    for s in stride(from: Int64(0), through: 60, by: 10) { store.record(record(s * 1000, latency: 10)) }
    // Newest bucket 6: buckets ≥ 6 − 6 = 0 are kept, the quiet one too.
    #expect(store.bucketCount(for: quiet) == 1)
    #expect(store.bucketCount(for: key) == 7)
    for s in stride(from: Int64(70), through: 130, by: 10) { store.record(record(s * 1000, latency: 10)) }
    // Newest bucket 13: buckets below 7 are gone from both series.
    #expect(store.bucketCount(for: quiet) == 0)
    #expect(store.bucketCount(for: key) == 7)
    let late = store.record(record(5_000, latency: 10, key: quiet))
    #expect(!late)
    #expect(store.lateRecords == 1)
  }

  @Test func mergeOfWindowedStoresEqualsOneStoreFedEverything() {
    let config = MetricsConfiguration(bucketWidthMs: 10_000, retentionMs: 60_000)
    var a = MetricsStore(configuration: config)
    var b = MetricsStore(configuration: config)
    var all = MetricsStore(configuration: config)
    // 90 s of records, one per second, alternately into a and b, newest last.
    for i in 0..<90 {
      let r = record(Int64(i) * 1000, latency: Double(i + 1))
      if i % 2 == 0 { a.record(r) } else { b.record(r) }
      all.record(r)
    }
    a.merge(b)
    // Newest bucket 8 (89 s): buckets 2…8 kept in both.
    #expect(a.bucketCount(for: key) == 7)
    #expect(all.bucketCount(for: key) == 7)
    let from = t0
    let to = t0.adding(milliseconds: 90_000)
    #expect(a.stats(for: [key], from: from, to: to) == all.stats(for: [key], from: from, to: to))
    // Buckets 2…8 hold seconds 20…89: 70 requests.
    #expect(a.stats(for: [key], from: from, to: to).requests == 70)
  }

  @Test func automaticResolutionKeepsLongWindowsToAtMost360Buckets() {
    func width(_ ms: Int64) -> Int64 { MetricsConfiguration.automaticBucketWidthMs(forWindowMs: ms) }
    let h: Int64 = 3_600_000
    #expect(width(15 * 60_000) == 10_000)  // up to 1 h: the 10 s default
    #expect(width(h) == 10_000)  // 3 600 s / 360 = 10 s
    #expect(width(h + 1_000) == 30_000)  // 3 601 s / 360 = 10.003 s → 30 s
    #expect(width(2 * h) == 30_000)  // 7 200 s / 360 = 20 s → 30 s
    #expect(width(6 * h) == 60_000)  // 21 600 s / 360 = 60 s → 1 min
    #expect(width(24 * h) == 300_000)  // 86 400 s / 360 = 240 s → 5 min
    #expect(width(720 * h) == 7_200_000)  // 2 592 000 s / 360 = 7 200 s → 2 h
    #expect(width(744 * h) == 21_600_000)  // 31 days: 7 440 s → 6 h
    #expect(width(5 * 360 * 86_400_000) == 5 * 86_400_000)  // past 1 day: ceil(window / 360)
  }
}
