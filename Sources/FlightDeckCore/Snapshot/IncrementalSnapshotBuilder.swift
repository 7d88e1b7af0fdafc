/// Builds the same ``DashboardSnapshot`` as ``SnapshotBuilder/build(store:ingest:now:chartArtefacts:cache:mergeCache:)``,
/// keeping between builds what did not change.
///
/// A full build merges every series over the window and works out its
/// quantiles (p50/p95/p99 and TTFT p95), then every artefact's summary, once a
/// second even when no record arrived: at 100 000 series that is most of a
/// second of CPU per tick. This builder keeps, per series, the merge of its
/// window buckets and their figures, and per artefact its versions, legs and
/// what-if legs, and recomputes only
/// - the series whose buckets changed since the last build (records added,
///   buckets evicted: ``MetricsStore/takeChangedSeries()``),
/// - the series whose oldest bucket in the window has left it (the window's
///   first bucket moved past it), and those whose next bucket after the
///   window has entered it (records dated ahead of the clock),
/// - and the artefacts of those series;
/// everything when the window moves backwards or the bucket width changes.
/// The series due for the window's edges are found in dictionaries keyed by
/// bucket index, so a tick visits only them.
///
/// What is left linear in artefacts per build is the assembly: rates depend
/// on `now` (each stats' ``WindowStats/windowSeconds`` is the time from the
/// start of its data, or of the window, to `now`; see ``SnapshotBuilder``), so
/// each summary is copied with its new length, which costs a division and a
/// copy, no merge and no quantile.
///
/// Each snapshot carries a ``SnapshotLayout``: the same instance as the
/// last snapshot's while no artefact was added or removed and none changed
/// its kind or its (version, route) legs, so a view of the layout alone can
/// be kept and only the figures it shows read again.
///
/// Owned by one ``DashboardEngine`` (or one test); not thread-safe.
public final class IncrementalSnapshotBuilder {
  /// A window figure without its length: `start` is the bucket index of its
  /// earliest data (`nil`: the whole window, for an artefact with no
  /// user-facing request).
  private struct Figure {
    var stats: WindowStats
    var start: Int64?
  }

  /// One series' part of the window.
  private struct SeriesPart {
    var key: SeriesKey
    var merged: MetricBucket
    var stats: WindowStats
  }

  /// One artefact's part of the window, without the window's length.
  private struct ArtefactPart {
    var kind: ArtefactKind
    /// Series ids in legend order (route, then version).
    var ids: [Int]
    var keys: [SeriesKey]
    var shares: [Double]
    var versionFigures: [Figure]
    var total: Figure?
    var isCanary: Bool
    var stable: Figure?
    var canary: Figure?
    var shadow: Figure?
    var whatIfStable: WhatIfLeg?
    var whatIfCanary: WhatIfLeg?
    var whatIfShadow: WhatIfLeg?
  }

  /// The full builder whose results this one reproduces.
  public let builder: SnapshotBuilder
  private var width: Int64 = 0
  /// The window's bucket range `[lo, hi)` at the last build; `nil` before the first.
  private var lo: Int64?
  private var hi: Int64 = 0
  /// Series known so far (store ids `0..<knownSeries`).
  private var knownSeries = 0
  /// Per series id: its part of the window, `nil` when empty there.
  private var seriesParts: [SeriesPart?] = []
  /// Per series id: the bucket index it is listed under in `expiry` / `arrival`.
  private var expiryIndex: [Int64?] = []
  private var arrivalIndex: [Int64?] = []
  /// Bucket index → series whose oldest bucket in the window it is: they
  /// change when the window's first bucket moves past it.
  private var expiry: [Int64: [Int]] = [:]
  /// Bucket index → series whose first bucket at or after the window's end
  /// it is: they change when the window's end moves past it.
  private var arrival: [Int64: [Int]] = [:]
  private var seriesOfArtefact: [String: [Int]] = [:]
  private var parts: [String: ArtefactPart] = [:]
  /// Names of `parts`, sorted by their UTF-8 bytes.
  private var names: [String] = []
  /// `parts` in the order of `names`, kept while no artefact changes (an
  /// idle tick then looks no name up); `nil`: to be worked out again.
  private var ordered: [ArtefactPart]?

