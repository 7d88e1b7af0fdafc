/// The ``AlertDataSource`` over the engine's ``MetricsStore``, its
/// ingestion error log and the configured SLOs.
///
/// Windows are `[at − window, at)` (``MetricsStore/stats(for:from:to:)``):
/// exactly the requests with a timestamp in it when the store keeps cells of
/// the alert engine's ``AlertEngine/windowResolutionMs`` and `at` is an
/// evaluation slot (``EngineOptions/fitMetricsToAlerts(_:)`` and
/// ``AlertEngine/tick(now:store:)`` arrange both). A window longer than the
/// store's retention uses what is held (the sample count tells how much).
/// Rates divide by the full window, the time it covers.
public struct MetricsStoreAlertSource: AlertDataSource {
  /// The metrics.
  public let store: MetricsStore
  /// Ingestion errors by arrival time.
  public let ingestErrors: IngestErrorLog
  /// The SLOs `burn_rate` and `error_budget_remaining` can name.
  public let slos: [SLODefinition]
  /// The store's series by artefact, so a per-artefact query looks at that
  /// artefact's series only (one evaluation is linear in the series count,
  /// not quadratic).
  private let keysByArtefact: [String: [SeriesKey]]

  /// Creates the source.
  public init(
    store: MetricsStore, ingestErrors: IngestErrorLog = IngestErrorLog(), slos: [SLODefinition] = []
  ) {
    self.store = store
    self.ingestErrors = ingestErrors
    self.slos = slos
    self.keysByArtefact = Dictionary(grouping: store.seriesKeys, by: \.artefact)
  }

  /// The series a selector can match: those of its `artefact="…"`, else all.
  private func candidates(_ selector: [AlertLabelMatcher]) -> [SeriesKey] {
    if let a = selector.first(where: { $0.name == "artefact" && $0.op == .equal }) {
      return keysByArtefact[a.value] ?? []
    }
    return store.seriesKeys
  }

  /// The value of label `name` on `key`'s series (`""` for a label series do not carry).
  private static func label(_ name: String, of key: SeriesKey) -> String {
    switch name {
    case "artefact": key.artefact
    case "version": key.version
    case "route": key.route.rawValue
    default: ""
    }
  }

  /// Whether `key`'s series satisfies every matcher, read off the key's
  /// fields (no label dictionary per series: a round of 1,000 rules over
  /// 10,000 series asks this millions of times).
  private static func matches(_ matchers: [AlertLabelMatcher], _ key: SeriesKey) -> Bool {
    matchers.allSatisfy { $0.matches(value: label($0.name, of: key)) }
  }

  /// The label sets of `condition` (see ``AlertDataSource/series(for:)``), sorted.
  public func series(for condition: AlertCondition) -> [[String: String]] {
    let split = condition.splitLabels
    var seen: Set<[String: String]> = []
    switch condition.metric {
    case .ingestErrors:
      return [[:]]
    case .burnRate, .errorBudgetRemaining:
      for slo in slos {
        let l = ["artefact": slo.artefact, "slo": slo.name]
        if condition.matchers.allSatisfy({ $0.matches(l) }) { seen.insert(l) }
      }
    default:
      // Only the series the selector can match (its artefact's, when it
      // names one), each reduced to its split labels' values; sorted by them.
      var values: Set<[String]> = []
      for key in candidates(condition.matchers) where Self.matches(condition.matchers, key) {
        values.insert(split.map { Self.label($0, of: key) })
      }
      return values.sorted { $0.lexicographicallyPrecedes($1) }.map { v in
        Dictionary(uniqueKeysWithValues: zip(split, v))
      }
    }
    return seen.sorted { a, b in
      split.map { a[$0] ?? "" }.lexicographicallyPrecedes(split.map { b[$0] ?? "" })
    }
  }

