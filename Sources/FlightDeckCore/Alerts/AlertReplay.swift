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
    var engine = alerts
    let sorted = records.enumerated().sorted {
      ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset)
    }
    .map(\.element)
    guard let first = sorted.first, let last = sorted.last else { return ([], engine) }
    var options = EngineOptions()
    options.metrics = metrics
    options.fitMetricsToAlerts(engine)
    var store = MetricsStore(configuration: options.metrics)
    let interval = max(1, engine.intervalMs)
    let firstMs = first.timestamp.millisecondsSinceEpoch
    var next = Timestamp(millisecondsSinceEpoch: ((firstMs + interval - 1) / interval) * interval)
    var out: [AlertTransition] = []
    for r in sorted {
      while r.timestamp >= next {
        engine.evaluate(now: next, store: store)
        out += engine.takeTransitions()
        next = next.adding(milliseconds: interval)
      }
      store.record(r)
    }
    let end = last.timestamp.adding(milliseconds: interval)
    while next <= end {
      engine.evaluate(now: next, store: store)
      out += engine.takeTransitions()
      next = next.adding(milliseconds: interval)
    }
    return (out, engine)
  }
}
