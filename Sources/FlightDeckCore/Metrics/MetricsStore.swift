/// Rolling per-series metrics: time buckets per (artefact, version, route).
///
/// Each series keeps its non-empty buckets of
/// ``MetricsConfiguration/bucketWidthMs`` in an array sorted by bucket index.
/// A record lands in the bucket `floor(ts / width)`, in or out of order, as
/// long as that bucket is within the retention behind the newest record seen
/// (index ≥ newest index − ⌈retention / width⌉); older records are counted in
/// ``lateRecords`` and dropped. When a series gets a new bucket, its buckets
/// that fell out of the retention are evicted, and once per retention span
/// every series is swept, so a series that went quiet does not keep stale
/// buckets. Memory is therefore proportional to the non-empty buckets within
/// the retention (at most ``MetricsConfiguration/bucketsPerSeries`` per
/// series), not to the number of events seen nor to the window's length.
///
/// Time here is *data time*: retention is measured from the newest record's
/// timestamp, so a historic file is aggregated the same way as live traffic.
/// Queries take explicit window bounds.
public struct MetricsStore: Sendable {
  /// The bucketing configuration.
  public let configuration: MetricsConfiguration
  private var keys: [SeriesKey] = []
  private var ids: [SeriesKey: Int] = [:]
  /// Non-empty buckets per series id, sorted by ascending index.
  private var series: [[MetricBucket]] = []
  /// Non-empty cells per series id (``MetricsConfiguration/cellWidthMs``,
  /// index `floor(ts / cellWidth)`), sorted by ascending index; empty when
  /// the store keeps no cells.
  private var cells: [[MetricBucket]] = []
  private var kinds: [String: ArtefactKind] = [:]
  /// Index of the newest bucket when every series was last swept.
  private var lastSweepIndex: Int64 = .min
  /// The newest record timestamp seen, if any.
  public private(set) var newest: Timestamp?
  /// Records dropped because they were older than the retention when they arrived.
  public private(set) var lateRecords: Int = 0
  /// Records accepted.
  public private(set) var recordsAccepted: Int = 0
  /// Per series id: whether it is listed in `changedIDs`.
  private var changedFlags: [Bool] = []
  /// Series ids whose buckets changed since the last ``takeChangedSeries()``,
  /// each once, in the order they first changed.
  private var changedIDs: [Int] = []

  /// Creates an empty store.
  public init(configuration: MetricsConfiguration = MetricsConfiguration()) {
    self.configuration = configuration
  }

  /// Every series seen, in the order first seen.
  public var seriesKeys: [SeriesKey] { keys }

  /// Number of series held.
  public var seriesCount: Int { keys.count }

  /// Number of distinct artefacts among the series. O(1).
  public var artefactCount: Int { kinds.count }

  /// Whether `key` is a series of the store. O(1).
  public func hasSeries(_ key: SeriesKey) -> Bool { ids[key] != nil }

  /// The kind last reported for `artefact`.
  public func kind(of artefact: String) -> ArtefactKind? { kinds[artefact] }

  /// The dense id of `key`, creating the series when new. Ids are stable for
  /// the store's life and start at 0.
  public mutating func seriesID(for key: SeriesKey, kind: ArtefactKind) -> Int {
    let kindChanged = kinds.updateValue(kind, forKey: key.artefact).map { $0 != kind } ?? false
    if let id = ids[key] {
      // The artefact's summary shows its kind: a snapshot built from changes must redo it.
      if kindChanged { noteChange(id) }
      return id
    }
    let id = keys.count
    keys.append(key)
    ids[key] = id
    series.append([])
    cells.append([])
    changedFlags.append(false)
    noteChange(id)
    return id
  }

  /// Lists series `id` among the changed ones (once until taken).
  private mutating func noteChange(_ id: Int) {
    guard !changedFlags[id] else { return }
    changedFlags[id] = true
    changedIDs.append(id)
  }

  /// The ids of the series whose buckets changed (created, a record added,
  /// buckets evicted or merged in) since the last call, each once, and
  /// forgets them: what ``IncrementalSnapshotBuilder`` must recompute.
  /// O(changed series). Memory: one flag per series and at most one id per
  /// series between two calls, whether or not anybody calls.
  public mutating func takeChangedSeries() -> [Int] {
    let out = changedIDs
    for id in out { changedFlags[id] = false }
    changedIDs = []
    return out
  }

