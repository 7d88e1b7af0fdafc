import FlightDeckCore
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

  @Test func theExactFormIsSmallAndPresizingWaitsForTheHistogram() {
    var h = LatencyHistogram(digits: .three, presizedMicroseconds: 120_000_000)
    h.record(milliseconds: 250)
    #expect(h.isExact)
    // One value: an array of a few UInt64 (8 bytes each), not a histogram.
    #expect(h.footprintBytes <= 128 * 8)
    for i in 0..<128 { h.record(milliseconds: Double(i)) }
    #expect(!h.isExact)
    // Materialised pre-sized to 120 s = 1.2e11 ns with 3 digits: 2048 sub-buckets, and
    // 2048 · 2²⁶ ≥ 1.2e11 > 2048 · 2²⁵, so 27 buckets; (27 + 1) × 1024 counts of 4 bytes
    // = 114 688 bytes.
    #expect(h.footprintBytes >= 28 * 1024 * 4)
  }
}
