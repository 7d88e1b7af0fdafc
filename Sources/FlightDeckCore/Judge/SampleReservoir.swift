/// A bounded uniform sample of a stream of per-request values (latency ms, TTFT ms, cost USD,
/// score): Vitter's Algorithm R (J. S. Vitter, "Random Sampling with a Reservoir", ACM TOMS 11(1),
/// 1985). The first `capacity` values are kept; the t-th value after that (t > capacity) replaces a
/// uniformly chosen slot with probability capacity/t, so at any time every value seen so far is
/// in the reservoir with equal probability. Randomness comes from an injected, seeded
/// `SplitMix64`, so a run is reproducible; memory is O(capacity).
public struct SampleReservoir: Sendable, Hashable, Codable {
  /// Maximum number of values kept (≥ 1).
  public let capacity: Int
  /// The kept values, in no particular order; count = min(seen, capacity).
  public private(set) var values: [Double]
  /// Number of finite values offered so far.
  public private(set) var seen: Int
  /// Number of non-finite values (NaN, ±∞) refused; they would break rank tests.
  public private(set) var rejected: Int

  /// Creates an empty reservoir holding at most `capacity` values (values below 1 become 1).
  public init(capacity: Int) {
    self.capacity = max(1, capacity)
    values = []
    values.reserveCapacity(min(self.capacity, 4_096))
    seen = 0
    rejected = 0
  }

  /// Offers one value; non-finite values are counted in `rejected` and not kept.
  public mutating func add(_ value: Double, using generator: inout SplitMix64) {
    guard value.isFinite else {
      rejected += 1
      return
    }
    seen += 1
    if values.count < capacity {
      values.append(value)
      return
    }
    // j uniform in [0, seen): keep the value iff j < capacity, in slot j.
    let j = Int(generator.next(upperBound: UInt64(seen)))
    if j < capacity { values[j] = value }
  }
}
