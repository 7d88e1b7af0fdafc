/// The implicit sorted multiset of differences cⱼ − bᵢ; see `HodgesLehmannEstimate`.
struct PairwiseDifferences {
  let baseline: [Double]
  let canary: [Double]

  init(baseline: [Double], canary: [Double]) {
    self.baseline = baseline.sorted()
    self.canary = canary.sorted()
  }

  /// Number of pairs with cⱼ − bᵢ ≤ t. As j grows cⱼ grows, so the first i with cⱼ − bᵢ ≤ t only
  /// moves right: one sweep.
  func countAtMost(_ t: Double) -> Int {
    var i = 0
    var total = 0
    for c in canary {
      while i < baseline.count && c - baseline[i] > t { i += 1 }
      total += baseline.count - i
    }
    return total
  }

  /// The k-th smallest difference (1-based), exactly: the smallest double t with
  /// countAtMost(t) ≥ k, found by bisection over order-preserving 64-bit keys.
  func orderStatistic(_ k: Int) -> Double {
    guard let bMin = baseline.first, let bMax = baseline.last, let cMin = canary.first,
      let cMax = canary.last
    else { return .nan }
    var low = Self.key(cMin - bMax)
    var high = Self.key(cMax - bMin)
    while low < high {
      let middle = low + (high - low) / 2
      if countAtMost(Self.value(middle)) >= k { high = middle } else { low = middle + 1 }
    }
    return Self.value(low)
  }

  /// Maps a double to a UInt64 whose unsigned order matches the double's order (−0 < +0).
  static func key(_ value: Double) -> UInt64 {
    let bits = value.bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
  }

  /// Inverse of `key`.
  static func value(_ key: UInt64) -> Double {
    let bits = key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key
    return Double(bitPattern: bits)
  }
}