  /// The key of series `id` (an id from ``seriesID(for:kind:)`` or
  /// ``takeChangedSeries()``; `0..<seriesCount`).
  public func seriesKey(ofID id: Int) -> SeriesKey { keys[id] }

  /// The index of the first non-empty bucket of series `id` at or after
  /// bucket `index`, or `nil` when there is none. O(log buckets).
  public func firstBucketIndex(ofID id: Int, atOrAfter index: Int64) -> Int64? {
    let buckets = series[id]
    var p = Self.insertionPoint(buckets, index)
    while p < buckets.count {
      if buckets[p].requests > 0 { return buckets[p].index }
      p += 1
    }
    return nil
  }

  /// Number of non-empty buckets held for `key` (0 when unknown): the
  /// store's memory is proportional to the sum of these.
  public func bucketCount(for key: SeriesKey) -> Int {
    guard let id = ids[key] else { return 0 }
    return series[id].count
  }

  /// Number of non-empty buckets held over all series.
  public var totalBucketCount: Int { series.reduce(0) { $0 + $1.count } }

  /// Records one request.
  /// - Returns: `false` when the record was too old for the retention (late).
  @discardableResult
  public mutating func record(_ record: TelemetryRecord) -> Bool {
    let id = seriesID(for: record.seriesKey, kind: record.kind)
    return self.record(series: id, sample: MetricSample(record))
  }

  /// Records one request into series `id` (from ``seriesID(for:kind:)``).
  /// - Returns: `false` when the sample was too old for the retention (late).
  @discardableResult
  public mutating func record(series id: Int, sample: MetricSample) -> Bool {
    let width = configuration.bucketWidthMs
    let ts = sample.timestamp.millisecondsSinceEpoch
    let newestMs: Int64
    if let n = newest, n.millisecondsSinceEpoch >= ts {
      newestMs = n.millisecondsSinceEpoch
    } else {
      newest = sample.timestamp
      newestMs = ts
    }
    let oldestKept = floorDiv(newestMs, width) - retentionBuckets
    let index = floorDiv(ts, width)
    if index < oldestKept {
      lateRecords += 1
      return false
    }
    let digits = configuration.latencyDigits
    let thresholds = configuration.latencyThresholdsMs
    let isNewest = series[id].last.map { $0.index < index } ?? true
    // A new newest bucket for this series: evict what fell out of the retention.
    if isNewest { evict(id, before: oldestKept) }
    Self.add(sample, index: index, to: &series[id], digits: digits, thresholds: thresholds)
    if cellsPerBucket > 1 {
      let cell = floorDiv(ts, configuration.cellWidthMs)
      Self.add(sample, index: cell, to: &cells[id], digits: digits, thresholds: thresholds)
    }
    noteChange(id)
    if isNewest && oldestKept > lastSweepIndex &+ retentionBuckets { sweep(before: oldestKept) }
    recordsAccepted += 1
    return true
  }

  /// Adds `sample` to the bucket (or cell) of `index` in `buckets`, sorted
  /// by index, creating it in place when absent.
  private static func add(
    _ sample: MetricSample, index: Int64, to buckets: inout [MetricBucket], digits: SignificantDigits,
    thresholds: [Double]
  ) {
    if let last = buckets.last, last.index == index {
      buckets[buckets.count - 1].add(sample, digits: digits, thresholds: thresholds)
      return
    }
    let position =
      (buckets.last.map { $0.index < index } ?? true) ? buckets.count : insertionPoint(buckets, index)
    if position < buckets.count && buckets[position].index == index {
      buckets[position].add(sample, digits: digits, thresholds: thresholds)
    } else {
      var bucket = MetricBucket(index: index)
      bucket.add(sample, digits: digits, thresholds: thresholds)
      buckets.insert(bucket, at: position)
    }
  }

  /// Cells per bucket: 1 when the store keeps none.
  private var cellsPerBucket: Int64 { configuration.bucketWidthMs / configuration.cellWidthMs }

  private var retentionBuckets: Int64 {
    (configuration.retentionMs + configuration.bucketWidthMs - 1) / configuration.bucketWidthMs
  }

