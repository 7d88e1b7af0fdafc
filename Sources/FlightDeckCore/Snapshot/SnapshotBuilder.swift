/// Turns the metrics store and ingestion state into a ``DashboardSnapshot``.
///
/// The window is `[now − windowMs, now]`, rounded out to whole buckets: it
/// runs from the start of the bucket containing `now − windowMs` to the end
/// of the bucket containing `now` (``windowBounds(now:bucketWidthMs:)``), so
/// a record stays in the window for at least `windowMs` after its time and
/// drops out with its whole bucket (a 15-minute window of 10 s buckets shows
/// 91 buckets). Rates (requests/s,
/// tokens/s, cost/h) divide by the time the data actually covers: from the
/// start of the series' first non-empty bucket in the window (or the window
/// start, if later) to `now`, and at least a minute (or one bucket, if
/// wider; never more than the window) — so a dashboard
/// started five minutes ago, or a canary that started a minute ago, is not
/// diluted over the whole window (Prometheus' `rate()` likewise uses the
/// samples' own extent).
public struct SnapshotBuilder: Sendable {
  /// Length of the window, in ms (default 15 minutes).
  public var windowMs: Int64

  /// Creates a builder for a window of `windowMs` milliseconds.
  public init(windowMs: Int64 = 15 * 60_000) {
    self.windowMs = max(1, windowMs)
  }

  /// The window's bounds as of `now` in buckets of `width` ms: `from` is the
  /// start of the bucket containing `now − windowMs` (floor), `to` the end
  /// of the bucket containing `now`; both are multiples of `width`. A bucket
  /// belongs to the window when its start lies in `[from, to)`.
  ///
  /// E.g. 15 min of 10 s buckets at `now` = 00:15:01: `now − window` =
  /// 00:00:01, in the bucket [00:00:00, 00:00:10), so `from` = 00:00:00 and
  /// `to` = 00:15:10.
  public func windowBounds(now: Timestamp, bucketWidthMs width: Int64) -> (from: Timestamp, to: Timestamp) {
    let w = max(1, width)
    let first = floorDiv(now.millisecondsSinceEpoch - windowMs, w)
    let last = floorDiv(now.millisecondsSinceEpoch, w)
    return (Timestamp(millisecondsSinceEpoch: first * w), Timestamp(millisecondsSinceEpoch: (last + 1) * w))
  }

