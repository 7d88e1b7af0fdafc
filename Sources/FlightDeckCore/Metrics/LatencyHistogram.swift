/// A latency distribution in nanosecond resolution: exact while small, a
/// sparse log-bucketed histogram beyond ``exactCapacity`` values, whose size
/// follows the occupied buckets.
///
/// Values are recorded in whole nanoseconds (a `latency_ms` of `12.345`
/// becomes 12 345 000 ns; an OTLP span of 21 341 ns, 0.021341 ms, stays
/// 21 341 ns), the resolution of OTLP's `…UnixNano` timestamps, so a span
/// shorter than a millisecond keeps its precision. The first ``exactCapacity``
/// values are kept as they are, in an array (8 bytes each, at most 1 KiB,
/// appended in arrival order and sorted when read), and their quantiles are
/// exact. The next value *materialises* the
/// histogram: every value is counted in a bucket of HdrHistogram's layout
/// (Gil Tene; ``LatencyBucketLayout``) for ``SignificantDigits`` digits and
/// represented by the bucket's midpoint, within a relative error of at most
/// ``relativeError``: 2 digits → 1/256 (0.39 %), 3 digits → 1/2048
/// (0.049 %). Only occupied buckets are stored (``LatencyBucketCounts``: a
/// window of 4-byte counts over the densest range, a sorted array of 8 bytes
/// per occupied bucket outside it), so a series costs at most 8 bytes per
/// distinct bucket its values fell in (plus spare array capacity), never the
/// ~12 KiB (2 digits) or ~112 KiB (3 digits, 1 ns … 120 s) of a dense
/// HdrHistogram.
///
/// Quantiles follow the linear interpolation between order statistics of
/// Hyndman & Fan's definition 7 (R's default, NumPy's `linear`, DuckDB's
/// `quantile_cont`): on the exact values in the small form, on the bucket
/// midpoints once materialised, so they then agree with an exact computation
/// within ``relativeError`` plus the spread of the two neighbouring order
/// statistics. The buckets and representatives are those of an HdrHistogram
/// of the same digits, so every quantile is the one the dense HdrHistogram
/// this replaces gave.
public struct LatencyHistogram: Sendable {
  /// How many values are kept exactly before the histogram is built: 128.
  ///
  /// 128 values are 1 KiB and cover a 10-second bucket of a series at up to
  /// 12.8 requests/s; a p99 of 128 values still interpolates between two real
  /// order statistics (ranks 126.73 and 127.73 of 128). Inserting into the
  /// array is an append; reading quantiles sorts a copy when the values did
  /// not arrive in order (at most 128 of them).
  public static let exactCapacity = 128

  /// The exact values in ns, in arrival order; emptied on materialisation.
  @usableFromInline var exact: [UInt64] = []
  /// Whether `exact` is in ascending order.
  @usableFromInline var exactSorted = true
  /// Counts per occupied bucket, once materialised.
  @usableFromInline var buckets = LatencyBucketCounts()
  /// Whether the histogram is built (more than ``exactCapacity`` values).
  @usableFromInline var materialised = false
  /// Values counted in `buckets`.
  @usableFromInline var total: UInt64 = 0
  /// Smallest value recorded, ns (valid once materialised).
  @usableFromInline var minValue: UInt64 = .max
  /// Largest value recorded, ns (valid once materialised).
  @usableFromInline var maxValue: UInt64 = 0
  /// The bucket layout of `digits`.
  @usableFromInline let layout: LatencyBucketLayout
  /// Significant decimal digits of the histogram when it materialises.
  public let digits: SignificantDigits

  /// Creates an empty distribution whose histogram, once built, keeps
  /// `digits` significant decimal digits.
  public init(digits: SignificantDigits) {
    self.digits = digits
    self.layout = LatencyBucketLayout(digits: digits)
  }

  /// Number of values recorded.
  public var count: Int {
    materialised ? Int(total) : exact.count
  }

  /// Whether the values are still kept exactly (at most ``exactCapacity``
  /// of them, no histogram built yet).
  public var isExact: Bool { !materialised }

