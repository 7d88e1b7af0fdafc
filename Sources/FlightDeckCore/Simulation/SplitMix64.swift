/// A small, fast, seedable pseudo-random generator: SplitMix64.
///
/// Algorithm by Guy Steele, Doug Lea and Christine Flood ("Fast splittable
/// pseudorandom number generators", OOPSLA 2014), in the form of Sebastiano
/// Vigna's reference `splitmix64.c` (<https://prng.di.unimi.it/splitmix64.c>):
/// a Weyl sequence with increment `0x9E3779B97F4A7C15` passed through the
/// MurmurHash3-style finaliser `mix`. 64 bits of state, period 2^64.
///
/// The simulator uses it so a run is a pure function of its seed: the same
/// seed yields byte-identical telemetry on every platform, unlike
/// `SystemRandomNumberGenerator` or Swift's per-process seeded `hashValue`.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
  /// The generator's whole state: the current Weyl-sequence value.
  public private(set) var state: UInt64

  /// Creates a generator whose first output is `mix(seed &+ 0x9E3779B97F4A7C15)`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 uniformly distributed bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// A uniformly distributed double in [0, 1) with 53 random bits
  /// (the top 53 bits of `next()` times 2^-53, as in Vigna's `xoshiro` notes).
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniformly distributed double in (0, 1]: `1 - nextUnit()`; safe to pass
  /// to `log`.
  public mutating func nextOpenUnit() -> Double {
    1.0 - nextUnit()
  }

  /// The SplitMix64 finaliser (variant 13 of David Stafford's MurmurHash3 mix):
  /// a bijection on 64-bit values with full avalanche.
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
