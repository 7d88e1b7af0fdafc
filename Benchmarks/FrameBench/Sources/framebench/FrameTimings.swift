/// A summary of per-frame times, in milliseconds.
///
/// Percentiles are nearest-rank: the p-th percentile of n sorted values is
/// the value at rank ⌈p·n⌉ (1-based), so it is always a measured time, never
/// an interpolation (p50 of 1 000 frames is the 500th smallest, p99 the
/// 990th).
struct FrameTimings {
  /// Arithmetic mean, ms.
  var mean: Double
  /// Median (nearest rank), ms.
  var p50: Double
  /// 99th percentile (nearest rank), ms.
  var p99: Double
  /// Largest value, ms.
  var max: Double

  /// Summarises `milliseconds`, which must not be empty.
  init(_ milliseconds: [Double]) {
    precondition(!milliseconds.isEmpty, "no frames timed")
    let sorted = milliseconds.sorted()
    mean = sorted.reduce(0, +) / Double(sorted.count)
    p50 = Self.nearestRank(0.50, sorted)
    p99 = Self.nearestRank(0.99, sorted)
    max = sorted[sorted.count - 1]
  }

  /// The value of rank ⌈p·n⌉ in `sorted` (ascending, not empty).
  static func nearestRank(_ p: Double, _ sorted: [Double]) -> Double {
    let rank = Int((p * Double(sorted.count)).rounded(.up))
    return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
  }
}