  /// Buckets holding at least one value (0 while ``isExact``).
  public var occupiedBuckets: Int { materialised ? buckets.occupiedBuckets : 0 }

  /// The largest relative error of a recorded value's representation: 0
  /// while ``isExact`` (quantiles are exact up to the ns rounding of each
  /// value), else half a bucket, `1 / 2^m` where `2^m` is the number of
  /// sub-buckets (see ``relativeError(digits:)``).
  public var relativeError: Double {
    isExact ? 0 : LatencyHistogram.relativeError(digits: digits)
  }

  /// The largest relative error of a histogram with `digits` significant
  /// digits (the bound once a distribution has materialised its histogram).
  public static func relativeError(digits: SignificantDigits) -> Double {
    // Unit resolution up to 2 * 10^digits, rounded up to a power of two:
    // 200 → 256 sub-buckets, 2000 → 2048. Above that range a bucket is
    // 1/(subBucketCount/2) of its value wide; the midpoint is off by at most
    // half of that.
    1.0 / Double(LatencyBucketLayout(digits: digits).subBucketCount)
  }

  /// Records one latency in milliseconds, rounded to the nearest
  /// nanosecond. Negative and non-finite values are recorded as 0; values
  /// above about 285 years are clamped.
  @inlinable
  public mutating func record(milliseconds: Double) {
    record(nanoseconds: LatencyHistogram.nanoseconds(milliseconds: milliseconds))
  }

  /// A latency in milliseconds as ``record(milliseconds:)`` keeps it: whole
  /// nanoseconds, 0 for negative and non-finite values, clamped at 9 × 10^18.
  @inlinable @inline(__always)
  static func nanoseconds(milliseconds: Double) -> UInt64 {
    let ns = milliseconds.isFinite && milliseconds > 0 ? (milliseconds * 1_000_000).rounded() : 0
    return ns < 9.0e18 ? UInt64(ns) : 9_000_000_000_000_000_000
  }

