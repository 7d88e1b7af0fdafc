/// A KPI that is a distribution of durations (ms): how many samples, their
/// mean, median and 90th percentile. Percentiles use the nearest-rank
/// method (Hyndman & Fan type 1): the p-th percentile of n sorted samples
/// is the one at 1-based rank ⌈p·n⌉, so the median of 4 samples is the 2nd,
/// and p90 of 10 samples the 9th. Every figure is `nil` ("n/a") without samples.
public struct KPIDurations: Sendable, Hashable, Codable {
  /// The samples in ms, sorted ascending.
  public var samples: [Int64]

  /// Creates the distribution of `samples` (any order).
  public init(_ samples: [Int64]) { self.samples = samples.sorted() }

  /// Number of samples.
  public var count: Int { samples.count }

  /// The nearest-rank `p`-th percentile (`p` in (0, 1]); `nil` without samples.
  public func percentile(_ p: Double) -> Int64? {
    guard !samples.isEmpty else { return nil }
    let rank = Int((p * Double(samples.count)).rounded(.up))
    return samples[min(max(rank, 1), samples.count) - 1]
  }

  /// The median (nearest-rank p50), ms.
  public var median: Int64? { percentile(0.5) }
  /// The 90th percentile (nearest-rank), ms.
  public var p90: Int64? { percentile(0.9) }
  /// The arithmetic mean, ms (rounded to nearest).
  public var mean: Int64? {
    guard !samples.isEmpty else { return nil }
    return Int64((Double(samples.reduce(0, +)) / Double(samples.count)).rounded())
  }
}
