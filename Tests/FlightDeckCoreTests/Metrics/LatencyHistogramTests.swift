import FlightDeckCore
import Foundation
import Testing

@Suite struct LatencyHistogramTests {
  /// Type-7 quantile of already sorted values, computed independently.
  func type7(_ sorted: [Double], _ q: Double) -> Double {
    let h = Double(sorted.count - 1) * q
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }

  @Test func aSmallSampleGivesExactType7Quantiles() {
    var h = LatencyHistogram(digits: .two)
    for v in [1000.0, 30, 10, 40, 20] { h.record(milliseconds: v) }
    #expect(h.isExact)
    #expect(h.count == 5)
    #expect(h.relativeError == 0)
    // Sorted: 10, 20, 30, 40, 1000. p50: h = 4 * 0.5 = 2 → x[2] = 30.
    #expect(h.quantile(0.5) == 30)
    // p95: h = 4 * 0.95 = 3.8 → 40 + 0.8 * (1000 - 40) = 808.
    #expect(abs(h.quantile(0.95)! - 808) < 1e-9)
    // p99: h = 3.96 → 40 + 0.96 * 960 = 961.6. A 2-digit histogram would be
    // off by up to 0.39 % (3.75 ms); the exact form is not.
    #expect(abs(h.quantile(0.99)! - 961.6) < 1e-9)
    #expect(h.quantile(0) == 10)
    #expect(h.quantile(1) == 1000)
    // One pass gives the same three values.
    let q = h.quantiles([0.5, 0.95, 0.99])
    #expect(q[0] == 30 && abs(q[1]! - 808) < 1e-9 && abs(q[2]! - 961.6) < 1e-9)
    #expect(LatencyHistogram(digits: .two).quantiles([0.5, 0.9]) == [nil, nil])
  }

  @Test func exactUpToTheCapacityThenAHistogram() {
    #expect(LatencyHistogram.exactCapacity == 128)
    var h = LatencyHistogram(digits: .two)
    // 1.5 ms, 3.0 ms, …, 192 ms, recorded in a scrambled order (37 is coprime to 128).
    for i in 0..<128 { h.record(milliseconds: 1.5 * Double((i * 37) % 128 + 1)) }
    #expect(h.isExact)
    #expect(h.count == 128)
    // Sorted x[k] = 1.5 * (k + 1), k = 0…127.
    // p50: h = 127 * 0.5 = 63.5 → x[63] = 96, x[64] = 97.5 → 96.75.
    // p95: h = 120.65 → x[120] = 181.5, x[121] = 183 → 181.5 + 0.65 * 1.5 = 182.475.
    // p99: h = 125.73 → x[125] = 189, x[126] = 190.5 → 189 + 0.73 * 1.5 = 190.095.
    let q = h.quantiles([0.5, 0.95, 0.99])
    #expect(abs(q[0]! - 96.75) < 1e-9)
    #expect(abs(q[1]! - 182.475) < 1e-9)
    #expect(abs(q[2]! - 190.095) < 1e-9)
    // The 129th value materialises the histogram: 2 digits, at most 1/256 off.
    h.record(milliseconds: 193.5)
    #expect(!h.isExact)
    #expect(h.count == 129)
    #expect(h.relativeError == 1.0 / 256)
    let sorted = (1...129).map { 1.5 * Double($0) }
    for p in [0.5, 0.95, 0.99] {
      let exact = type7(sorted, p)
      #expect(abs(h.quantile(p)! - exact) / exact <= 1.0 / 256 + 1e-3 / exact)
    }
  }

  @Test func nanosecondRoundingIsTheOnlyLossOfTheExactForm() {
    var h = LatencyHistogram(digits: .two)
    h.record(milliseconds: 12.3454567)  // 12 345 456.7 ns → 12 345 457 ns
    h.record(milliseconds: -3)  // negative → 0
    h.record(milliseconds: .nan)  // non-finite → 0
    // Sorted ns: 0, 0, 12 345 457. p50 = x[1] = 0; max = 12.345457 ms.
    #expect(h.quantile(0.5) == 0)
    #expect(h.quantile(1) == 12.345457)
  }

