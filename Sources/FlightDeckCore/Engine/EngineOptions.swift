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
  /// Prices for records without `cost_usd`.
  public var prices: PriceTable = .default
  /// Which OTLP attributes name the artefact, version and route.
  public var otlpMapping = OTLPAttributeMapping()
  /// Lines longer than this many bytes are skipped and counted (default 1 MiB).
  public var maxLineBytes: Int = 1 << 20
  /// How often the files are polled, in ms (default 250).
  public var pollIntervalMs: Int = 250
  /// How many recent ingestion errors are kept for the UI (default 32).
  public var recentErrorLimit: Int = 32

  /// Default options.
  public init() {}
}
