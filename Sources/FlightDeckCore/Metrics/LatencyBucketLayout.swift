/// HdrHistogram's bucket layout for non-negative integers (lowest
/// discernible value 1), as pure index arithmetic: which bucket a value
/// falls in, and which values a bucket stands for.
///
/// With `2^m` sub-buckets, the smallest power of two ≥ 2·10^digits
/// (``SignificantDigits``): values below `2^m` have a bucket each (exact);
/// above, each power of two [2^k, 2^(k+1)) is cut into `2^(m−1)` buckets of
/// width `2^(k−m+1)`, so a bucket is at most `1/2^(m−1)` of its values wide
/// and its midpoint within `1/2^m` of any value in it. Bucket indices are
/// dense and increase with the value, as in HdrHistogram's counts array
/// (Gil Tene, HdrHistogram, `countsArrayIndex`), so a sketch keyed by these
/// indices has the same buckets, and the same representatives, as an
/// HdrHistogram of the same digits; only the storage differs.
///
/// The largest index is below 2^24 for every ``SignificantDigits`` and any
/// `UInt64` value (five digits: 48 · 2^17).
@usableFromInline
struct LatencyBucketLayout: Sendable, Hashable {
  /// log2 of the number of sub-buckets per power of two, halved: m − 1.
  @usableFromInline let halfMagnitude: Int
  /// `2^m − 1`: values up to it have a bucket each.
  @usableFromInline let subBucketMask: UInt64
  /// `64 − m`: turns a leading-zero count into a power-of-two bucket number.
  @usableFromInline let leadingZeroCountBase: Int

  /// The layout for `digits` significant digits.
  @usableFromInline
  init(digits: SignificantDigits) {
    let single = 2 * LatencyBucketLayout.pow10(Int(digits.rawValue))
    var magnitude = 0
    while (1 << magnitude) < single { magnitude += 1 }
    halfMagnitude = max(magnitude, 1) - 1
    subBucketMask = (UInt64(1) << UInt64(magnitude)) - 1
    leadingZeroCountBase = 64 - magnitude
  }

  private static func pow10(_ n: Int) -> Int {
    var r = 1
    for _ in 0..<n { r *= 10 }
    return r
  }

  /// The number of sub-buckets per power of two, `2^m`; the relative error
  /// of a bucket's midpoint is at most its inverse.
  var subBucketCount: Int { Int(subBucketMask) + 1 }

  /// The bucket index of `value` (0 … < 2^24).
  @inlinable @inline(__always)
  func index(of value: UInt64) -> Int {
    let bucket = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
    let subBucket = Int(truncatingIfNeeded: value >> UInt64(bucket))
    return ((bucket + 1) << halfMagnitude) + subBucket - (1 << halfMagnitude)
  }

  /// The smallest value of bucket `index`, and the bucket's width (values
  /// `lowest ..< lowest + width` fall in it).
  @inlinable
  func range(ofIndex index: Int) -> (lowest: UInt64, width: UInt64) {
    let half = 1 << halfMagnitude
    var bucket = (index >> halfMagnitude) - 1
    var subBucket = (index & (half - 1)) + half
    if bucket < 0 {
      subBucket -= half
      bucket = 0
    }
    return (UInt64(subBucket) << UInt64(bucket), UInt64(1) << UInt64(bucket))
  }

  /// The midpoint (rounded up) of bucket `index`: `lowest + width / 2`,
  /// HdrHistogram's `medianEquivalentValue`.
  @inlinable
  func median(ofIndex index: Int) -> UInt64 {
    let r = range(ofIndex: index)
    return r.lowest + r.width >> 1
  }

  /// The largest value sharing `value`'s bucket, HdrHistogram's
  /// `highestEquivalentValue`.
  @inlinable
  func highestEquivalent(_ value: UInt64) -> UInt64 {
    let r = range(ofIndex: index(of: value))
    return r.lowest &+ (r.width - 1)
  }
}