  /// Removes the buckets of series `id` with an index below `index`, and
  /// their cells.
  private mutating func evict(_ id: Int, before index: Int64) {
    if let first = series[id].first, first.index < index {
      series[id].removeFirst(Self.insertionPoint(series[id], index))
      noteChange(id)
    }
    let cell = index &* cellsPerBucket
    if let first = cells[id].first, first.index < cell {
      cells[id].removeFirst(Self.insertionPoint(cells[id], cell))
    }
  }

  /// Evicts out-of-retention buckets of every series (a quiet series gets no
  /// new bucket that would evict them).
  private mutating func sweep(before index: Int64) {
    for id in series.indices { evict(id, before: index) }
    lastSweepIndex = index
  }

  /// The position of the first bucket of `buckets` with an index ≥ `index`.
  private static func insertionPoint(_ buckets: [MetricBucket], _ index: Int64) -> Int {
    var lo = 0
    var hi = buckets.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if buckets[mid].index < index { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Merges another store with the same configuration into this one (used by
  /// the parallel batch path). Series are matched by key; buckets out of the
  /// merged retention are dropped.
  public mutating func merge(_ other: MetricsStore) {
    if let o = other.newest, newest.map({ o > $0 }) ?? true { newest = o }
    let oldestKept =
      newest.map { floorDiv($0.millisecondsSinceEpoch, configuration.bucketWidthMs) - retentionBuckets }
      ?? .min
    for (otherID, key) in other.keys.enumerated() {
      let id = seriesID(for: key, kind: other.kinds[key.artefact] ?? .model)
      if !other.series[otherID].isEmpty { noteChange(id) }
      for bucket in other.series[otherID] where bucket.index >= oldestKept {
        let position = Self.insertionPoint(series[id], bucket.index)
        if position < series[id].count && series[id][position].index == bucket.index {
          series[id][position].merge(bucket)
        } else {
          series[id].insert(bucket, at: position)
        }
      }
    }
    if cellsPerBucket > 1 {
      for (otherID, key) in other.keys.enumerated() {
        let id = seriesID(for: key, kind: other.kinds[key.artefact] ?? .model)
        for cell in other.cells[otherID] {
          let position = Self.insertionPoint(cells[id], cell.index)
          if position < cells[id].count && cells[id][position].index == cell.index {
            cells[id][position].merge(cell)
          } else {
            cells[id].insert(cell, at: position)
          }
        }
      }
    }
    for id in series.indices { evict(id, before: oldestKept) }
    for (artefact, kind) in other.kinds { kinds[artefact] = kind }
    lateRecords += other.lateRecords
    recordsAccepted += other.recordsAccepted
  }

  /// The buckets of `buckets` whose index lies in `lo..<hi`.
  private static func slice(_ buckets: [MetricBucket], _ lo: Int64, _ hi: Int64) -> ArraySlice<MetricBucket> {
    let start = insertionPoint(buckets, lo)
    let end = max(start, insertionPoint(buckets, hi))
    return buckets[start..<end]
  }

  /// Calls `body` with pieces of series `id` that together hold exactly
  /// the requests of the cells whose start lies in `[from, to)`: whole
  /// buckets inside the window by their aggregate, the buckets the window
  /// cuts by their cells. Without cells (``MetricsConfiguration/usesCells``
  /// off) the pieces are the buckets whose start lies in the window.
  private func forEachPiece(_ id: Int, from: Timestamp, to: Timestamp, _ body: (MetricBucket) -> Void) {
    let width = configuration.bucketWidthMs
    let fromMs = from.millisecondsSinceEpoch
    let toMs = to.millisecondsSinceEpoch
    let ratio = cellsPerBucket
    guard ratio > 1 else {
      for b in Self.slice(series[id], ceilDiv(fromMs, width), ceilDiv(toMs, width)) { body(b) }
      return
    }
    let cell = configuration.cellWidthMs
    let lo = ceilDiv(fromMs, cell)
    let hi = ceilDiv(toMs, cell)
    guard hi > lo else { return }
    // Buckets whose every cell lies in [lo, hi).
    let bucketLo = ceilDiv(lo, ratio)
    let bucketHi = floorDiv(hi, ratio)
    // A cell is passed with its bucket's index, so a merge's index stays in bucket units.
    func cellPiece(_ c: MetricBucket) {
      var piece = c
      piece.index = floorDiv(c.index, ratio)
      body(piece)
    }
    guard bucketLo < bucketHi else {
      for c in Self.slice(cells[id], lo, hi) { cellPiece(c) }
      return
    }
    for c in Self.slice(cells[id], lo, bucketLo * ratio) { cellPiece(c) }
    for b in Self.slice(series[id], bucketLo, bucketHi) { body(b) }
    for c in Self.slice(cells[id], bucketHi * ratio, hi) { cellPiece(c) }
  }

  /// The merged requests of `key` over `[from, to)` (see
  /// ``stats(for:from:to:)`` for what the window covers), or `nil` when the
  /// series is unknown or empty there. The merge's `index` is that of the
  /// bucket holding its earliest piece.
  public func mergedBucket(for key: SeriesKey, from: Timestamp, to: Timestamp) -> MetricBucket? {
    guard let id = ids[key] else { return nil }
    return mergedBucket(ofID: id, from: from, to: to)
  }

  /// ``mergedBucket(for:from:to:)`` of series `id` (`0..<seriesCount`).
  public func mergedBucket(ofID id: Int, from: Timestamp, to: Timestamp) -> MetricBucket? {
    var merged: MetricBucket?
    forEachPiece(id, from: from, to: to) { piece in
      guard piece.requests > 0 else { return }
      if merged == nil { merged = piece } else { merged!.merge(piece) }
    }
    return merged
  }

  /// Whether any series has a request in `[from, to)` (see
  /// ``stats(for:from:to:)``).
  /// O(1) when the newest record is older than `from` (a historic file's
  /// window on every tick), else O(series).
  public func hasRecords(from: Timestamp, to: Timestamp) -> Bool {
    // A piece lies wholly in [from, to), so its records are dated at or after `from`.
    guard let newest, newest >= from else { return false }
    return series.indices.contains { id in
      var any = false
      forEachPiece(id, from: from, to: to) { if $0.requests > 0 { any = true } }
      return any
    }
  }

  /// Every bucket of `key` merged, whatever its time (the batch path's total).
  public func totalBucket(for key: SeriesKey) -> MetricBucket? {
    guard let id = ids[key] else { return nil }
    var merged: MetricBucket?
    for bucket in series[id] where bucket.requests > 0 {
      if merged == nil { merged = bucket } else { merged!.merge(bucket) }
    }
    return merged
  }

  /// Window statistics of the given series merged, over `[from, to)`.
  ///
  /// The window model: a request counts when the start of its cell (its
  /// bucket when the store keeps no cells) lies in the window. With cells
  /// of ``MetricsConfiguration/cellWidthMs`` and window edges on that grid —
  /// what the alert setup arranges for every rule window and evaluation
  /// instant — that is exactly the requests with `from ≤ timestamp < to`:
  /// buckets wholly inside count by their aggregate, the (at most two)
  /// buckets an edge cuts count by their cells. Rates divide by the
  /// window's length in seconds, the time it covers.
  public func stats(for keys: [SeriesKey], from: Timestamp, to: Timestamp) -> WindowStats {
    var merged: MetricBucket?
    for key in keys {
      guard let b = mergedBucket(for: key, from: from, to: to) else { continue }
      if merged == nil { merged = b } else { merged!.merge(b) }
    }
    var s = WindowStats()
    s.windowSeconds = max(0.001, Double(to.milliseconds(since: from)) / 1000)
    guard let m = merged else { return s }
    var out = MetricsStore.stats(of: m, windowSeconds: s.windowSeconds)
    for (i, t) in configuration.latencyThresholdsMs.enumerated() {
      out.slowerThan[t] = i < m.slowCounts.count ? m.slowCounts[i] : 0
    }
    return out
  }

  /// Like ``stats(for:from:to:)`` but counts only — requests, errors,
  /// timeouts, tokens, cost — without merging latency histograms, so no
  /// quantiles (`p50Ms`… stay `nil`). For rates and sums over long windows
  /// (alert rules, SLO burn rates), where the histogram merge is the cost.
  public func counts(for keys: [SeriesKey], from: Timestamp, to: Timestamp) -> WindowStats {
    var s = WindowStats()
    s.windowSeconds = max(0.001, Double(to.milliseconds(since: from)) / 1000)
    var cost = CostSum()
    var costUnknown = 0
    var recomputed = 0
    var recomputedDelta = CostSum()
    var slow = [Int](repeating: 0, count: configuration.latencyThresholdsMs.count)
    for key in keys {
      guard let id = ids[key] else { continue }
      forEachPiece(id, from: from, to: to) { b in
        guard b.requests > 0 else { return }
        s.requests += b.requests
        s.errors += b.errors
        s.timeouts += b.timeouts
        s.inputTokens += b.inputTokens
        s.outputTokens += b.outputTokens
        s.cacheReadTokens += b.cacheReadTokens
        s.cacheWriteTokens += b.cacheWriteTokens
        s.reasoningTokens += b.reasoningTokens
        cost.add(b.cost)
        costUnknown += b.costUnknown
        recomputed += b.recomputedCostRequests
        recomputedDelta.add(b.recomputedCostDelta)
        for (i, n) in b.slowCounts.enumerated() where i < slow.count { slow[i] += n }
      }
    }
    s.costUSD = cost.usd
    s.costUnknownRequests = costUnknown
    s.recomputedCostRequests = recomputed
    s.recomputedCostDeltaUSD = recomputedDelta.usd
    for (i, t) in configuration.latencyThresholdsMs.enumerated() { s.slowerThan[t] = slow[i] }
    return s
  }

  /// Window statistics of one bucket (or a merge of buckets).
  public static func stats(of m: MetricBucket, windowSeconds: Double) -> WindowStats {
    var s = WindowStats()
    s.windowSeconds = windowSeconds
    s.requests = m.requests
    s.errors = m.errors
    s.timeouts = m.timeouts
    s.inputTokens = m.inputTokens
    s.outputTokens = m.outputTokens
    s.cacheReadTokens = m.cacheReadTokens
    s.cacheWriteTokens = m.cacheWriteTokens
    s.reasoningTokens = m.reasoningTokens
    s.costUSD = m.costUSD
    s.costUnknownRequests = m.costUnknown
    s.recomputedCostRequests = m.recomputedCostRequests
    s.recomputedCostDeltaUSD = m.recomputedCostDelta.usd
    if let q = m.latency?.quantiles([0.50, 0.95, 0.99]) {
      s.p50Ms = q[0]
      s.p95Ms = q[1]
      s.p99Ms = q[2]
    }
    s.ttftP95Ms = m.ttft?.quantile(0.95)
    return s
  }

  /// Per-bucket samples of one series over `[from, to)`: one entry per
  /// bucket index from `ceil(from/width)` up to (excluding) `ceil(to/width)`,
  /// `nil` where the bucket is empty.
  public func buckets(for key: SeriesKey, from: Timestamp, to: Timestamp) -> [MetricBucket?] {
    let width = configuration.bucketWidthMs
    let lo = ceilDiv(from.millisecondsSinceEpoch, width)
    let hi = ceilDiv(to.millisecondsSinceEpoch, width)
    guard hi > lo, hi - lo <= 1_000_000 else { return [] }
    var out = [MetricBucket?](repeating: nil, count: Int(hi - lo))
    guard let id = ids[key] else { return out }
    for bucket in Self.slice(series[id], lo, hi) {
      out[Int(bucket.index - lo)] = bucket
    }
    return out
  }

  /// Number of non-empty cells held over all series (0 when the store
  /// keeps no cells, ``MetricsConfiguration/usesCells``).
  public var totalCellCount: Int { cells.reduce(0) { $0 + $1.count } }

  /// Total bytes held by latency histograms, of buckets and cells (for the
  /// memory benchmark).
  public var histogramFootprintBytes: Int {
    (series + cells).reduce(0) { total, buckets in
      buckets.reduce(total) { $0 + ($1.latency?.footprintBytes ?? 0) + ($1.ttft?.footprintBytes ?? 0) }
    }
  }
}

@inline(__always) func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

@inline(__always) func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 {
  -floorDiv(-a, b)
}