  /// The value of `metric` (see ``AlertMetric`` for each formula).
  public func value(_ metric: AlertMetric, selector: [AlertLabelMatcher], windowMs: Int64, at: Timestamp)
    -> AlertSample
  {
    let from = at.adding(milliseconds: -windowMs)
    switch metric {
    case .ingestErrors:
      let n = ingestErrors.count(from: from, to: at)
      return .value(Double(n), samples: n)
    case .burnRate, .errorBudgetRemaining:
      guard
        let slo = slos.first(where: { s in
          selector.allSatisfy { $0.matches(["artefact": s.artefact, "slo": s.name]) }
        })
      else { return .noData }
      let window = metric == .burnRate ? windowMs : slo.periodMs
      guard let bad = badFraction(slo, from: at.adding(milliseconds: -window), to: at) else { return .noData }
      let budget = slo.errorBudget
      let v = metric == .burnRate ? bad.fraction / budget : 1 - bad.fraction / budget
      return .value(v, samples: bad.requests)
    default:
      let keys = candidates(selector).filter { Self.matches(selector, $0) }
      // Quantiles need the latency histograms merged; rates and sums only counts.
      let needsQuantiles = [.p50LatencyMs, .p95LatencyMs, .p99LatencyMs, .ttftP95Ms].contains(metric)
      let s =
        needsQuantiles
        ? store.stats(for: keys, from: from, to: at) : store.counts(for: keys, from: from, to: at)
      if s.requests == 0 {
        return metric.zeroWithoutRequests && !keys.isEmpty ? .value(0, samples: 0) : .noData
      }
      let v: Double?
      switch metric {
      case .requestRate: v = s.requestsPerSecond
      case .errorRate: v = s.errorRate
      case .timeoutRate: v = Double(s.timeouts) / Double(s.requests)
      case .p50LatencyMs: v = s.p50Ms
      case .p95LatencyMs: v = s.p95Ms
      case .p99LatencyMs: v = s.p99Ms
      case .ttftP95Ms: v = s.ttftP95Ms
      case .costUSDPerHour: v = s.costPerHourUSD
      case .costPerRequestUSD: v = s.costPerRequestUSD
      case .tokensPerSecond: v = s.tokensPerSecond
      case .ingestErrors, .burnRate, .errorBudgetRemaining: v = nil
      }
      guard let v else { return .noData }
      return .value(v, samples: s.requests)
    }
  }

  /// The SLO's bad-event fraction over `[from, to)` among its artefact's
  /// user-facing requests (stable and canary), `nil` without requests.
  /// Availability: (errors + timeouts) ÷ requests. Latency: requests slower
  /// than `threshold_ms` ÷ requests, so "good" is `latency ≤ threshold`
  /// exactly: counted per bucket at the threshold when the store keeps it
  /// (``MetricsConfiguration/latencyThresholdsMs``, set for every
  /// configured SLO by ``EngineOptions/fitMetricsToAlerts(_:)``); for a
  /// store without it, read off the latency histograms (exact up to
  /// ``LatencyHistogram/exactCapacity`` requests per bucket, within the
  /// histogram's relative error beyond).
  public func badFraction(_ slo: SLODefinition, from: Timestamp, to: Timestamp) -> (
    fraction: Double, requests: Int
  )? {
    let keys = (keysByArtefact[slo.artefact] ?? []).filter { $0.route != .shadow }
    // Counts only: no histogram merge over a window of up to days.
    let c = store.counts(for: keys, from: from, to: to)
    guard c.requests > 0 else { return nil }
    if slo.kind == .availability {
      return (Double(c.errors + c.timeouts) / Double(c.requests), c.requests)
    }
    let threshold = slo.thresholdMs ?? .infinity
    if let slow = c.slowerThan[threshold] {
      return (Double(slow) / Double(c.requests), c.requests)
    }
    var merged: MetricBucket?
    for key in keys {
      guard let b = store.mergedBucket(for: key, from: from, to: to) else { continue }
      if merged == nil { merged = b } else { merged?.merge(b) }
    }
    // A store without the threshold: the histograms are needed to count the slow requests.
    guard let m = merged, m.requests > 0 else { return nil }
    let slow = m.latency?.valueCounts().reduce(0) { $0 + ($1.milliseconds > threshold ? $1.count : 0) } ?? 0
    return (Double(slow) / Double(m.requests), m.requests)
  }
}
