/// The summary value shown and compared for a continuous metric on each side.
///
/// Percentiles use linear interpolation between order statistics (Hyndman & Fan type 7, NumPy's
/// default `np.percentile(..., method="linear")`): h = (n−1)·q, value = x₍⌊h⌋₎ + (h−⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
public enum MetricStatistic: String, Sendable, Hashable, Codable, CaseIterable {
  /// Median (q = 0.50).
  case p50
  /// 95th percentile.
  case p95
  /// 99th percentile.
  case p99
  /// Arithmetic mean.
  case mean

  /// The statistic of `values` (any order), or nil when empty.
  public func value(of values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    if self == .mean { return values.reduce(0, +) / Double(values.count) }
    let q: Double =
      switch self {
      case .p50: 0.50
      case .p95: 0.95
      case .p99: 0.99
      case .mean: 0.5
      }
    let sorted = values.sorted()
    let h = Double(sorted.count - 1) * q
    let lower = Int(h.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
  }
}
