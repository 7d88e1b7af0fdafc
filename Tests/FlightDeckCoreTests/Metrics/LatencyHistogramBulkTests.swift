import Testing

@testable import FlightDeckCore

/// ``LatencyHistogram/record(nanosecondsOf:)`` against recording the same
/// values one by one (the independent method): same count, occupied
/// buckets and quantiles, whatever the batch sizes.
@Suite struct LatencyHistogramBulkTests {
  @Test(arguments: [2, 3] as [SignificantDigits.RawValue])
  func batchesGiveTheQuantilesOfOneByOne(digitsValue: SignificantDigits.RawValue) throws {
    let digits = try #require(SignificantDigits(rawValue: digitsValue))
    var random = SplitMix64(seed: 3)
    var one = LatencyHistogram(digits: digits)
    var bulk = LatencyHistogram(digits: digits)
    let quantiles = [0, 0.001, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 1]
    for round in 0..<60 {
      // Batches of 1 to 600 values: a body of lognormal-like latencies
      // (products of uniforms), repeats, and far outliers.
      let size = 1 + Int(random.next() % 600)
      var batch: [UInt64] = []
      for _ in 0..<size {
        var v = (1 + random.next() % 1000) * (1 + random.next() % 1000) * 1000
        switch random.next() % 40 {
        case 0: v = 30_000_000_000
        case 1: v = random.next() % 100
        case 2: v = 0
        default: break
        }
        batch.append(v)
      }
      for v in batch { one.record(nanoseconds: v) }
      bulk.record(nanosecondsOf: batch)
      #expect(bulk.count == one.count, "round \(round)")
      #expect(bulk.isExact == one.isExact)
      #expect(bulk.occupiedBuckets == one.occupiedBuckets)
      #expect(bulk.quantiles(quantiles) == one.quantiles(quantiles), "round \(round)")
    }
    #expect(!bulk.isExact)
  }

  /// A first batch that fits the exact capacity stays exact.
  @Test func aSmallFirstBatchStaysExact() {
    var h = LatencyHistogram(digits: .three)
    h.record(nanosecondsOf: [5_000_000, 1_000_000, 3_000_000])
    #expect(h.isExact)
    #expect(h.count == 3)
    #expect(h.quantile(0.5) == 3)
  }
}
