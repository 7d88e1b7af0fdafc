import Histogram

/// A latency distribution in microsecond resolution, backed by HdrHistogram.
///
/// Values are recorded in whole microseconds (a `latency_ms` of `12.345`
/// becomes 12 345 µs) into an auto-resizing `Histogram<UInt32>` from
/// hdrhistogram-swift (Gil Tene's HdrHistogram layout). With `digits`
/// significant decimal digits, every recorded value is kept within a
/// relative error of at most ``relativeError``: 2 digits → 1/256 (0.39 %),
/// 3 digits → 1/2048 (0.049 %), since each value is represented by the
/// midpoint of its bucket.
///
/// Quantiles follow the linear interpolation between order statistics of
/// Hyndman & Fan's definition 7 (R's default, NumPy's `linear`, DuckDB's
/// `quantile_cont`), applied to the bucket midpoints, so they agree with an
/// exact computation within ``relativeError`` plus the spread of the two
/// neighbouring order statistics.
public struct LatencyHistogram: Sendable {
  @usableFromInline var histogram: Histogram<UInt32>

  /// Creates an empty histogram keeping `digits` significant decimal digits.
  public init(digits: SignificantDigits) {
    histogram = Histogram<UInt32>(numberOfSignificantValueDigits: digits)
  }

  /// Creates an empty histogram whose counts already cover 1 µs …
  /// `presizedMicroseconds` (it still grows above that).
  ///
  /// hdrhistogram-swift grows an auto-resizing histogram one step at a time
  /// through generic, unspecialised code; sizing it once up front keeps that
  /// off the hot path of the batch aggregator. The bucket layout, and so every
  /// quantile, is the same as for ``init(digits:)``.
  public init(digits: SignificantDigits, presizedMicroseconds: UInt64) {
    histogram = Histogram<UInt32>(
      lowestDiscernibleValue: 1, highestTrackableValue: max(2, presizedMicroseconds),
      numberOfSignificantValueDigits: digits)
    histogram.autoResize = true
  }

  /// Number of values recorded.
  public var count: Int { Int(histogram.totalCount) }

  /// The largest relative error of a recorded value's representation:
  /// half a sub-bucket, `1 / 2^(m+1)` where `2^m` is the sub-bucket half count.
  public var relativeError: Double {
    LatencyHistogram.relativeError(digits: histogram.numberOfSignificantValueDigits)
  }

  /// The largest relative error of a histogram with `digits` significant digits.
  public static func relativeError(digits: SignificantDigits) -> Double {
    // HdrHistogram keeps unit resolution up to 2 * 10^digits, rounded up to a
    // power of two: 200 → 256 sub-buckets, 2000 → 2048. Above that range a
    // bucket is 1/(subBucketCount/2) of its value wide; the midpoint is off by
    // at most half of that.
    let single = 2 * pow10(Int(digits.rawValue))
    var count = 1
    while Double(count) < single { count *= 2 }
    return 1.0 / Double(count)
  }

  private static func pow10(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<n { r *= 10 }
    return r
  }

  /// Records one latency in milliseconds. Negative and non-finite values are
  /// recorded as 0; values above about 292 years are clamped.
  @inlinable
  public mutating func record(milliseconds: Double) {
    let us = milliseconds.isFinite && milliseconds > 0 ? (milliseconds * 1000).rounded() : 0
    let v = us < 9.0e15 ? UInt64(us) : 9_000_000_000_000_000
    histogram.record(v)
  }

  /// Adds every value of `other` into this histogram.
  public mutating func add(_ other: LatencyHistogram) {
    histogram.add(other.histogram)
  }

  /// The `q` quantile (0…1) in milliseconds, or `nil` when empty.
  ///
  /// Definition 7 of Hyndman & Fan (1996): with `n` values sorted
  /// x₁ ≤ … ≤ xₙ and `h = (n − 1)·q + 1`, the result is
  /// `x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋)`, where each xᵢ is the midpoint of
  /// the bucket holding the i-th value, clamped to the recorded min and max.
  public func quantile(_ q: Double) -> Double? {
    quantiles([q])[0]
  }

  /// Several quantiles (each 0…1) in milliseconds, in one pass over the
  /// histogram; `nil` entries when empty. Same definition as ``quantile(_:)``.
  public func quantiles(_ qs: [Double]) -> [Double?] {
    let n = histogram.totalCount
    guard n > 0, !qs.isEmpty else { return qs.map { _ in nil } }
    // Each quantile needs the values at two ranks (1-based).
    var lowRanks: [UInt64] = []
    var highRanks: [UInt64] = []
    var fracs: [Double] = []
    for q in qs {
      let h = Double(n - 1) * min(max(q, 0), 1) + 1
      let low = UInt64(h.rounded(.down))
      lowRanks.append(low)
      highRanks.append(min(low + 1, n))
      fracs.append(h - Double(low))
    }
    let wanted = Array(Set(lowRanks + highRanks)).sorted()
    var valueAtRank: [UInt64: Double] = [:]
    var next = 0
    var cumulative: UInt64 = 0
    let minValue = histogram.min
    let maxValue = histogram.max
    for step in histogram.recordedValues() {
      cumulative += UInt64(step.count)
      while next < wanted.count && wanted[next] <= cumulative {
        valueAtRank[wanted[next]] = representative(step.value, min: minValue, max: maxValue)
        next += 1
      }
      if next == wanted.count { break }
    }
    return qs.indices.map { i in
      guard let lo = valueAtRank[lowRanks[i]], let hi = valueAtRank[highRanks[i]] else { return nil }
      return (lo + fracs[i] * (hi - lo)) / 1000
    }
  }

  private func representative(_ value: UInt64, min lo: UInt64, max hi: UInt64) -> Double {
    let mid = histogram.medianEquivalentForValue(histogram.lowestEquivalentForValue(value))
    return Double(Swift.min(Swift.max(mid, lo), hi))
  }

  /// Approximate heap bytes held by the counts array.
  public var footprintBytes: Int { histogram.estimatedFootprintInBytes }
}
