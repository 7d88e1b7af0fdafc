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
  /// 0.39 % relative error, at most 8 bytes per occupied histogram bucket once a
  /// bucket holds more than
  /// ``LatencyHistogram/exactCapacity`` requests; smaller buckets are exact).
  public var latencyDigits: SignificantDigits
  /// The finest window edge queries must answer exactly, ms, or `nil` for
  /// whole buckets only (the default). When set, each bucket also keeps its
  /// requests in *cells* of ``cellWidthMs`` (the greatest common divisor of
  /// this and the bucket width), so a window `[from, to)` whose edges lie on
  /// that grid covers exactly the requests in it, whatever the bucket width
  /// (``MetricsStore``). The alert setup sets it to the greatest common
  /// divisor of every evaluation interval, rule window and SLO period
  /// (``EngineOptions/fitMetricsToAlerts(_:)``): 15 s for a 15 s interval
  /// and 1m, 5m… windows, hence 5 s cells under 10 s buckets.
  public var windowResolutionMs: Int64?
  /// Latency thresholds, ms, at which every bucket counts its requests
  /// slower than the threshold exactly (`latency > threshold`), so a
  /// latency SLO's good/bad split never comes from histogram bucket
  /// midpoints. The alert setup sets them to the configured latency SLOs'
  /// `threshold_ms`. Sorted, without duplicates.
  public var latencyThresholdsMs: [Double] = []

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

  /// Width of the cells a bucket splits its requests into, ms: the greatest
  /// common divisor of ``windowResolutionMs`` and ``bucketWidthMs``, but not
  /// below 1 s (a sub-second resolution such as a `1500ms` window counts in
  /// cells of `gcd(1 s, bucket width)` rather than of a few milliseconds);
  /// the bucket width (no cells) when no resolution is set.
  public var cellWidthMs: Int64 {
    guard let r = windowResolutionMs, r > 0 else { return bucketWidthMs }
    let g = MetricsConfiguration.gcd(r, bucketWidthMs)
    return g >= 1000 ? g : MetricsConfiguration.gcd(1000, bucketWidthMs)
  }

  /// Whether buckets keep cells (``cellWidthMs`` is finer than a bucket).
  public var usesCells: Bool { cellWidthMs < bucketWidthMs }

  /// The greatest common divisor of two positive integers.
  public static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var (x, y) = (abs(a), abs(b))
    while y != 0 { (x, y) = (y, x % y) }
    return max(1, x)
  }

  /// The most buckets kept per series: `ceil(retention / width) + 1`. Only
  /// non-empty buckets take memory.
  public var bucketsPerSeries: Int {
    Int((retentionMs + bucketWidthMs - 1) / bucketWidthMs) + 1
  }

  /// Bucket widths the automatic resolution chooses from, ms: 10 s, 30 s,
  /// 1 min, 2 min, 5 min, 10 min, 15 min, 30 min, 1 h, 2 h, 6 h, 12 h, 1 day.
  public static let niceBucketWidthsMs: [Int64] = [
    10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
    21_600_000, 43_200_000, 86_400_000,
  ]

  /// Windows longer than this (1 h) get a wider bucket unless the bucket
  /// width was set explicitly.
  public static let automaticResolutionAboveMs: Int64 = 3_600_000

  /// The most buckets a window spans under the automatic resolution: 360
  /// (1 h in 10 s buckets; one chart sample per bucket).
  public static let automaticResolutionMaxBuckets: Int64 = 360

  /// The bucket width for a window of `windowMs` when the user set none:
  /// `defaultWidthMs` for windows up to 1 h, else the smallest width of
  /// ``niceBucketWidthsMs`` (and at least `defaultWidthMs`) that splits the
  /// window into at most 360 buckets. E.g. 2 h → 7 200 s / 360 = 20 s → 30 s;
  /// 24 h → 240 s → 5 min; 720 h → 7 200 s → 2 h. Past the list's end
  /// (windows over 360 days) it is `ceil(window / 360)`.
  public static func automaticBucketWidthMs(forWindowMs windowMs: Int64, defaultWidthMs: Int64 = 10_000)
    -> Int64
  {
    guard windowMs > automaticResolutionAboveMs else { return defaultWidthMs }
    let needed = max(
      defaultWidthMs, (windowMs + automaticResolutionMaxBuckets - 1) / automaticResolutionMaxBuckets)
    return niceBucketWidthsMs.first { $0 >= needed } ?? needed
  }

  /// One bucket holding all time, for batch aggregation (`flightdeck replay`):
  /// nothing is ever late, and histograms keep 3 significant digits (0.049 %).
  public static let batch = MetricsConfiguration(
    bucketWidthMs: Int64.max / 4, retentionMs: Int64.max / 4, latencyDigits: .three)
}
