import Testing

@testable import FlightDeckCore

/// ``ReplaySeriesAccumulator`` against ``MetricBucket/add(_:digits:)`` (the
/// path it replaces): random requests over series whose request counts
/// straddle a chunk (16), the exact capacity (128) and beyond must give
/// buckets with the same counts, the same sums to the last bit (added in the
/// same order) and the same latency and TTFT distributions.
@Suite struct ReplaySeriesAccumulatorTests {
  static func sample(_ random: inout SplitMix64) -> MetricSample {
    let u = Double(random.next() >> 11) / 9_007_199_254_740_992
    let status: RequestStatus = u < 0.05 ? .timeout : u < 0.15 ? .error : .ok
    // Latencies from 0 to about 30 s with 3 decimals (some repeated), and
    // a few that are negative, not finite or beyond the clamp.
    var latency = Double(random.next() % 30_000_000) / 1000
    switch random.next() % 50 {
    case 0: latency = -1
    case 1: latency = .nan
    case 2: latency = 1e300
    case 3: latency = 12.5
    default: break
    }
    let input = Int(random.next() % 4000)
    let output = Int(random.next() % 800)
    let extras = random.next() % 4 == 0
    return MetricSample(
      timestamp: Timestamp(millisecondsSinceEpoch: 0), latencyMs: latency, status: status,
      inputTokens: input, outputTokens: output,
      costUSD: random.next() % 5 == 0 ? nil : Double(random.next() % 1_000_000) / 1e6,
      ttftMs: random.next() % 3 == 0 ? Double(random.next() % 5_000_000) / 1000 : nil,
      cacheReadTokens: extras ? input / 3 : 0, cacheWriteTokens: extras ? input / 5 : 0,
      reasoningTokens: extras ? output / 2 : 0)
  }

  static let quantiles = [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1]

  @Test func givesTheBucketsThatAddingOneByOneGives() {
    let digits = MetricsConfiguration.batch.latencyDigits
    var random = SplitMix64(seed: 5)
    // Requests per series: around the chunk size, the exact capacity, and
    // far beyond it (so the histogram is built and then grows).
    let sizes = [1, 2, 15, 16, 17, 31, 32, 33, 127, 128, 129, 130, 200, 3_000]
    var targets: [Int] = []
    for (id, n) in sizes.enumerated() { targets += repeatElement(id, count: n) }
    targets.shuffle(using: &random)
    let accumulator = ReplaySeriesAccumulator(digits: digits)
    var reference: [MetricBucket] = []
    for _ in sizes {
      #expect(accumulator.appendSeries() == reference.count)
      reference.append(MetricBucket(index: 0))
    }
    for id in targets {
      let s = ReplaySeriesAccumulatorTests.sample(&random)
      accumulator.add(series: id, sample: s)
      reference[id].add(s, digits: digits)
    }
    #expect(accumulator.count == sizes.count)
    for (id, expected) in reference.enumerated() {
      let got = accumulator.bucket(id)
      #expect(got.requests == sizes[id])
      #expect(got.requests == expected.requests)
      #expect(got.errors == expected.errors)
      #expect(got.timeouts == expected.timeouts)
      #expect(got.inputTokens == expected.inputTokens)
      #expect(got.outputTokens == expected.outputTokens)
      #expect(got.cacheReadTokens == expected.cacheReadTokens)
      #expect(got.cacheWriteTokens == expected.cacheWriteTokens)
      #expect(got.reasoningTokens == expected.reasoningTokens)
      #expect(got.costUSD.bitPattern == expected.costUSD.bitPattern)
      #expect(got.costUnknown == expected.costUnknown)
      for (mine, theirs) in [(got.latency, expected.latency), (got.ttft, expected.ttft)] {
        #expect(mine?.count == theirs?.count)
        #expect(mine?.isExact == theirs?.isExact)
        #expect(mine?.occupiedBuckets == theirs?.occupiedBuckets)
        let q = ReplaySeriesAccumulatorTests.quantiles
        #expect(mine?.quantiles(q) == theirs?.quantiles(q))
      }
    }
  }

  /// Chunks freed by a series whose histogram was built are reused by the
  /// others, whose values must not be disturbed.
  @Test func reusedChunksKeepEachSeriesValues() {
    let digits = MetricsConfiguration.batch.latencyDigits
    let accumulator = ReplaySeriesAccumulator(digits: digits)
    var reference: [MetricBucket] = []
    for _ in 0..<40 {
      accumulator.appendSeries()
      reference.append(MetricBucket(index: 0))
    }
    // Series 0 goes past 128 values first (freeing 8 chunks); the others,
    // interleaved, then take chunks from the free list.
    for round in 0..<200 {
      for id in 0..<40 where id == 0 || round >= 130 || round % 3 == 0 {
        let s = MetricSample(
          timestamp: Timestamp(millisecondsSinceEpoch: 0), latencyMs: Double(id * 1000 + round),
          status: .ok, inputTokens: 1, outputTokens: 1, costUSD: nil)
        accumulator.add(series: id, sample: s)
        reference[id].add(s, digits: digits)
      }
    }
    for (id, expected) in reference.enumerated() {
      let got = accumulator.bucket(id)
      #expect(got.requests == expected.requests)
      #expect(got.latency?.count == expected.latency?.count)
      #expect(got.latency?.isExact == expected.latency?.isExact)
      let q = ReplaySeriesAccumulatorTests.quantiles
      #expect(got.latency?.quantiles(q) == expected.latency?.quantiles(q))
    }
  }
}