  /// An OTLP span of 21 341 ns (the tokenomics corpus's Claude span) is 0.021341 ms, not the
  /// 0.021 ms of a microsecond histogram; 1.4 µs stays 1.4 µs, not 1 µs.
  @Test func subMillisecondSpansKeepTheirNanoseconds() {
    var h = LatencyHistogram(digits: .two)
    h.record(milliseconds: 0.021341)
    #expect(h.quantile(0.5) == 0.021341)
    var tiny = LatencyHistogram(digits: .two)
    tiny.record(milliseconds: 0.0014)
    tiny.record(milliseconds: 0.0016)
    // Type 7 p50 of {1 400, 1 600} ns = 1 500 ns = 0.0015 ms.
    #expect(tiny.quantile(0.5) == 0.0015)
    #expect(tiny.valueCounts().map(\.milliseconds) == [0.0014, 0.0016])
    // Materialised (129 values): 129 spans of 21 341 ns, every one in the same bucket, whose
    // midpoint is clamped to the recorded min and max: still 0.021341 ms.
    var many = LatencyHistogram(digits: .two)
    for _ in 0...LatencyHistogram.exactCapacity { many.record(milliseconds: 0.021341) }
    #expect(!many.isExact)
    #expect(many.quantile(0.99) == 0.021341)
  }

  @Test func addMergesEveryCombinationOfForms() {
    // Two small halves stay exact: {1, 3, 5} + {2, 4, 6} → p50 = x[2.5] = 3.5.
    var a = LatencyHistogram(digits: .two)
    var b = LatencyHistogram(digits: .two)
    for v in [5.0, 1, 3] { a.record(milliseconds: v) }
    for v in [2.0, 6, 4] { b.record(milliseconds: v) }
    a.add(b)
    #expect(a.isExact)
    #expect(a.count == 6)
    #expect(a.quantile(0.5) == 3.5)
    #expect(a.quantile(1) == 6)

    // Over the capacity, every combination equals one histogram fed everything:
    // same digits, same buckets, so the same quantiles to the last bit.
    let values = (0..<300).map { Double(($0 * 7919) % 1000) * 0.37 + 1 }
    var all = LatencyHistogram(digits: .two)
    for v in values { all.record(milliseconds: v) }
    #expect(!all.isExact)
    let expected = all.quantiles([0.5, 0.95, 0.99])
    func fed(_ range: Range<Int>) -> LatencyHistogram {
      var h = LatencyHistogram(digits: .two)
      for v in values[range] { h.record(milliseconds: v) }
      return h
    }
    // small + small (100 + 100 > 128) + histogram, in several orders.
    let splits: [[Range<Int>]] = [
      [0..<100, 100..<200, 200..<300], [100..<300, 0..<100], [0..<50, 50..<300],
    ]
    for split in splits {
      var merged = fed(split[0])
      for r in split.dropFirst() { merged.add(fed(r)) }
      #expect(merged.count == 300)
      #expect(!merged.isExact)
      #expect(merged.quantiles([0.5, 0.95, 0.99]) == expected, "split \(split)")
    }
  }

  @Test func theExactFormIsSmall() {
    var h = LatencyHistogram(digits: .three)
    h.record(milliseconds: 250)
    #expect(h.isExact)
    // One value: an array of a few UInt64 (8 bytes each), not a histogram.
    #expect(h.footprintBytes <= 128 * 8)
  }

  /// HdrHistogram's bucket of `v` ns, worked out from its definition rather than from
  /// index arithmetic: with 2^m sub-buckets, values below 2^m are exact; a value in
  /// [2^k, 2^(k+1)) with k ≥ m lies in a bucket 2^(k−m+1) wide, aligned on its width.
  /// Returns the bucket's lowest value and width.
  func hdrBucket(_ v: UInt64, subBuckets m: Int) -> (lowest: UInt64, width: UInt64) {
    guard v >= UInt64(1) << m else { return (v, 1) }
    let k = 63 - v.leadingZeroBitCount
    let width = UInt64(1) << (k - m + 1)
    return (v / width * width, width)
  }

  /// Type 7 over HdrHistogram's representatives (bucket midpoint, clamped to the
  /// smallest value and to the top of the largest value's bucket), in ms.
  func hdrType7(_ ns: [UInt64], _ q: Double, subBuckets m: Int) -> Double {
    let lo = ns.min()!
    let top = hdrBucket(ns.max()!, subBuckets: m)
    let hi = top.lowest + top.width - 1
    let reps = ns.map { v -> Double in
      let b = hdrBucket(v, subBuckets: m)
      return Double(min(max(b.lowest + b.width / 2, lo), hi))
    }.sorted()
    return type7(reps, q) / 1_000_000
  }

