/// Significant decimal digits a ``LatencyHistogram`` keeps once it leaves
/// its exact form: the precision of its log-bucketed layout.
///
/// The same names and meaning as HdrHistogram's
/// `numberOfSignificantValueDigits` (Gil Tene), whose bucket layout
/// ``LatencyBucketLayout`` reproduces: `digits` = d keeps unit resolution up
/// to 2·10^d, so values are represented within a relative error of
/// ``LatencyHistogram/relativeError(digits:)`` (d = 2 → 1/256, d = 3 → 1/2048).
public enum SignificantDigits: Int8, Codable, Sendable, Hashable {
  /// 0 digits: two sub-buckets per power of two (1/2).
  case zero
  /// 1 digit: 1/32.
  case one
  /// 2 digits: 1/256 ≈ 0.39 % (the dashboard's default).
  case two
  /// 3 digits: 1/2048 ≈ 0.049 % (`replay`'s).
  case three
  /// 4 digits: 1/32 768.
  case four
  /// 5 digits: 1/262 144.
  case five
}