  /// The layout of the last snapshot built, kept while no build changes it.
  private var layout: SnapshotLayout?

  /// Series merged and summarised again by the last build (for tests and
  /// the benchmark).
  public private(set) var lastRecomputedSeries = 0
  /// Artefacts summarised again by the last build.
  public private(set) var lastRecomputedArtefacts = 0

  /// Creates a builder for a window of `windowMs` milliseconds (as
  /// ``SnapshotBuilder/init(windowMs:)``).
  public init(windowMs: Int64 = 15 * 60_000) {
    builder = SnapshotBuilder(windowMs: windowMs)
  }

  /// Builds a snapshot of `store` as of `now`: the same value as
  /// ``SnapshotBuilder/build(store:ingest:now:chartArtefacts:cache:mergeCache:)``
  /// with the same arguments.
  ///
  /// - Parameters:
  ///   - store: The metrics; its changed series are taken
  ///     (``MetricsStore/takeChangedSeries()``), so every change to the store
  ///     between two builds must go through this one store value.
  ///   - ingest: Ingestion health to show in the header.
  ///   - now: The instant the window ends at.
  ///   - chartArtefacts: Artefacts whose chart series to compute; `nil` = all.
  ///   - cache: Per-bucket p95 values kept between snapshots.
  ///   - mergeCache: The merge of each series' finished buckets, kept
  ///     between snapshots, so a series that received records merges only
  ///     its current bucket again (`nil`: every bucket of the window).
  public func build(
    store: inout MetricsStore, ingest: IngestSummary, now: Timestamp, chartArtefacts: Set<String>? = nil,
    cache: ChartQuantileCache? = nil, mergeCache: WindowMergeCache? = nil
  ) -> DashboardSnapshot {
    let changed = store.takeChangedSeries()
    let w = store.configuration.bucketWidthMs
    let (from, to) = builder.windowBounds(now: now, bucketWidthMs: w)
    let newLo = from.millisecondsSinceEpoch / w
    let newHi = to.millisecondsSinceEpoch / w

    var dirty: [Int] = []
    // Allocated at the first series marked: an idle tick marks none.
    var isDirty: [Bool] = []
    let seriesCount = store.seriesCount
    func mark(_ id: Int) {
      if isDirty.isEmpty { isDirty = [Bool](repeating: false, count: seriesCount) }
      guard id < isDirty.count, !isDirty[id] else { return }
      isDirty[id] = true
      dirty.append(id)
    }
    for id in knownSeries..<store.seriesCount {
      seriesOfArtefact[store.seriesKey(ofID: id).artefact, default: []].append(id)
      seriesParts.append(nil)
      expiryIndex.append(nil)
      arrivalIndex.append(nil)
    }
    if let lo, w == width, newLo >= lo, newHi >= hi {
      for id in knownSeries..<store.seriesCount { mark(id) }
      for id in changed { mark(id) }
      for id in Self.take(&expiry, below: newLo, from: lo) { mark(id) }
      for id in Self.take(&arrival, below: newHi, from: hi) { mark(id) }
    } else {
      expiry = [:]
      arrival = [:]
      for id in 0..<store.seriesCount {
        expiryIndex[id] = nil
        arrivalIndex[id] = nil
        mark(id)
      }
    }
    knownSeries = store.seriesCount
    width = w
    lo = newLo
    hi = newHi

    var dirtyArtefacts: Set<String> = []
    for id in dirty {
      let key = store.seriesKey(ofID: id)
      dirtyArtefacts.insert(key.artefact)
      let merged =
        mergeCache.map { $0.merged(store, key, from: from, to: to) }
        ?? store.mergedBucket(ofID: id, from: from, to: to)
      seriesParts[id] = merged.map {
        SeriesPart(key: key, merged: $0, stats: MetricsStore.stats(of: $0, windowSeconds: 1))
      }
      register(id, in: &expiry, at: merged?.index, listed: &expiryIndex)
      register(
        id, in: &arrival, at: store.firstBucketIndex(ofID: id, atOrAfter: newHi), listed: &arrivalIndex)
    }
    lastRecomputedSeries = dirty.count
    lastRecomputedArtefacts = dirtyArtefacts.count

    var added: [String] = []
    var removed = false
    var relaid = false
    for name in dirtyArtefacts {
      let old = parts[name]
      let new = part(of: name, store: store)
      parts[name] = new
      if new == nil, old != nil { removed = true }
      if new != nil, old == nil { added.append(name) }
      if let old, let new, old.keys != new.keys || old.kind != new.kind { relaid = true }
    }
    updateNames(added: added, removed: removed)
    if !dirtyArtefacts.isEmpty { ordered = nil }
    if layout == nil || relaid || removed || !added.isEmpty { layout = SnapshotLayout() }

    return assemble(
      store: store, ingest: ingest, now: now, from: from, to: to, chartArtefacts: chartArtefacts, cache: cache
    )
  }