  @Test func materialisedQuantilesAreThoseOfAnHdrHistogramOfTheSameDigits() {
    // 20 000 latencies over six decades (12 µs … 40 s), with a zero and timeouts: every
    // quantile equals type 7 over HdrHistogram's bucket representatives, worked out
    // independently above, to the last bit (1e-12 of the value for the final division).
    var ns: [UInt64] = [0]
    var state: UInt64 = 42
    for i in 0..<20_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let u = Double(state >> 11) / Double(1 << 53)
      ns.append(i % 500 == 0 ? 30_000_000_000 : UInt64(12_000 * pow(10, 6.5 * u)))
    }
    for (digits, m) in [(SignificantDigits.two, 8), (.three, 11)] {
      var h = LatencyHistogram(digits: digits)
      for v in ns { h.record(milliseconds: Double(v) / 1_000_000) }
      #expect(!h.isExact)
      #expect(h.count == ns.count)
      #expect(h.relativeError == 1 / Double(1 << m))
      let qs = [0, 0.001, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1]
      for (q, got) in zip(qs, h.quantiles(qs)) {
        let want = hdrType7(ns, q, subBuckets: m)
        #expect(abs(got! - want) <= 1e-12 * max(want, 1e-9), "digits \(digits) q \(q): \(got!) ≠ \(want)")
      }
    }
  }

  @Test func aSeriesCostsWhatItsOccupiedBucketsCost() {
    // 100 000 requests at 12 distinct latencies: 12 occupied buckets. A dense 3-digit
    // HdrHistogram (the code before issue 11) held 147 992 bytes here.
    var h = LatencyHistogram(digits: .three)
    for i in 0..<100_000 { h.record(milliseconds: Double(1 + (i * 7) % 12) * 100) }
    #expect(h.occupiedBuckets == 12)
    #expect(h.footprintBytes <= 12 * 8 * 2 + 64)
    // The minimum is clamped to the recorded one; the maximum is its bucket's midpoint.
    #expect(h.quantile(0) == 100)
    #expect(abs(h.quantile(1)! - 1_200) <= 1_200 * h.relativeError)

    // A wide spread: memory stays within 8 bytes per occupied bucket, plus the
    // arrays' spare capacity (at most as much again).
    var wide = LatencyHistogram(digits: .three)
    var state: UInt64 = 7
    for _ in 0..<50_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      wide.record(milliseconds: 0.05 * pow(10, 5.5 * Double(state >> 11) / Double(1 << 53)))
    }
    #expect(wide.occupiedBuckets > 1_000)
    #expect(wide.footprintBytes <= 2 * 8 * wide.occupiedBuckets + 64)
  }

  @Test func mergeIsExactAcrossSparseAndDenseForms() {
    // A compact body (dense once it fills half its span) and a few far outliers (which
    // turn a dense store sparse again): merged in any order and split, the counts and
    // every quantile equal one histogram fed everything.
    var values: [Double] = []
    for i in 0..<5_000 { values.append(200 + Double((i * 7919) % 5_000) * 0.01) }
    for i in 0..<40 { values.append(Double(i + 1) * 1_500.123) }
    values.append(0.0007)
    var all = LatencyHistogram(digits: .three)
    for v in values { all.record(milliseconds: v) }
    let qs = [0, 0.01, 0.5, 0.95, 0.99, 0.999, 1]
    let expected = all.quantiles(qs)
    #expect(all.count == values.count)
    for parts in [2, 3, 7, 64] {
      var pieces = [LatencyHistogram](repeating: LatencyHistogram(digits: .three), count: parts)
      for (i, v) in values.enumerated() { pieces[(i * 31) % parts].record(milliseconds: v) }
      var merged = pieces[parts - 1]
      for p in pieces.dropLast().reversed() { merged.add(p) }
      #expect(merged.count == values.count)
      #expect(merged.quantiles(qs) == expected, "\(parts) parts")
      #expect(merged.valueCounts() == all.valueCounts(), "\(parts) parts")
    }
  }
}
