import FlightDeckCore
import Testing

@Suite struct MixtureQuantileTests {
  func histogram(_ values: [Double]) -> LatencyHistogram {
    var h = LatencyHistogram(digits: .two)
    for v in values { h.record(milliseconds: v) }
    return h
  }

  /// Nearest-rank quantile of a plain sample, computed independently: the
  /// ⌈q·n⌉-th smallest value.
  func nearestRank(_ values: [Double], _ q: Double) -> Double {
    let sorted = values.sorted()
    let rank = Int((q * Double(sorted.count)).rounded(.up))
    return sorted[max(0, rank - 1)]
  }

  let stableValues = (1...20).map(Double.init)  // 1, 2, …, 20 ms
  let canaryValues = (101...110).map(Double.init)  // 101, …, 110 ms

  @Test func valueCountsMergeEqualValuesAndSumToTheCount() {
    let h = histogram([5, 3, 5, 7.25])
    #expect(
      h.valueCounts() == [
        .init(milliseconds: 3, count: 1), .init(milliseconds: 5, count: 2),
        .init(milliseconds: 7.25, count: 1),
      ])
    #expect(LatencyHistogram(digits: .two).valueCounts().isEmpty)
    // A materialised histogram (1 000 values): counts still sum to the count,
    // values ascend, and stay within the histogram's relative error of 1…1000.
    let big = histogram((1...1000).map(Double.init))
    #expect(!big.isExact)
    let counts = big.valueCounts()
    #expect(counts.reduce(0) { $0 + $1.count } == 1000)
    #expect(zip(counts, counts.dropFirst()).allSatisfy { $0.milliseconds < $1.milliseconds })
    // Bucket midpoints: within 1/256 of the smallest and largest value.
    let e = LatencyHistogram.relativeError(digits: .two)
    #expect(abs(counts.first!.milliseconds - 1) <= e && abs(counts.last!.milliseconds - 1000) <= 1000 * e)
  }

  @Test func mixtureOfTwoSmallSetsAtHalfWeight() {
    // F(x) = 0.5·F_s(x) + 0.5·F_c(x). Up to 20 ms F = x/40, so F(20) = 0.5;
    // at 100 + k ms F = 0.5 + 0.5·k/10 ≥ 0.95 first when k = 9 → 109 ms.
    let p95 = MixtureQuantile.quantile(
      0.95,
      of: [
        .init(weight: 0.5, distribution: histogram(stableValues)),
        .init(weight: 0.5, distribution: histogram(canaryValues)),
      ])
    #expect(p95 == 109)
    // A weighted average of the two nearest-rank p95s would say
    // 0.5·19 + 0.5·110 = 64.5 ms, a latency no request has.
    #expect(0.5 * nearestRank(stableValues, 0.95) + 0.5 * nearestRank(canaryValues, 0.95) == 64.5)
  }

  @Test func smallCanaryWeightsMoveTheP95IntoTheCanaryTail() {
    let s = histogram(stableValues)
    let c = histogram(canaryValues)
    // w = 10 %: F(20) = 0.9; 0.9 + 0.1·k/10 ≥ 0.95 at k = 5 → 105 ms.
    #expect(
      MixtureQuantile.quantile(
        0.95, of: [.init(weight: 0.9, distribution: s), .init(weight: 0.1, distribution: c)]) == 105)
    // w = 5 %: F(19) = 0.95·19/20 = 0.9025, F(20) = 0.95 exactly → 20 ms.
    #expect(
      MixtureQuantile.quantile(
        0.95, of: [.init(weight: 0.95, distribution: s), .init(weight: 0.05, distribution: c)]) == 20)
    // w = 0: stable alone, nearest rank ⌈0.95·20⌉ = 19th value = 19 ms.
    #expect(
      MixtureQuantile.quantile(
        0.95, of: [.init(weight: 1, distribution: s), .init(weight: 0, distribution: c)]) == 19)
    #expect(nearestRank(stableValues, 0.95) == 19)
  }

  @Test func atTheObservedSplitTheMixtureIsThePooledSample() {
    // 20 stable and 10 canary requests: w₀ = 1/3. The pooled 30 values'
    // nearest-rank p95 is the ⌈28.5⌉ = 29th, 109 ms.
    let pooled = stableValues + canaryValues
    let p95 = MixtureQuantile.quantile(
      0.95,
      of: [
        .init(weight: 2.0 / 3.0, distribution: histogram(stableValues)),
        .init(weight: 1.0 / 3.0, distribution: histogram(canaryValues)),
      ])
    #expect(p95 == nearestRank(pooled, 0.95))
    #expect(p95 == 109)
    // Also the median: the 15th of 30 = 15 ms.
    let p50 = MixtureQuantile.quantile(
      0.5,
      of: [
        .init(weight: 20, distribution: histogram(stableValues)),
        .init(weight: 10, distribution: histogram(canaryValues)),
      ])
    #expect(p50 == nearestRank(pooled, 0.5))
    #expect(p50 == 15)
  }

  @Test func notAWeightedAverageOfP95s() {
    // Stable always 100 ms, canary always 1 000 ms, canary at 10 %: 10 % of
    // requests take 1 000 ms, so the p95 is 1 000 ms (the average of the
    // p95s, 0.9·100 + 0.1·1000 = 190 ms, never happens).
    let p95 = MixtureQuantile.quantile(
      0.95,
      of: [
        .init(weight: 0.9, distribution: histogram(Array(repeating: 100, count: 100))),
        .init(weight: 0.1, distribution: histogram(Array(repeating: 1000, count: 100))),
      ])
    #expect(p95 == 1000)
  }

  @Test func materialisedHistogramsStayWithinTheirRelativeError() {
    // Stable 1…1000 ms, canary 1001…2000 ms (1 000 values each: both are
    // HdrHistograms). At w = 0.5, F(1000) = 0.5 and the canary's ⌈0.9·1000⌉
    // = 900th value, 1 900 ms, is the p95; at w = 0 it is stable's 950th, 950 ms.
    let s = histogram((1...1000).map(Double.init))
    let c = histogram((1001...2000).map(Double.init))
    let e = LatencyHistogram.relativeError(digits: .two)
    let half = MixtureQuantile.quantile(
      0.95, of: [.init(weight: 0.5, distribution: s), .init(weight: 0.5, distribution: c)])!
    #expect(abs(half - 1900) <= 1900 * e)
    let none = MixtureQuantile.quantile(
      0.95, of: [.init(weight: 1, distribution: s), .init(weight: 0, distribution: c)])!
    #expect(abs(none - 950) <= 950 * e)
  }

  @Test func noDataOrNoWeightGivesNil() {
    #expect(MixtureQuantile.quantile(0.95, of: []) == nil)
    #expect(
      MixtureQuantile.quantile(0.95, of: [.init(weight: 1, distribution: LatencyHistogram(digits: .two))])
        == nil)
    #expect(MixtureQuantile.quantile(0.95, of: [.init(weight: 0, distribution: histogram([1]))]) == nil)
    #expect(MixtureQuantile.quantile(.nan, of: [.init(weight: 1, distribution: histogram([1]))]) == nil)
    // q = 0 and q = 1 give the smallest and the largest value with weight.
    let parts: [MixtureQuantile.Component] = [
      .init(weight: 0.5, distribution: histogram(stableValues)),
      .init(weight: 0.5, distribution: histogram(canaryValues)),
    ]
    #expect(MixtureQuantile.quantile(0, of: parts) == 1)
    #expect(MixtureQuantile.quantile(1, of: parts) == 110)
  }
}