  /// Builds a snapshot of `store` as of `now`.
  ///
  /// - Parameters:
  ///   - store: The metrics.
  ///   - ingest: Ingestion health to show in the header.
  ///   - now: The instant the window ends at (the engine passes the wall
  ///     clock, or the newest record's time when viewing historic data).
  ///   - chartArtefacts: Artefacts whose chart series to compute; `nil` = all.
  ///   - cache: Per-bucket p95 values kept between snapshots (the engine
  ///     passes one; `nil` computes every sample).
  ///   - mergeCache: The merge of each series' finished buckets, kept
  ///     between snapshots (the engine passes one; `nil` merges every bucket).
  public func build(
    store: MetricsStore, ingest: IngestSummary, now: Timestamp, chartArtefacts: Set<String>? = nil,
    cache: ChartQuantileCache? = nil, mergeCache: WindowMergeCache? = nil
  ) -> DashboardSnapshot {
    let width = store.configuration.bucketWidthMs
    let (from, to) = windowBounds(now: now, bucketWidthMs: width)
    let firstBucket = from.millisecondsSinceEpoch / width
    let windowSeconds = max(0.001, Double(now.milliseconds(since: from)) / 1000)
    // At least a minute (or the whole window, when shorter): a lone request
    // in a fresh bucket must not read as thousands per hour.
    let minimumSeconds = min(max(Double(width), 60_000) / 1000, windowSeconds)
    func seconds(_ b: MetricBucket) -> Double {
      let start = max(from.millisecondsSinceEpoch, b.index * width)
      return max(minimumSeconds, Double(now.millisecondsSinceEpoch - start) / 1000)
    }

    var byArtefact: [String: [(SeriesKey, MetricBucket)]] = [:]
    for key in store.seriesKeys {
      let merged =
        mergeCache.map { $0.merged(store, key, from: from, to: to) }
        ?? store.mergedBucket(for: key, from: from, to: to)
      guard let b = merged else { continue }
      byArtefact[key.artefact, default: []].append((key, b))
    }

    var artefacts: [ArtefactSummary] = []
    var canaries: [CanaryComparison] = []
    var charts: [String: ArtefactCharts] = [:]
    var whatIf: [String: WhatIfInput] = [:]
    for name in byArtefact.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      let series = byArtefact[name]!.sorted { a, b in
        a.0.route.displayOrder != b.0.route.displayOrder
          ? a.0.route.displayOrder < b.0.route.displayOrder
          : a.0.version.utf8.lexicographicallyPrecedes(b.0.version.utf8)
      }
      let userFacing = series.filter { $0.0.route != .shadow }.reduce(0) { $0 + $1.1.requests }
      var versions: [VersionSummary] = []
      var legs: [Route: [(MetricBucket, WindowStats)]] = [:]
      var userFacingSeries: [(MetricBucket, WindowStats)] = []
      for (key, bucket) in series {
        let share = userFacing > 0 ? Double(bucket.requests) / Double(userFacing) : 0
        let stats = MetricsStore.stats(of: bucket, windowSeconds: seconds(bucket))
        versions.append(
          VersionSummary(version: key.version, route: key.route, trafficShare: share, stats: stats))
        legs[key.route, default: []].append((bucket, stats))
        if key.route != .shadow { userFacingSeries.append((bucket, stats)) }
      }
      // A merge of one series is that series: reuse its figures instead of
      // recomputing the same quantiles (most legs hold a single version).
      func merged(_ parts: [(MetricBucket, WindowStats)]) -> WindowStats? {
        guard let first = parts.first else { return nil }
        if parts.count == 1 { return first.1 }
        var bucket = first.0
        for part in parts.dropFirst() { bucket.merge(part.0) }
        return MetricsStore.stats(of: bucket, windowSeconds: seconds(bucket))
      }
      var total = WindowStats()
      total.windowSeconds = windowSeconds
      if let t = merged(userFacingSeries) { total = t }
      let kind = store.kind(of: name) ?? .model
      artefacts.append(ArtefactSummary(name: name, kind: kind, versions: versions, total: total))

      let distinctVersions = Set(series.map { $0.0.version })
      if distinctVersions.count > 1 || legs.count > 1 {
        canaries.append(
          CanaryComparison(
            artefact: name, split: versions,
            stable: legs[.stable].flatMap(merged), canary: legs[.canary].flatMap(merged),
            shadow: legs[.shadow].flatMap(merged)))
        whatIf[name] = Self.whatIfInput(
          name, series: series, windowSeconds: total.windowSeconds, from: from, to: to)
      }

      if chartArtefacts?.contains(name) ?? true {
        charts[name] = Self.charts(store: store, keys: series.map(\.0), from: from, to: to, cache: cache)
      }
    }
    cache?.prune(before: firstBucket)
    var snapshot = DashboardSnapshot(
      now: now, windowMs: windowMs, ingest: ingest, artefacts: artefacts, canaries: canaries,
      charts: charts)
    snapshot.whatIf = whatIf
    return snapshot
  }

  /// The chart series of one artefact's `keys` (in legend order) over the
  /// window `[from, to)`: per bucket, p95 latency (ms; from `cache` when
  /// given) and cost per minute (USD; `nil` where no request had a price).
  static func charts(
    store: MetricsStore, keys: [SeriesKey], from: Timestamp, to: Timestamp, cache: ChartQuantileCache?
  ) -> ArtefactCharts {
    let width = store.configuration.bucketWidthMs
    var p95: [ChartSeries] = []
    var cost: [ChartSeries] = []
    let minutesPerBucket = Double(width) / 60_000
    for key in keys {
      let buckets = store.buckets(for: key, from: from, to: to)
      let label = "\(key.version) \(key.route.rawValue)"
      p95.append(
        ChartSeries(
          label: label, route: key.route,
          values: buckets.map { b in
            guard let b else { return nil }
            if let cache { return cache.p95(key, b) }
            return b.latency?.quantile(0.95)
          }))
      cost.append(
        ChartSeries(
          label: label, route: key.route,
          values: buckets.map { b in
            guard let b, b.requests > b.costUnknown else { return nil }
            return b.costUSD / minutesPerBucket
          }))
    }
    return ArtefactCharts(start: from, stepMs: width, p95LatencyMs: p95, costPerMinuteUSD: cost)
  }

  /// `snapshot` (built by ``build(store:ingest:now:chartArtefacts:cache:mergeCache:)``
  /// from the same `store` at the same `now`) with the charts of `artefact`
  /// added: what a new selection needs when no record arrived since, in
  /// O(series) key comparisons plus that artefact's buckets, rather than a
  /// whole new build. An artefact without series in the window gets none.
  public func addingCharts(
    of artefact: String, to snapshot: DashboardSnapshot, store: MetricsStore,
    cache: ChartQuantileCache? = nil, mergeCache: WindowMergeCache? = nil
  ) -> DashboardSnapshot {
    guard snapshot.charts[artefact] == nil else { return snapshot }
    let (from, to) = windowBounds(now: snapshot.now, bucketWidthMs: store.configuration.bucketWidthMs)
    let keys = store.seriesKeys.filter { key in
      key.artefact == artefact
        && (mergeCache.map { $0.merged(store, key, from: from, to: to) }
          ?? store.mergedBucket(for: key, from: from, to: to)) != nil
    }.sorted { a, b in
      a.route.displayOrder != b.route.displayOrder
        ? a.route.displayOrder < b.route.displayOrder
        : a.version.utf8.lexicographicallyPrecedes(b.version.utf8)
    }
    guard !keys.isEmpty else { return snapshot }
    var out = snapshot
    out.charts[artefact] = Self.charts(store: store, keys: keys, from: from, to: to, cache: cache)
    return out
  }

  /// The what-if input of one artefact: each route's window buckets merged
  /// into one leg (as ``WhatIfInput/init(store:artefact:windowMs:end:)`` does
  /// from the store), over the artefact's user-facing data extent in seconds.
  static func whatIfInput(
    _ name: String, series: [(SeriesKey, MetricBucket)], windowSeconds: Double, from: Timestamp,
    to: Timestamp
  ) -> WhatIfInput {
    var legs: [Route: (versions: [String], bucket: MetricBucket)] = [:]
    for (key, bucket) in series {
      if var leg = legs[key.route] {
        leg.versions.append(key.version)
        leg.bucket.merge(bucket)
        legs[key.route] = leg
      } else {
        legs[key.route] = ([key.version], bucket)
      }
    }
    func leg(_ route: Route) -> WhatIfLeg? {
      legs[route].map { WhatIfLeg(versions: $0.versions, bucket: $0.bucket) }
    }
    return WhatIfInput(
      artefact: name, stable: leg(.stable), canary: leg(.canary), shadow: leg(.shadow),
      windowSeconds: windowSeconds, windowStart: from, windowEnd: to)
  }
}

extension Route {
  /// Display order: stable, canary, shadow.
  var displayOrder: Int {
    switch self {
    case .stable: return 0
    case .canary: return 1
    case .shadow: return 2
    }
  }
}