  /// Removes and returns the series listed under the indices below `bound`
  /// (all at or above `start`).
  private static func take(_ index: inout [Int64: [Int]], below bound: Int64, from start: Int64) -> [Int] {
    guard bound > start, !index.isEmpty else { return [] }
    var out: [Int] = []
    if bound - start <= Int64(index.count) {
      for i in start..<bound {
        if let ids = index.removeValue(forKey: i) { out += ids }
      }
    } else {
      for i in index.keys where i < bound {
        out += index.removeValue(forKey: i)!
      }
    }
    return out
  }

  /// Lists series `id` under bucket `at` (once; an older listing stays and
  /// only costs one needless recompute when it falls due).
  private func register(_ id: Int, in index: inout [Int64: [Int]], at: Int64?, listed: inout [Int64?]) {
    guard let at else {
      listed[id] = nil
      return
    }
    guard listed[id] != at else { return }
    listed[id] = at
    index[at, default: []].append(id)
  }

  /// Keeps `names` sorted after `added` parts and, when `removed`, dropped ones.
  private func updateNames(added: [String], removed: Bool) {
    func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
    if removed || added.count > 64 {
      names = parts.keys.sorted(by: precedes)
      return
    }
    for name in added {
      var l = 0
      var h = names.count
      while l < h {
        let m = (l + h) / 2
        if precedes(names[m], name) { l = m + 1 } else { h = m }
      }
      names.insert(name, at: l)
    }
  }

  /// The part of `name` from its series' cached parts (as the full build
  /// works it out), or `nil` when none of its series has data in the window.
  private func part(of name: String, store: MetricsStore) -> ArtefactPart? {
    let ids = (seriesOfArtefact[name] ?? []).filter { seriesParts[$0] != nil }.sorted { a, b in
      let x = seriesParts[a]!.key
      let y = seriesParts[b]!.key
      return x.route.displayOrder != y.route.displayOrder
        ? x.route.displayOrder < y.route.displayOrder
        : x.version.utf8.lexicographicallyPrecedes(y.version.utf8)
    }
    guard !ids.isEmpty else { return nil }
    let series = ids.map { seriesParts[$0]! }
    let userFacing = series.filter { $0.key.route != .shadow }.reduce(0) { $0 + $1.merged.requests }
    var legs: [Route: [SeriesPart]] = [:]
    var userFacingSeries: [SeriesPart] = []
    for s in series {
      legs[s.key.route, default: []].append(s)
      if s.key.route != .shadow { userFacingSeries.append(s) }
    }
    func merged(_ parts: [SeriesPart]) -> Figure? {
      guard let first = parts.first else { return nil }
      if parts.count == 1 { return Figure(stats: first.stats, start: first.merged.index) }
      var bucket = first.merged
      for part in parts.dropFirst() { bucket.merge(part.merged) }
      return Figure(stats: MetricsStore.stats(of: bucket, windowSeconds: 1), start: bucket.index)
    }
    let distinctVersions = Set(series.map(\.key.version))
    let isCanary = distinctVersions.count > 1 || legs.count > 1
    var out = ArtefactPart(
      kind: store.kind(of: name) ?? .model, ids: ids, keys: series.map(\.key),
      shares: series.map { userFacing > 0 ? Double($0.merged.requests) / Double(userFacing) : 0 },
      versionFigures: series.map { Figure(stats: $0.stats, start: $0.merged.index) },
      total: merged(userFacingSeries), isCanary: isCanary)
    if isCanary {
      out.stable = legs[.stable].flatMap(merged)
      out.canary = legs[.canary].flatMap(merged)
      out.shadow = legs[.shadow].flatMap(merged)
      let input = SnapshotBuilder.whatIfInput(
        name, series: series.map { ($0.key, $0.merged) }, windowSeconds: 1,
        from: Timestamp(millisecondsSinceEpoch: 0),
        to: Timestamp(millisecondsSinceEpoch: 0))
      out.whatIfStable = input.stable
      out.whatIfCanary = input.canary
      out.whatIfShadow = input.shadow
    }
    return out
  }