  /// A distribution holding `values` (ns, in arrival order) exactly, as
  /// recording them one by one would: at most ``exactCapacity`` of them.
  init(digits: SignificantDigits, exactNanoseconds values: [UInt64]) {
    precondition(values.count <= LatencyHistogram.exactCapacity, "more values than are kept exactly")
    self.init(digits: digits)
    exact = values
    exactSorted = zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }
  }

  @inlinable
  mutating func record(nanoseconds v: UInt64) {
    if materialised {
      tally(v)
    } else if exact.count < LatencyHistogram.exactCapacity {
      insertExact(v)
    } else {
      materialise()
      tally(v)
    }
  }

  /// Counts `v` in its bucket (materialised form).
  @inlinable @inline(__always)
  mutating func tally(_ v: UInt64) {
    buckets.increment(index: layout.index(of: v))
    total &+= 1
    if v < minValue { minValue = v }
    if v > maxValue { maxValue = v }
  }

  /// Appends `v` to the exact values, noting whether they stay in order.
  @usableFromInline
  mutating func insertExact(_ v: UInt64) {
    if let last = exact.last, last > v { exactSorted = false }
    exact.append(v)
  }

  /// The exact values in ascending order.
  var sortedExact: [UInt64] { exactSorted ? exact : exact.sorted() }

  /// Builds the histogram from the exact values and frees them.
  @usableFromInline
  mutating func materialise() {
    guard !materialised else { return }
    materialised = true
    for v in exact { tally(v) }
    exact = []
    exactSorted = true
  }

  /// Records `values` (ns) at once: the same counts, minimum and maximum,
  /// and so the same quantiles, as recording each with
  /// ``record(nanoseconds:)``. Once the histogram is built, the values'
  /// buckets are sorted and merged with the occupied ones in one pass
  /// (``LatencyBucketCounts/add(sortedEntries:)``) instead of a binary search
  /// and an array insertion per new bucket, whose moves of the sparse buckets
  /// were a third of a replay's time at 1,000 series.
  mutating func record(nanosecondsOf values: [UInt64]) {
    if !materialised && exact.count + values.count <= LatencyHistogram.exactCapacity {
      for v in values { insertExact(v) }
      return
    }
    materialise()
    var indices = values.map { layout.index(of: $0) }
    indices.sort()
    var entries: [UInt64] = []
    entries.reserveCapacity(indices.count)
    var k = 0
    while k < indices.count {
      let index = indices[k]
      var count: UInt64 = 0
      while k < indices.count && indices[k] == index {
        count += 1
        k += 1
      }
      entries.append(UInt64(index) << LatencyBucketCounts.countBits | count)
    }
    total &+= buckets.add(sortedEntries: entries)
    for v in values {
      if v < minValue { minValue = v }
      if v > maxValue { maxValue = v }
    }
  }

  /// Adds every value of `other` into this distribution. The result is exact
  /// while the two together hold at most ``exactCapacity`` values; otherwise
  /// it is a histogram with this distribution's digits.
  public mutating func add(_ other: LatencyHistogram) {
    if other.materialised && other.digits == digits {
      materialise()
      total &+= buckets.add(other.buckets)
      minValue = Swift.min(minValue, other.minValue)
      maxValue = Swift.max(maxValue, other.maxValue)
    } else if other.materialised {
      // Another layout: each of other's buckets by its representative.
      materialise()
      other.buckets.forEachBucket { i, c in
        let v = other.representative(i)
        let counted = buckets.add(index: layout.index(of: v), count: c)
        total &+= counted
        if v < minValue { minValue = v }
        if v > maxValue { maxValue = v }
        return true
      }
    } else if materialised || exact.count + other.exact.count > LatencyHistogram.exactCapacity {
      materialise()
      for v in other.exact { tally(v) }
    } else {
      for v in other.exact { insertExact(v) }
    }
  }

  /// The value standing for bucket `index`, ns: its midpoint, clamped to
  /// the recorded minimum and to the top of the recorded maximum's bucket
  /// (HdrHistogram's `min` and `max`).
  @usableFromInline
  func representative(_ index: Int) -> UInt64 {
    let mid = layout.median(ofIndex: index)
    return Swift.min(Swift.max(mid, minValue), layout.highestEquivalent(maxValue))
  }

  /// The `q` quantile (0…1) in milliseconds, or `nil` when empty.
  ///
  /// Definition 7 of Hyndman & Fan (1996): with `n` values sorted
  /// x₁ ≤ … ≤ xₙ and `h = (n − 1)·q + 1`, the result is
  /// `x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋)`. While ``isExact`` each xᵢ is the
  /// recorded value; once materialised it is the midpoint of the bucket
  /// holding the i-th value, clamped to the recorded minimum (and to the top
  /// of the recorded maximum's bucket, which no midpoint exceeds).
  public func quantile(_ q: Double) -> Double? {
    quantiles([q])[0]
  }

  /// Several quantiles (each 0…1) in milliseconds, in one pass over the
  /// occupied buckets; `nil` entries when empty. Same definition as
  /// ``quantile(_:)``.
  public func quantiles(_ qs: [Double]) -> [Double?] {
    guard materialised else { return exactQuantiles(qs) }
    let n = total
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
    buckets.forEachBucket { index, c in
      cumulative += c
      while next < wanted.count && wanted[next] <= cumulative {
        valueAtRank[wanted[next]] = Double(representative(index))
        next += 1
      }
      return next < wanted.count
    }
    return qs.indices.map { i in
      guard let lo = valueAtRank[lowRanks[i]], let hi = valueAtRank[highRanks[i]] else { return nil }
      return (lo + fracs[i] * (hi - lo)) / 1_000_000
    }
  }

  /// Definition 7 on the sorted exact values.
  private func exactQuantiles(_ qs: [Double]) -> [Double?] {
    let exact = sortedExact
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

  /// Approximate heap bytes held: the exact values' array capacity, or the
  /// occupied buckets' storage (see ``LatencyBucketCounts``).
  public var footprintBytes: Int {
    exact.capacity * MemoryLayout<UInt64>.stride + buckets.footprintBytes
  }
}
