import FlightDeckCore
import Prometheus
import Synchronization

/// The telemetry FlightDeck ingests, counted since the process started for a
/// Prometheus scrape (`GET /metrics`), through swift-server/swift-prometheus's
/// ``PrometheusCollectorRegistry`` and its text exposition format
/// (<https://prometheus.io/docs/instrumenting/exposition_formats/>).
///
/// Per series — labels `artefact`, `version`, `route` (stable, canary,
/// shadow), the ``SeriesKey`` of the metrics windows:
/// - `flightdeck_requests_total`: requests (counter);
/// - `flightdeck_request_errors_total`, `flightdeck_request_timeouts_total`:
///   requests whose status was `error` / `timeout` (FlightDeck's error rate is
///   their sum over the requests);
/// - `flightdeck_request_latency_seconds`: end-to-end latency (histogram,
///   ``latencyBucketsSeconds``; `_count` equals the requests, `_sum` is in seconds);
/// - `flightdeck_ttft_seconds`: time to first token, for requests that carry one (histogram);
/// - `flightdeck_tokens_total` with `type` = `input`, `output`, `cache_read`,
///   `cache_write`, `reasoning` (counter);
/// - `flightdeck_cost_usd_total`: the cost of requests with a known cost, USD
///   (counter); `flightdeck_cost_unknown_requests_total`: requests without one.
///
/// And `flightdeck_records_ingested_total` over all series. Per followed
/// source (label `source`, the path as the engine's source status names it),
/// fed as the engine's ``TelemetrySourceObserver``:
/// - `flightdeck_telemetry_records_total`: records decoded from the source
///   (before the engine's own drops: held, too far ahead, over the series limit);
/// - `flightdeck_telemetry_malformed_lines_total`: its lines that could not be
///   decoded (each an ingest error naming file and line).
///
/// Sources past ``maxSources`` (a data folder rotating for months) are counted
/// under `source="(other)"`, so the series stay bounded. Label values are
/// untrusted text: control characters (a NUL among them), C1, bidi and
/// invisible scalars are escaped visibly first (``TerminalText/sanitize(_:)``:
/// a NUL shows as `\x00`, injectively), as swift-prometheus escapes only
/// `\`, `"` and newlines (what the format requires); then the registry
/// escapes those. Cardinality is bounded by the engine's series limit
/// (``EngineOptions/maxSeries``): only admitted records are counted.
///
/// Feed it from ``DashboardEngine/recordObserver`` (``observe(_:)``), on the
/// engine's thread; ``exposition()`` may be called from any thread.
public final class TelemetryPrometheusMetrics: TelemetrySourceObserver {
  /// The most sources given their own `source` label.
  public static let maxSources = 200
  /// The `source` label of the sources past ``maxSources``.
  public static let otherSource = "(other)"

