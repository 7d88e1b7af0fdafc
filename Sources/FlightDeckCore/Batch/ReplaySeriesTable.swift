/// Per-series totals of one part of a replay: one all-time ``MetricBucket``
/// per (artefact, version, route), indexed by a dense series id.
///
/// The batch path's replacement for a ``MetricsStore``: a replay has a single
/// time bucket per series, so the store's ring and slot arithmetic (two 64-bit
/// divisions and a nested-array lookup per record) is not needed. Records are
/// added with the live path's own ``MetricBucket/add(_:digits:)``, so counts,
/// sums and histograms are the same as the store's.
///
/// Series are found by a ``SeriesInterner`` on the raw bytes of their names
/// (from a scanned line, or from a ``SeriesKey``'s UTF-8), not by a
/// `Dictionary` of ``SeriesKey``, whose SipHash of two Strings per lookup
/// was a tenth of a replay's time at 100 000 series. The kind of each series'
/// first record is kept by id; an artefact's kind is the one of its series
/// with the lowest id (``artefactKind(ofSeriesIn:)``), the kind of its first
/// record.
///
/// Latency distributions keep their first ``LatencyHistogram/exactCapacity``
/// values exactly (so a series with few requests costs a few hundred bytes
/// and its quantiles are exact), then count them in the occupied buckets of
/// a 3-digit log-bucketed histogram, so a series' memory follows the
/// distinct latencies it saw (at most 8 bytes per occupied bucket), not the
/// histogram's range.
///
/// A replay thread's table *accumulates*: its requests go into a
/// ``ReplaySeriesAccumulator`` (one 64-byte record per series, latencies in
/// shared chunks), which ``settle()`` turns into the same ``MetricBucket``s
/// when the thread has read its part.
struct ReplaySeriesTable: Sendable {
  /// Histogram precision (``MetricsConfiguration/batch``'s).
  let digits: SignificantDigits
  /// Keys by series id.
  private(set) var keys: [SeriesKey] = []
  /// Totals by series id.
  private(set) var buckets: [MetricBucket] = []
  /// Kind of each series' first record, by series id.
  private(set) var kinds: [ArtefactKind] = []
  private var interner = SeriesInterner()
  /// The totals of an accumulating table, until ``settle()``; `buckets` is
  /// empty meanwhile.
  private var pending: ReplaySeriesAccumulator? {
    didSet { pendingReference = pending.map { Unmanaged.passUnretained($0) } }
  }
  /// `pending` without reference counting, for the per-request path (a
  /// retain and release per request were 8 % of a replay); `pending` keeps
  /// it alive.
  private var pendingReference: Unmanaged<ReplaySeriesAccumulator>?

  /// An empty table keeping latencies with `digits` significant digits;
  /// `accumulating` for one replay thread's part (``settle()`` when done).
  init(digits: SignificantDigits = MetricsConfiguration.batch.latencyDigits, accumulating: Bool = false) {
    self.digits = digits
    let accumulator = accumulating ? ReplaySeriesAccumulator(digits: digits) : nil
    pending = accumulator
    pendingReference = accumulator.map { Unmanaged.passUnretained($0) }
  }

  /// Number of series.
  var count: Int { keys.count }

  /// Whether the table has no series.
  var isEmpty: Bool { keys.isEmpty }

  /// The id of the series named by these raw bytes and the hash of the bytes
  /// (to pass to ``insert(_:kind:artefact:version:hash:)``); the id is `nil`
  /// when the table has no such series.
  @inline(__always)
  func lookup(artefact: UnsafeRawBufferPointer, version: UnsafeRawBufferPointer, route: Route) -> (
    id: Int?, hash: UInt64
  ) {
    interner.lookup(artefact: artefact, version: version, route: route)
  }

  /// The id of the series, `nil` when the table has none; `hash` is
  /// ``SeriesInterner/hash(_:_:_:)`` of the same bytes and route.
  @inline(__always)
  func lookup(artefact: UnsafeRawBufferPointer, version: UnsafeRawBufferPointer, route: Route, hash: UInt64)
    -> Int?
  {
    interner.lookup(artefact: artefact, version: version, route: route, hash: hash)
  }

  /// Prefetches the hash table slot of a series (see ``prefetchSeries(hash:)``).
  @inline(__always)
  func prefetchSlot(hash: UInt64) { interner.prefetchSlot(hash: hash) }

  /// Prefetches the entry and, in an accumulating table, the totals of the
  /// series the slot of `hash` points to (best after ``prefetchSlot(hash:)``).
  @inline(__always)
  func prefetchSeries(hash: UInt64) {
    guard let id = interner.prefetchEntry(hash: hash), let accumulator = pendingReference else { return }
    accumulator._withUnsafeGuaranteedRef { $0.prefetch(series: id) }
  }

