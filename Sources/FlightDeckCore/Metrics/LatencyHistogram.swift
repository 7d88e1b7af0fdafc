import Histogram

/// A latency distribution in nanosecond resolution: exact while small,
/// an HdrHistogram beyond ``exactCapacity`` values.
///
/// Values are recorded in whole nanoseconds (a `latency_ms` of `12.345`
/// becomes 12 345 000 ns; an OTLP span of 21 341 ns, 0.021341 ms, stays
/// 21 341 ns), the resolution of OTLP's `…UnixNano` timestamps, so a span
/// shorter than a millisecond keeps its precision. The first ``exactCapacity`` values are kept as they
/// are, in a sorted array (8 bytes each, at most 1 KiB), and their quantiles
/// are exact. The next value *materialises* an auto-resizing
/// `Histogram<UInt32>` from hdrhistogram-swift (Gil Tene's HdrHistogram
/// layout) holding every value; from then on each value is kept within a
/// relative error of at most ``relativeError``: 2 significant digits → 1/256
/// (0.39 %), 3 digits → 1/2048 (0.049 %), since each value is represented by
/// the midpoint of its bucket. A 2-digit histogram of latencies up to a minute
/// costs about 12–17 KiB, so a
/// high-cardinality file (many series or buckets with a handful of requests
/// each) costs a few hundred bytes per bucket instead, and its small groups
/// are exact.
///
/// Quantiles follow the linear interpolation between order statistics of
/// Hyndman & Fan's definition 7 (R's default, NumPy's `linear`, DuckDB's
/// `quantile_cont`): on the exact values in the small form, on the bucket
/// midpoints once materialised, so they then agree with an exact computation
/// within ``relativeError`` plus the spread of the two neighbouring order
/// statistics.
public struct LatencyHistogram: Sendable {
  /// How many values are kept exactly before the HdrHistogram is built: 128.
  ///
  /// 128 values are 1 KiB, a twelfth of an empty 2-digit histogram's ~12 KiB,
  /// and cover a 10-second bucket of a series at up to 12.8 requests/s; a
  /// p99 of 128 values still interpolates between two real order statistics
  /// (ranks 126.73 and 127.73 of 128). Inserting into the sorted array costs
  /// at most 128 moves, comparable to one HdrHistogram record's bookkeeping.
  public static let exactCapacity = 128

  /// The exact values in ns, sorted ascending; emptied on materialisation.
  @usableFromInline var exact: [UInt64] = []
  /// The histogram, once more than ``exactCapacity`` values were recorded.
  @usableFromInline var histogram: Histogram<UInt32>?
  /// `histogram != nil`, kept apart: testing the optional itself copies the
  /// histogram (a retain and release of its counts) on every record.
  @usableFromInline var materialised = false
  /// Significant decimal digits of the histogram when it materialises.
  @usableFromInline let digits: SignificantDigits
  /// Upper end of the range the histogram is pre-sized to on
  /// materialisation, ns; 0 for none.
  @usableFromInline let presizedNanoseconds: UInt64

  /// Creates an empty distribution whose histogram, once built, keeps
  /// `digits` significant decimal digits.
  public init(digits: SignificantDigits) {
    self.digits = digits
    self.presizedNanoseconds = 0
  }

  /// Creates an empty distribution whose histogram, once built, already
  /// covers 1 ns … `presizedMicroseconds` µs (it still grows above that).
  ///
  /// hdrhistogram-swift grows an auto-resizing histogram one step at a time
  /// through generic, unspecialised code; sizing it once when it is built
  /// keeps that off the hot path of the batch aggregator. The bucket layout,
  /// and so every quantile, is the same as for ``init(digits:)``. Nothing is
  /// allocated until the histogram materialises, so a series with at most
  /// ``exactCapacity`` values never pays for the range.
  public init(digits: SignificantDigits, presizedMicroseconds: UInt64) {
    self.digits = digits
    self.presizedNanoseconds = max(2, min(presizedMicroseconds, UInt64.max / 2_000) * 1_000)
  }

  /// Number of values recorded.
  public var count: Int {
    if let histogram { return Int(histogram.totalCount) }
    return exact.count
  }

  /// Whether the values are still kept exactly (at most ``exactCapacity``
  /// of them, no histogram built yet).
  public var isExact: Bool { !materialised }

  /// The largest relative error of a recorded value's representation: 0
  /// while ``isExact`` (quantiles are exact up to the ns rounding of each
  /// value), else half a sub-bucket of the histogram, `1 / 2^(m+1)` where
  /// `2^m` is the sub-bucket half count (see ``relativeError(digits:)``).
  public var relativeError: Double {
    isExact ? 0 : LatencyHistogram.relativeError(digits: digits)
  }

  /// The largest relative error of a histogram with `digits` significant
  /// digits (the bound once a distribution has materialised its histogram).
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