  /// The latency histogram's upper bounds, seconds: LLM requests run from
  /// tens of milliseconds (a cached classifier) to minutes (an agent), so the
  /// bounds go further than the Prometheus client defaults (which stop at 10 s).
  public static let latencyBucketsSeconds: [Double] = [
    0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300,
  ]
  /// The time-to-first-token histogram's upper bounds, seconds.
  public static let ttftBucketsSeconds: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30]

  /// One series' instruments, made once and kept.
  struct SeriesInstruments: Sendable {
    let requests: Counter
    let errors: Counter
    let timeouts: Counter
    let latency: ValueHistogram
    let ttft: ValueHistogram
    let tokens: [Counter]
    let cost: Counter
    let costUnknown: Counter
  }

  /// The registry the exposition is rendered from (also holds anything a
  /// caller adds, such as the controller's own health gauges).
  public let registry: PrometheusCollectorRegistry
  private let series = Mutex<[SeriesKey: SeriesInstruments]>([:])
  private let ingested: Counter
  private let sources = Mutex<[String: (records: Counter, malformed: Counter)]>([:])

  /// Creates the metrics over `registry` (a new one by default).
  public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
    self.registry = registry
    ingested = registry.makeCounter(
      descriptor: Self.name(
        "records_ingested", "total", "Telemetry records admitted into the metrics windows since start"),
      labels: [])
  }

  /// Counts one admitted record.
  public func observe(_ r: TelemetryRecord) {
    let m = instruments(for: r.seriesKey)
    ingested.increment()
    m.requests.increment()
    switch r.status {
    case .ok: break
    case .error: m.errors.increment()
    case .timeout: m.timeouts.increment()
    }
    m.latency.record(r.latencyMs / 1_000)
    if let t = r.ttftMs { m.ttft.record(t / 1_000) }
    let tokens = [r.inputTokens, r.outputTokens, r.cacheReadTokens, r.cacheWriteTokens, r.reasoningTokens]
    for (counter, n) in zip(m.tokens, tokens) where n > 0 { counter.increment(by: Int64(n)) }
    if let c = r.costUSD, c.isFinite, c >= 0 {
      m.cost.increment(by: c)
    } else {
      m.costUnknown.increment()
    }
  }

  /// Counts one decoded batch of `source` (see ``TelemetrySourceObserver``).
  public func sourceDecoded(source: String, records: Int, malformedLines: Int) {
    let counters = sources.withLock { map in
      let label = map[source] != nil || map.count < Self.maxSources ? source : Self.otherSource
      if let c = map[label] { return c }
      let labels = [("source", TerminalText.sanitize(label))]
      let c = (
        records: registry.makeCounter(
          descriptor: Self.name("telemetry_records", "total", "Telemetry records decoded, by source"),
          labels: labels),
        malformed: registry.makeCounter(
          descriptor: Self.name(
            "telemetry_malformed_lines", "total", "Telemetry lines that could not be decoded, by source"),
          labels: labels)
      )
      map[label] = c
      return c
    }
    if records > 0 { counters.records.increment(by: Int64(records)) }
    if malformedLines > 0 { counters.malformed.increment(by: Int64(malformedLines)) }
  }

  /// The exposition in the Prometheus text format (version 0.0.4), UTF-8.
  public func exposition() -> [UInt8] { registry.emitToBuffer() }

  /// The content type of ``exposition()``.
  public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

  /// The descriptor of `flightdeck_NAME_UNIT`.
  static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
    MetricNameDescriptor(namespace: "flightdeck", metricName: metric, unitName: unit, helpText: help)
  }

  /// The instruments of `key`, made at its first record.
  private func instruments(for key: SeriesKey) -> SeriesInstruments {
    series.withLock { map in
      if let m = map[key] { return m }
      let labels = [
        ("artefact", TerminalText.sanitize(key.artefact)), ("version", TerminalText.sanitize(key.version)),
        ("route", key.route.rawValue),
      ]
      let m = SeriesInstruments(
        requests: registry.makeCounter(
          descriptor: Self.name("requests", "total", "Requests by artefact, version and route"),
          labels: labels),
        errors: registry.makeCounter(
          descriptor: Self.name("request_errors", "total", "Requests whose status was error"), labels: labels),
        timeouts: registry.makeCounter(
          descriptor: Self.name("request_timeouts", "total", "Requests whose status was timeout"),
          labels: labels),
        latency: registry.makeValueHistogram(
          descriptor: Self.name("request_latency", "seconds", "End-to-end request latency, seconds"),
          labels: labels, buckets: Self.latencyBucketsSeconds),
        ttft: registry.makeValueHistogram(
          descriptor: Self.name("ttft", "seconds", "Time to first token, seconds (requests that report one)"),
          labels: labels, buckets: Self.ttftBucketsSeconds),
        tokens: ["input", "output", "cache_read", "cache_write", "reasoning"].map { type in
          registry.makeCounter(
            descriptor: Self.name("tokens", "total", "Tokens by type"), labels: labels + [("type", type)])
        },
        cost: registry.makeCounter(
          descriptor: Self.name("cost_usd", "total", "Cost of requests with a known cost, USD"),
          labels: labels),
        costUnknown: registry.makeCounter(
          descriptor: Self.name("cost_unknown_requests", "total", "Requests without a known cost"),
          labels: labels))
      map[key] = m
      return m
    }
  }
}
