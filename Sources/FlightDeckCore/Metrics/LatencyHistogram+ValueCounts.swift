import Histogram

extension LatencyHistogram {
  /// One distinct value of a distribution and how many recorded values it
  /// stands for.
  public struct ValueCount: Sendable, Hashable {
    /// The value in milliseconds (ns resolution).
    public var milliseconds: Double
    /// How many recorded values it stands for (≥ 1).
    public var count: Int

    /// Creates a value with its count.
    public init(milliseconds: Double, count: Int) {
      self.milliseconds = milliseconds
      self.count = count
    }
  }

  /// The whole distribution as distinct values with their counts, ascending
  /// by value; empty when nothing was recorded. The counts sum to ``count``.
  ///
  /// While ``isExact`` the values are the recorded ones (equal values merged).
  /// Once the HdrHistogram has materialised, each non-empty bucket gives one
  /// entry whose value is the bucket's midpoint clamped to the recorded min
  /// and max — the same representative ``quantiles(_:)`` interpolates
  /// between, so a quantile computed from these entries agrees with the
  /// histogram's own within ``relativeError``.
  ///
  /// Used by the what-if projection (``MixtureQuantile``) to take quantiles
  /// of a weighted mixture of two distributions. Costs one pass over the
  /// exact values or the histogram's non-empty buckets; nothing is changed.
  public func valueCounts() -> [ValueCount] {
    guard let histogram else {
      var out: [ValueCount] = []
      for v in exact {
        let ms = Double(v) / 1_000_000
        if let last = out.last, last.milliseconds == ms {
          out[out.count - 1].count += 1
        } else {
          out.append(ValueCount(milliseconds: ms, count: 1))
        }
      }
      return out
    }
    guard histogram.totalCount > 0 else { return [] }
    let lo = histogram.min
    let hi = histogram.max
    var out: [ValueCount] = []
    for step in histogram.recordedValues() {
      let mid = histogram.medianEquivalentForValue(histogram.lowestEquivalentForValue(step.value))
      let ms = Double(Swift.min(Swift.max(mid, lo), hi)) / 1_000_000
      let n = Int(step.count)
      guard n > 0 else { continue }
      if let last = out.last, last.milliseconds == ms {
        out[out.count - 1].count += n
      } else {
        out.append(ValueCount(milliseconds: ms, count: n))
      }
    }
    return out
  }
}