  /// Records one latency in milliseconds, rounded to the nearest
  /// nanosecond. Negative and non-finite values are recorded as 0; values
  /// above about 285 years are clamped.
  @inlinable
  public mutating func record(milliseconds: Double) {
    let ns = milliseconds.isFinite && milliseconds > 0 ? (milliseconds * 1_000_000).rounded() : 0
    record(nanoseconds: ns < 9.0e18 ? UInt64(ns) : 9_000_000_000_000_000_000)
  }

  @inlinable
  mutating func record(nanoseconds v: UInt64) {
    if materialised {
      histogram?.record(v)
    } else if exact.count < LatencyHistogram.exactCapacity {
      insertExact(v)
    } else {
      materialise()
      histogram?.record(v)
    }
  }

  /// Inserts `v` into the sorted exact values (after equal ones).
  @usableFromInline
  mutating func insertExact(_ v: UInt64) {
    if let last = exact.last, last > v {
      var lo = 0
      var hi = exact.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if exact[mid] <= v { lo = mid + 1 } else { hi = mid }
      }
      exact.insert(v, at: lo)
    } else {
      exact.append(v)
    }
  }

  /// Builds the histogram from the exact values and frees them.
  @usableFromInline
  mutating func materialise() {
    guard !materialised else { return }
    var h: Histogram<UInt32>
    if presizedNanoseconds > 0 {
      h = Histogram<UInt32>(
        lowestDiscernibleValue: 1, highestTrackableValue: presizedNanoseconds,
        numberOfSignificantValueDigits: digits)
      h.autoResize = true
    } else {
      h = Histogram<UInt32>(numberOfSignificantValueDigits: digits)
    }
    for v in exact { h.record(v) }
    exact = []
    histogram = h
    materialised = true
  }

  /// Adds every value of `other` into this distribution. The result is exact
  /// while the two together hold at most ``exactCapacity`` values; otherwise
  /// it is a histogram with this distribution's digits and pre-sizing.
  public mutating func add(_ other: LatencyHistogram) {
    if let o = other.histogram {
      materialise()
      histogram?.add(o)
    } else if materialised || exact.count + other.exact.count > LatencyHistogram.exactCapacity {
      materialise()
      for v in other.exact { histogram?.record(v) }
    } else {
      for v in other.exact { insertExact(v) }
    }
  }

  /// The `q` quantile (0…1) in milliseconds, or `nil` when empty.
  ///
  /// Definition 7 of Hyndman & Fan (1996): with `n` values sorted
  /// x₁ ≤ … ≤ xₙ and `h = (n − 1)·q + 1`, the result is
  /// `x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋)`. While ``isExact`` each xᵢ is the
  /// recorded value; once materialised it is the midpoint of the bucket
  /// holding the i-th value, clamped to the recorded min and max.
  public func quantile(_ q: Double) -> Double? {
    quantiles([q])[0]
  }

  /// Several quantiles (each 0…1) in milliseconds, in one pass over the
  /// histogram; `nil` entries when empty. Same definition as ``quantile(_:)``.
  public func quantiles(_ qs: [Double]) -> [Double?] {
    guard let histogram else { return exactQuantiles(qs) }
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
        valueAtRank[wanted[next]] = representative(histogram, step.value, min: minValue, max: maxValue)
        next += 1
      }
      if next == wanted.count { break }
    }
    return qs.indices.map { i in
      guard let lo = valueAtRank[lowRanks[i]], let hi = valueAtRank[highRanks[i]] else { return nil }
      return (lo + fracs[i] * (hi - lo)) / 1_000_000
    }
  }

  /// Definition 7 on the sorted exact values.
  private func exactQuantiles(_ qs: [Double]) -> [Double?] {
    let n = exact.count
    guard n > 0 else { return qs.map { _ in nil } }
    return qs.map { q in
      let h = Double(n - 1) * min(max(q, 0), 1)
      let low = min(Int(h.rounded(.down)), n - 1)
      let high = min(low + 1, n - 1)
      let lo = Double(exact[low])
      let hi = Double(exact[high])
      return (lo + (h - Double(low)) * (hi - lo)) / 1_000_000
    }
  }

  private func representative(_ h: Histogram<UInt32>, _ value: UInt64, min lo: UInt64, max hi: UInt64)
    -> Double
  {
    let mid = h.medianEquivalentForValue(h.lowestEquivalentForValue(value))
    return Double(Swift.min(Swift.max(mid, lo), hi))
  }

  /// Approximate heap bytes held: the exact values' array capacity, or the
  /// histogram's counts.
  public var footprintBytes: Int {
    if let histogram { return histogram.estimatedFootprintInBytes }
    return exact.capacity * MemoryLayout<UInt64>.stride
  }
}
