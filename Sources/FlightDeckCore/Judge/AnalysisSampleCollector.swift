/// Gathers the judge's per-version samples of one artefact from telemetry
/// records over an analysis window: bounded reservoirs of per-request values
/// and exact counts for rates.
///
/// Series (the ``JudgeMetric/series`` names of ``JudgeConfiguration/standard``):
/// - continuous, one value per request: `latency_ms` (every request),
///   `ttft_ms` (requests that report it), `cost_usd` (requests with a known
///   cost; unknown cost is left out, never read as $0), `score` (requests
///   that carry one);
/// - rates over requests: `errors` (status `error`), `timeouts` (status
///   `timeout`) — counted apart, as the judge has a metric for each;
///   `guardrail_failures` (failed ÷ requests with a guardrail result).
///
/// Records of other artefacts, or outside [`from`, `to`), are ignored. Each
/// (version, route) has its own reservoirs (capacity 5,000 by default, Vitter's
/// algorithm R on a seeded ``SplitMix64``, so the same records give the same
/// samples).
public struct AnalysisSampleCollector: Sendable {
  /// The artefact judged.
  public let artefact: String
  /// Start of the window (inclusive).
  public let from: Timestamp
  /// End of the window (exclusive).
  public let to: Timestamp
  /// Values kept per series and version (≥ 1).
  public let capacity: Int

  private var reservoirs: [SeriesKey: [String: SampleReservoir]] = [:]
  private var counts: [SeriesKey: Counts] = [:]
  private var rng: SplitMix64

  private struct Counts: Sendable {
    var requests = 0
    var errors = 0
    var timeouts = 0
    var guarded = 0
    var guardrailFailures = 0
  }

  /// Creates an empty collector.
  public init(artefact: String, from: Timestamp, to: Timestamp, capacity: Int = 5_000, seed: UInt64 = 1) {
    self.artefact = artefact
    self.from = from
    self.to = to
    self.capacity = max(1, capacity)
    rng = SplitMix64(seed: seed)
  }

  /// Adds one record (ignored unless it is of ``artefact`` and in the window).
  public mutating func add(_ record: TelemetryRecord) {
    guard record.artefact == artefact, record.timestamp >= from, record.timestamp < to else { return }
    let key = record.seriesKey
    var c = counts[key] ?? Counts()
    c.requests += 1
    if record.status == .error { c.errors += 1 }
    if record.status == .timeout { c.timeouts += 1 }
    if let g = record.guardrail {
      c.guarded += 1
      if g == .fail { c.guardrailFailures += 1 }
    }
    counts[key] = c
    var series = reservoirs[key] ?? [:]
    func offer(_ name: String, _ value: Double?) {
      guard let value else { return }
      var r = series[name] ?? SampleReservoir(capacity: capacity)
      r.add(value, using: &rng)
      series[name] = r
    }
    offer("latency_ms", record.latencyMs)
    offer("ttft_ms", record.ttftMs)
    offer("cost_usd", record.costUSD)
    offer("score", record.score)
    reservoirs[key] = series
  }

  /// The (version, route) pairs seen, sorted by route then version.
  public var series: [SeriesKey] {
    counts.keys.sorted { ($0.route.rawValue, $0.version) < ($1.route.rawValue, $1.version) }
  }

  /// Requests seen for `version` on `route` in the window.
  public func requests(version: String, route: Route) -> Int {
    counts[SeriesKey(artefact: artefact, version: version, route: route)]?.requests ?? 0
  }

  /// The judge's samples of `version` on `route` (empty when none was seen:
  /// the judge then says `nodata`, never pass).
  public func samples(version: String, route: Route) -> VersionSamples {
    let key = SeriesKey(artefact: artefact, version: version, route: route)
    let c = counts[key] ?? Counts()
    var continuous: [String: [Double]] = [:]
    for (name, r) in reservoirs[key] ?? [:] { continuous[name] = r.values }
    return VersionSamples(
      version: version, continuous: continuous,
      rates: [
        "errors": RateCounts(events: c.errors, trials: c.requests),
        "timeouts": RateCounts(events: c.timeouts, trials: c.requests),
        "guardrail_failures": RateCounts(events: c.guardrailFailures, trials: c.guarded),
      ])
  }
}
