/// How a ``DashboardEngine`` reads and aggregates telemetry.
public struct EngineOptions: Sendable {
  /// Length of the metrics window shown, in ms (default 15 min).
  public var windowMs: Int64 = 15 * 60_000
  /// History read at start-up, in ms before now (default 15 min, `--since`).
  public var sinceMs: Int64 = 15 * 60_000
  /// Telemetry format: detect per line, or forced (`--format`).
  public var format: TelemetryFormat = .auto
  /// Buckets and retention of the metrics store.
  public var metrics = MetricsConfiguration()
  /// Whether `metrics.bucketWidthMs` was chosen by the user (`[metrics]
  /// bucket` in the configuration file); if not, ``fitMetricsToWindow()``
  /// picks it from the window.
  public var bucketWidthIsExplicit = false
  /// Whether `metrics.retentionMs` was chosen by the user (`[metrics]
  /// retention`); it is raised to the window either way.
  public var retentionIsExplicit = false
  /// Prices for records without `cost_usd`.
  public var prices: PriceTable = .default
  /// Which OTLP attributes name the artefact, version and route.
  public var otlpMapping = OTLPAttributeMapping()
  /// Which LiteLLM fields name the artefact and version (`[litellm]`).
  public var litellmMapping = LiteLLMFieldMapping()
  /// Lines longer than this many bytes are skipped and counted (default 1 MiB).
  public var maxLineBytes: Int = 1 << 20
  /// How often the files are polled, in ms (default 250).
  public var pollIntervalMs: Int = 250
  /// Records dated more than this many ms ahead of the clock when they
  /// arrive are counted as far-future and dropped (default 1 day): a record
  /// dated 9999-12-31 must not move the store's newest time, and with it the
  /// retention, past every real record.
  public var maxAheadOfClockMs: Int64 = 86_400_000
  /// Drop records dated after the clock's now instead of keeping them
  /// (default `false`). `flightdeck render --at T` sets it, so a frame "as
  /// of T" shows no record from after T, even within T's 10-second bucket;
  /// the dropped records are counted in `IngestSummary.aheadOfClockRecords`.
  public var dropRecordsAfterClock = false
  /// Holds records dated after the clock's now and releases them as the
  /// clock reaches them (a replay: ``ReplayClock`` runs through a past
  /// window, the files already hold all of it). Far-future records are not
  /// dropped in this mode. Default `false`.
  public var holdRecordsAfterClock = false
  /// How many recent ingestion errors are kept for the UI (default 32).
  public var recentErrorLimit: Int = 32
  /// The most series (artefact, version, route) the engine keeps (default
  /// ``defaultMaxSeries``, `[metrics] max_series`). A record of a new series
  /// beyond it creates nothing: it is counted in
  /// `IngestSummary.overSeriesLimitRecords` and dropped, the way Prometheus'
  /// `sample_limit` guards a scrape — whoever writes telemetry chooses the
  /// names, and must not be able to exhaust memory with them. Series already
  /// kept go on receiving records.
  public var maxSeries: Int = EngineOptions.defaultMaxSeries
  /// The most telemetry files kept open at once (``TailerOptions/maxOpenFiles``);
  /// `nil` (the default): the process's open-file limit less a reserve.
  public var maxOpenFiles: Int?

  /// The default series limit: 100 000. A series costs about 1 to 2 KiB
  /// with a request or two and up to about 1 MiB with traffic in every
  /// bucket of a 15-minute window, and every snapshot visits each series
  /// once; 100 000 quiet series fit in a few hundred MiB (see the
  /// Benchmarks article, "Cardinality: the screen").
  public static let defaultMaxSeries = 100_000

  /// The longest window accepted, ms: 31 days. Longer windows are refused
  /// (by the configuration file and `--window`): the store keeps every
  /// bucket of the window, and a month covers any rolling-dashboard use.
  public static let maximumWindowMs: Int64 = 31 * 86_400_000

  /// The most buckets a window may span (10 000): a chart shows a few
  /// hundred samples at most, and each bucket of each series costs memory
  /// and time in every snapshot. An explicit `[metrics] bucket` that would
  /// cut the window finer is refused.
  public static let maximumBucketsPerWindow: Int64 = 10_000

  /// The number of buckets the window spans with the current metrics
  /// configuration.
  public var bucketsPerWindow: Int64 {
    (windowMs + metrics.bucketWidthMs - 1) / metrics.bucketWidthMs
  }

  /// Default options.
  public init() {}

  /// Makes the metrics configuration follow ``windowMs``: unless set
  /// explicitly, the bucket width is
  /// ``MetricsConfiguration/automaticBucketWidthMs(forWindowMs:defaultWidthMs:)``
  /// (10 s up to a 1 h window, then a nice width giving at most 360 buckets)
  /// and the retention is the default 1 h; the retention is then raised to
  /// at least the window. Call it after changing the window or the metrics.
  public mutating func fitMetricsToWindow() {
    let defaults = MetricsConfiguration()
    let width =
      bucketWidthIsExplicit
      ? metrics.bucketWidthMs
      : MetricsConfiguration.automaticBucketWidthMs(
        forWindowMs: windowMs, defaultWidthMs: defaults.bucketWidthMs)
    let retention = max(retentionIsExplicit ? metrics.retentionMs : defaults.retentionMs, windowMs)
    var fitted = MetricsConfiguration(
      bucketWidthMs: width, retentionMs: retention, latencyDigits: metrics.latencyDigits)
    // What the alert setup asked of the store stays (``fitMetricsToAlerts(_:)``).
    fitted.windowResolutionMs = metrics.windowResolutionMs
    fitted.latencyThresholdsMs = metrics.latencyThresholdsMs
    metrics = fitted
  }
}
