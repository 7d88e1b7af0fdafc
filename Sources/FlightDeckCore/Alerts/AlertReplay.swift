/// Replays telemetry through alert rules on the records' own timestamps
/// (`flightdeck alerts eval`): what would have fired, and when.
public enum AlertReplay {
  /// Feeds `records` in time order into a metrics store and evaluates
  /// `alerts` every interval of data time, from the first record's time
  /// (rounded up to the interval) to one interval after the last record.
  ///
  /// - Parameters:
  ///   - records: Telemetry in any order (sorted here by timestamp, stable).
  ///   - alerts: The rules, SLOs and interval; its restored state is kept.
  ///   - metrics: The store's buckets; its retention is raised to the rules'
  ///     longest window.
  /// - Returns: every transition in order, and the engine after the last evaluation.
  public static func run(
    records: [TelemetryRecord], alerts: AlertEngine, metrics: MetricsConfiguration = MetricsConfiguration()
  ) -> (transitions: [AlertTransition], engine: AlertEngine) {
    let sorted = records.enumerated().sorted {
      ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset)
    }
    .map(\.element)
    var replay = Stepper(alerts: alerts, metrics: metrics)
    for r in sorted { replay.take(r) }
    return replay.finish()
  }

  /// The same replay, streamed from telemetry files: records reach the
  /// store in the order ``run(records:alerts:metrics:)`` sorts them into
  /// (``TelemetryTimeOrderScan``), so the transitions are the same, while
  /// memory holds the store (bounded by the rules' longest window) and the
  /// records of the file stretches that overlap in time, not the files.
  ///
  /// - Parameters:
  ///   - paths: Files (`-` is standard input), already expanded from folders.
  ///   - options: Format, OTLP mapping, prices and line cap for the decoder.
  ///   - alerts: The rules, SLOs and interval; its restored state is kept.
  ///   - metrics: The store's buckets; its retention is raised to the rules'
  ///     longest window.
  /// - Returns: every transition in order, the engine after the last
  ///   evaluation, and what the scan read.
  /// - Throws: ``ChunkedLineReader/ReadError`` when a file cannot be read.
  public static func run(
    paths: [String], options: EngineOptions, alerts: AlertEngine,
    metrics: MetricsConfiguration = MetricsConfiguration()
  ) throws -> (transitions: [AlertTransition], engine: AlertEngine, scan: TelemetryFileScan.Summary) {
    var replay = Stepper(alerts: alerts, metrics: metrics)
    replay.maxSeries = options.maxSeries
    let scan = try TelemetryTimeOrderScan.scan(paths: paths, options: options) { replay.take($0) }
    let (transitions, engine) = replay.finish()
    return (transitions, engine, scan)
  }

  /// The replay one record at a time, records given in time order.
  private struct Stepper {
    var engine: AlertEngine
    let metrics: MetricsConfiguration
    var store: MetricsStore?
    var next = Timestamp(millisecondsSinceEpoch: 0)
    var last: Timestamp?
    var out: [AlertTransition] = []
    /// The most series kept (``EngineOptions/maxSeries``).
    var maxSeries = EngineOptions.defaultMaxSeries

    init(alerts: AlertEngine, metrics: MetricsConfiguration) {
      engine = alerts
      self.metrics = metrics
    }

    var interval: Int64 { max(1, engine.intervalMs) }

    mutating func take(_ r: TelemetryRecord) {
      if store == nil {
        var options = EngineOptions()
        options.metrics = metrics
        options.fitMetricsToAlerts(engine)
        store = MetricsStore(configuration: options.metrics)
        let firstMs = r.timestamp.millisecondsSinceEpoch
        next = Timestamp(millisecondsSinceEpoch: ((firstMs + interval - 1) / interval) * interval)
      }
      while r.timestamp >= next {
        engine.evaluate(now: next, store: store!)
        out += engine.takeTransitions()
        next = next.adding(milliseconds: interval)
      }
      // The dashboard's series limit (``EngineOptions/maxSeries``): a record
      // of a new series past it is dropped, as the engine drops it, so the
      // replay alerts on the series the dashboard keeps (issue 11 breaker, C1).
      if store!.seriesCount < maxSeries || store!.hasSeries(r.seriesKey) { store!.record(r) }
      last = r.timestamp
    }

    mutating func finish() -> ([AlertTransition], AlertEngine) {
      guard let last, let store else { return ([], engine) }
      let end = last.adding(milliseconds: interval)
      while next <= end {
        engine.evaluate(now: next, store: store)
        out += engine.takeTransitions()
        next = next.adding(milliseconds: interval)
      }
      return (out, engine)
    }
  }
}