  /// Prefetches the name bytes of the series the slot of `hash` points to
  /// and, in an accumulating table, the latency slot its next request will
  /// fill (best a line after ``prefetchSeries(hash:)``, once its entry and
  /// totals have arrived).
  @inline(__always)
  func prefetchNamesAndLatencySlot(hash: UInt64) {
    guard let id = interner.prefetchNames(hash: hash), let accumulator = pendingReference else { return }
    accumulator._withUnsafeGuaranteedRef { $0.prefetchLatencySlot(series: id) }
  }

  /// Creates an empty series for `key`, whose names' bytes are `artefact`
  /// and `version` and which ``lookup(artefact:version:route:)`` did not find
  /// (returning `hash`); returns its id (0, 1, 2, … in order of creation).
  mutating func insert(
    _ key: SeriesKey, kind: ArtefactKind, artefact: UnsafeRawBufferPointer, version: UnsafeRawBufferPointer,
    hash: UInt64
  ) -> Int {
    let id = interner.insert(artefact: artefact, version: version, route: key.route, hash: hash)
    keys.append(key)
    kinds.append(kind)
    if let pending { pending.appendSeries() } else { buckets.append(MetricBucket(index: 0)) }
    return id
  }

  /// The id of `key`, or `nil` when the table has no such series.
  func id(of key: SeriesKey) -> Int? {
    ReplaySeriesTable.withBytes(of: key) { a, v in lookup(artefact: a, version: v, route: key.route).id }
  }

  /// Whether the table has a series for `key`.
  func contains(_ key: SeriesKey) -> Bool { id(of: key) != nil }

  /// The dense id of `key` (0, 1, 2, … in order of first sight), creating an
  /// empty series of `kind` when new.
  mutating func id(for key: SeriesKey, kind: ArtefactKind) -> Int {
    ReplaySeriesTable.withBytes(of: key) { a, v in
      let (found, h) = lookup(artefact: a, version: v, route: key.route)
      if let found { return found }
      return insert(key, kind: kind, artefact: a, version: v, hash: h)
    }
  }

  /// Calls `body` with the UTF-8 bytes of `key`'s artefact and version.
  static func withBytes<R>(
    of key: SeriesKey, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> R
  ) -> R {
    var artefact = key.artefact
    var version = key.version
    return artefact.withUTF8 { a in
      version.withUTF8 { v in body(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(v)) }
    }
  }

  /// Adds one request to series `id` (from ``id(for:kind:)`` or ``insert(_:kind:artefact:version:hash:)``).
  @inline(__always)
  mutating func add(series id: Int, sample: MetricSample) {
    if let accumulator = pendingReference {
      accumulator._withUnsafeGuaranteedRef { $0.add(series: id, sample: sample) }
    } else {
      buckets[id].add(sample, digits: digits)
    }
  }

  /// Turns an accumulating table's totals into ``buckets`` (one per series,
  /// as ``MetricBucket/add(_:digits:)`` would have made them) and frees the
  /// accumulator; does nothing for a table that is not accumulating.
  mutating func settle() {
    guard let pending else { return }
    buckets.reserveCapacity(pending.count)
    for id in buckets.count..<pending.count { buckets.append(pending.bucket(id)) }
    self.pending = nil
  }

  /// Adds every series of `other` (matched by key; new keys are appended
  /// while the table holds fewer than `limit` series) and returns the
  /// records of the series left out by the limit. Kinds already known here
  /// win, so merging parts in file order keeps the kind of each series'
  /// first record. Merged into an empty table, `other` is taken whole when
  /// it fits the limit.
  @discardableResult
  mutating func merge(_ other: ReplaySeriesTable, limit: Int = .max) -> Int {
    settle()
    guard other.pending == nil else {
      var settled = other
      settled.settle()
      return merge(settled, limit: limit)
    }
    if keys.isEmpty && other.count <= limit && digits == other.digits {
      self = other
      return 0
    }
    var refused = 0
    for (otherID, key) in other.keys.enumerated() {
      let id: Int
      if let found = self.id(of: key) {
        id = found
      } else if keys.count < limit {
        id = self.id(for: key, kind: other.kinds[otherID])
      } else {
        refused += other.buckets[otherID].requests
        continue
      }
      buckets[id].merge(other.buckets[otherID])
    }
    return refused
  }

  /// The kind of each artefact, for series ids `ids` sorted by key (so the
  /// series of one artefact are adjacent): the kind of the artefact's series
  /// with the lowest id, the first seen, whose first record is the
  /// artefact's first. Returned by position in `ids`.
  func artefactKind(ofSeriesIn ids: [Int]) -> [ArtefactKind] {
    var result: [ArtefactKind] = []
    result.reserveCapacity(ids.count)
    var start = 0
    while start < ids.count {
      let artefact = keys[ids[start]].artefact
      var end = start + 1
      var first = ids[start]
      while end < ids.count && keys[ids[end]].artefact == artefact {
        first = min(first, ids[end])
        end += 1
      }
      result += repeatElement(kinds[first], count: end - start)
      start = end
    }
    return result
  }
}
