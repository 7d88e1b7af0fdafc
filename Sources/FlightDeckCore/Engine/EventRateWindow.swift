/// Counts events per whole second over the last few seconds, for the
/// header's "events/s" figure.
///
/// A ring of per-second counters indexed by `floor(ms / 1000)`; the rate is
/// the sum of the last `seconds` complete seconds divided by `seconds`.
public struct EventRateWindow: Sendable {
  private var counts: [Int]
  private var seconds: [Int64]
  /// Window length in seconds.
  public let length: Int

  /// Creates a window of `seconds` seconds (at least 1).
  public init(seconds: Int) {
    length = max(1, seconds)
    counts = Array(repeating: 0, count: length + 1)
    self.seconds = Array(repeating: Int64.min, count: length + 1)
  }

  /// Adds `n` events at time `t`.
  public mutating func add(at t: Timestamp, count n: Int = 1) {
    let s = floorDiv(t.millisecondsSinceEpoch, 1000)
    let slot = Int(((s % Int64(counts.count)) + Int64(counts.count)) % Int64(counts.count))
    if seconds[slot] != s {
      seconds[slot] = s
      counts[slot] = 0
    }
    counts[slot] += n
  }

  /// Events per second over the `length` complete seconds before `t`.
  public func rate(at t: Timestamp) -> Double {
    let current = floorDiv(t.millisecondsSinceEpoch, 1000)
    var total = 0
    for (i, s) in seconds.enumerated() where s < current && s >= current - Int64(length) {
      total += counts[i]
    }
    return Double(total) / Double(length)
  }
}
