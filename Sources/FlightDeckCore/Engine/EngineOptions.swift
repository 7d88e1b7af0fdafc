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
  /// Lines longer than this many bytes are skipped and counted (default 1 MiB).
  public var maxLineBytes: Int = 1 << 20
  /// How often the files are polled, in ms (default 250).
  public var pollIntervalMs: Int = 250
  /// Records dated more than this many ms ahead of the clock when they
  /// arrive are counted as far-future and dropped (default 1 day): a record
  /// dated 9999-12-31 must not move the store's newest time, and with it the
  /// retention, past every real record.
  public var maxAheadOfClockMs: Int64 = 86_400_000
  /// How many recent ingestion errors are kept for the UI (default 32).
  public var recentErrorLimit: Int = 32

  /// The longest window accepted, ms: 31 days. Longer windows are refused
  /// (by the configuration file and `--window`): the store keeps every
  /// bucket of the window, and a month covers any rolling-dashboard use.
  public static let maximumWindowMs: Int64 = 31 * 86_400_000

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
    metrics = MetricsConfiguration(
      bucketWidthMs: width, retentionMs: retention, latencyDigits: metrics.latencyDigits)
  }
}
