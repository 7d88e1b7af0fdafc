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
  /// Once the histogram has materialised, each occupied bucket gives one
  /// entry whose value is the bucket's midpoint clamped to the recorded
  /// minimum (and the top of the maximum's bucket) — the same representative
  /// ``quantiles(_:)`` interpolates between, so a quantile computed from
  /// these entries agrees with the histogram's own within ``relativeError``.
  ///
  /// Used by the what-if projection (``MixtureQuantile``) to take quantiles
  /// of a weighted mixture of two distributions. Costs one pass over the
  /// exact values or the occupied buckets; nothing is changed.
  public func valueCounts() -> [ValueCount] {
    guard materialised else {
      var out: [ValueCount] = []
      for v in sortedExact {
        let ms = Double(v) / 1_000_000
        if let last = out.last, last.milliseconds == ms {
          out[out.count - 1].count += 1
        } else {
          out.append(ValueCount(milliseconds: ms, count: 1))
        }
      }
      return out
    }
    var out: [ValueCount] = []
    buckets.forEachBucket { index, c in
      let ms = Double(representative(index)) / 1_000_000
      let n = Int(c)
      if let last = out.last, last.milliseconds == ms {
        out[out.count - 1].count += n
      } else {
        out.append(ValueCount(milliseconds: ms, count: n))
      }
      return true
    }
    return out
  }
}