  /// The snapshot from the kept parts, each figure given its window length as of `now`.
  private func assemble(
    store: MetricsStore, ingest: IngestSummary, now: Timestamp, from: Timestamp, to: Timestamp,
    chartArtefacts: Set<String>?, cache: ChartQuantileCache?
  ) -> DashboardSnapshot {
    let w = width
    let fromMs = from.millisecondsSinceEpoch
    let nowMs = now.millisecondsSinceEpoch
    let windowSeconds = max(0.001, Double(now.milliseconds(since: from)) / 1000)
    let minimumSeconds = min(max(Double(w), 60_000) / 1000, windowSeconds)
    func stats(_ f: Figure) -> WindowStats {
      var s = f.stats
      if let start = f.start {
        s.windowSeconds = max(minimumSeconds, Double(nowMs - max(fromMs, start * w)) / 1000)
      } else {
        s.windowSeconds = windowSeconds
      }
      return s
    }
    var artefacts: [ArtefactSummary] = []
    artefacts.reserveCapacity(names.count)
    var canaries: [CanaryComparison] = []
    var charts: [String: ArtefactCharts] = [:]
    var whatIf: [String: WhatIfInput] = [:]
    let ordered = self.ordered ?? names.map { parts[$0]! }
    self.ordered = ordered
    for (n, name) in names.enumerated() {
      let p = ordered[n]
      var versions: [VersionSummary] = []
      versions.reserveCapacity(p.keys.count)
      for (i, key) in p.keys.enumerated() {
        versions.append(
          VersionSummary(
            version: key.version, route: key.route, trafficShare: p.shares[i],
            stats: stats(p.versionFigures[i])))
      }
      let total = stats(p.total ?? Figure(stats: WindowStats(), start: nil))
      artefacts.append(ArtefactSummary(name: name, kind: p.kind, versions: versions, total: total))
      if p.isCanary {
        canaries.append(
          CanaryComparison(
            artefact: name, split: versions, stable: p.stable.map(stats), canary: p.canary.map(stats),
            shadow: p.shadow.map(stats)))
        whatIf[name] = WhatIfInput(
          artefact: name, stable: p.whatIfStable, canary: p.whatIfCanary, shadow: p.whatIfShadow,
          windowSeconds: total.windowSeconds, windowStart: from, windowEnd: to)
      }
      if chartArtefacts == nil {
        charts[name] = SnapshotBuilder.charts(store: store, keys: p.keys, from: from, to: to, cache: cache)
      }
    }
    for name in chartArtefacts ?? [] {
      guard let p = parts[name] else { continue }
      charts[name] = SnapshotBuilder.charts(store: store, keys: p.keys, from: from, to: to, cache: cache)
    }
    cache?.prune(before: fromMs / w)
    var snapshot = DashboardSnapshot(
      now: now, windowMs: builder.windowMs, ingest: ingest, artefacts: artefacts, canaries: canaries,
      charts: charts)
    snapshot.whatIf = whatIf
    snapshot.layout = layout
    return snapshot
  }

  /// `snapshot` (the last one this builder built, from the same `store`,
  /// which has not changed since) with the charts of `artefact` added: what
  /// a new selection needs, in that artefact's buckets only (its series are
  /// kept by name). An artefact without series in the window gets none.
  public func addingCharts(
    of artefact: String, to snapshot: DashboardSnapshot, store: MetricsStore, cache: ChartQuantileCache? = nil
  ) -> DashboardSnapshot {
    guard snapshot.charts[artefact] == nil, let p = parts[artefact] else { return snapshot }
    let (from, to) = builder.windowBounds(now: snapshot.now, bucketWidthMs: store.configuration.bucketWidthMs)
    var out = snapshot
    out.charts[artefact] = SnapshotBuilder.charts(
      store: store, keys: p.keys, from: from, to: to, cache: cache)
    return out
  }
}
