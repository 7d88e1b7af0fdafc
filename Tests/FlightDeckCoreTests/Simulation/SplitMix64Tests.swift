import Testing

@testable import FlightDeckCore

@Suite("SplitMix64 and StableHash")
struct SplitMix64Tests {
  @Test("SplitMix64 reproduces the reference outputs of splitmix64.c")
  func referenceVectors() {
    // Seed 1234567: the first five outputs of Vigna's splitmix64.c, as
    // published with the reference code and re-computed independently in
    // Python (z = s += 0x9E3779B97F4A7C15; z ^= z>>30 * 0xBF58…; …).
    var generator = SplitMix64(seed: 1_234_567)
    let expected: [UInt64] = [
      6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
      4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
    ]
    #expect((0..<5).map { _ in generator.next() } == expected)
  }

  @Test("unit doubles stay in [0, 1) and open-unit doubles in (0, 1]")
  func unitRanges() {
    var generator = SplitMix64(seed: 7)
    var sum = 0.0
    for _ in 0..<10_000 {
      let u = generator.nextUnit()
      #expect(u >= 0 && u < 1)
      sum += u
      let v = generator.nextOpenUnit()
      #expect(v > 0 && v <= 1)
    }
    // Mean of 10 000 uniforms: 0.5 ± sqrt(1/12/10000) = ±0.0029; 5 sigma = 0.0144.
    #expect(abs(sum / 10_000 - 0.5) < 0.0144)
  }

  @Test("FNV-1a 64 matches the published test vectors")
  func fnvVectors() {
    // Vectors from the FNV reference test suite (isthe.com/chongo/src/fnv/test_fnv.c).
    #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
    #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(StableHash.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
  }

  @Test("routing buckets of sequential keys are spread evenly over [0, 100)")
  func bucketsSpread() {
    // 20 000 keys "user-0" … "user-19999" differing only in their last bytes;
    // 10 deciles expect 2000 each, binomial sd sqrt(20000·0.1·0.9) = 42.4;
    // allow ±250 (≈ 5.9 sd).
    var deciles = Array(repeating: 0, count: 10)
    for index in 0..<20_000 {
      let bucket = StableHash.bucket(forKey: "user-\(index)")
      #expect(bucket >= 0 && bucket < 100)
      deciles[min(Int(bucket / 10), 9)] += 1
    }
    for count in deciles { #expect(abs(count - 2000) <= 250, "decile count \(count)") }
    // Stability: the same key always gives the same bucket (no per-process seed).
    #expect(StableHash.bucket(forKey: "sess-abc") == StableHash.bucket(forKey: "sess-abc"))
  }
}
