import Histogram

/// How the metrics store buckets and keeps data.
public struct MetricsConfiguration: Sendable, Hashable {
  /// Width of one time bucket in ms (default 10 000 = 10 s). Windows and
  /// chart samples are whole buckets.
  public var bucketWidthMs: Int64
  /// How long buckets are kept behind the newest record, in ms (default
  /// 3 600 000 = 1 h). Records older than that when they arrive are counted
  /// as late and dropped.
  public var retentionMs: Int64
  /// Significant decimal digits of the latency histograms (default 2: at most
  /// 0.39 % relative error, about 10 KiB per non-empty bucket).
  public var latencyDigits: SignificantDigits

  /// Creates a configuration. `bucketWidthMs` is raised to at least 1 and
  /// `retentionMs` to at least one bucket.
  public init(
    bucketWidthMs: Int64 = 10_000, retentionMs: Int64 = 3_600_000,
    latencyDigits: SignificantDigits = .two
  ) {
    self.bucketWidthMs = max(1, bucketWidthMs)
    self.retentionMs = max(self.bucketWidthMs, retentionMs)
    self.latencyDigits = latencyDigits
  }

  /// Number of buckets kept per series: `ceil(retention / width) + 1`.
  public var bucketsPerSeries: Int {
    Int((retentionMs + bucketWidthMs - 1) / bucketWidthMs) + 1
  }

  /// One bucket holding all time, for batch aggregation (`flightdeck replay`):
  /// nothing is ever late, and histograms keep 3 significant digits (0.049 %).
  public static let batch = MetricsConfiguration(
    bucketWidthMs: Int64.max / 4, retentionMs: Int64.max / 4, latencyDigits: .three)
}
