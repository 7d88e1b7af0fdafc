import Testing

@testable import FlightDeckCore

@Suite struct SampleReservoirTests {
  /// Below capacity every value is kept in arrival order; non-finite values are refused.
  @Test func keepsEverythingBelowCapacity() {
    var generator = SplitMix64(seed: 1)
    var reservoir = SampleReservoir(capacity: 4)
    for value in [1.0, 2, .nan, 3, .infinity] { reservoir.add(value, using: &generator) }
    #expect(reservoir.values == [1, 2, 3])
    #expect(reservoir.seen == 3)
    #expect(reservoir.rejected == 2)
  }

  /// Bounded: 10 000 values into capacity 100 keep exactly 100 values, all from the stream.
  /// The same seed gives the same reservoir.
  @Test func isBoundedAndReproducible() {
    func fill(seed: UInt64) -> SampleReservoir {
      var generator = SplitMix64(seed: seed)
      var reservoir = SampleReservoir(capacity: 100)
      for index in 0..<10_000 { reservoir.add(Double(index), using: &generator) }
      return reservoir
    }
    let first = fill(seed: 42)
    #expect(first.values.count == 100)
    #expect(first.seen == 10_000)
    #expect(first.values.allSatisfy { $0 >= 0 && $0 < 10_000 && $0 == $0.rounded() })
    #expect(Set(first.values).count == 100)
    #expect(fill(seed: 42) == first)
  }

  /// Uniformity (Vitter's theorem: each of N items is kept with probability k/N): 10 items into
  /// capacity 5 over 4 000 seeded runs; each item's inclusion count is Binomial(4000, 0.5):
  /// mean 2000, sd √(4000·0.25) = 31.6; every count must lie within 2000 ± 5 sd = [1842, 2158].
  @Test func keepsEachValueWithEqualProbability() {
    var counts = [Int](repeating: 0, count: 10)
    var generator = SplitMix64(seed: 7)
    for _ in 0..<4_000 {
      var reservoir = SampleReservoir(capacity: 5)
      for index in 0..<10 { reservoir.add(Double(index), using: &generator) }
      for value in reservoir.values { counts[Int(value)] += 1 }
    }
    #expect(counts.reduce(0, +) == 20_000)
    for count in counts { #expect((1842...2158).contains(count), "count \(count)") }
  }
}
