/// Per-series totals of one part of a replay: one all-time ``MetricBucket``
/// per (artefact, version, route), indexed by a dense series id.
///
/// The batch path's replacement for a ``MetricsStore``: a replay has a single
/// time bucket per series, so the store's ring and slot arithmetic (two 64-bit
/// divisions and a nested-array lookup per record) is not needed. Records are
/// added with the live path's own ``MetricBucket/add(_:digits:)``, so counts,
/// sums and histograms are the same as the store's.
///
/// Latency distributions keep their first ``LatencyHistogram/exactCapacity``
/// values exactly (so a series with few requests costs a few hundred bytes
/// and its quantiles are exact), then count them in the occupied buckets of
/// a 3-digit log-bucketed histogram, so a series' memory follows the
/// distinct latencies it saw (at most 8 bytes per occupied bucket), not the
/// histogram's range.
struct ReplaySeriesTable: Sendable {
  /// Histogram precision (``MetricsConfiguration/batch``'s).
  let digits: SignificantDigits
  /// Keys by series id.
  private(set) var keys: [SeriesKey] = []
  /// Totals by series id.
  private(set) var buckets: [MetricBucket] = []
  /// Kind of each artefact: the kind of its first record.
  private(set) var kinds: [String: ArtefactKind] = [:]
  private var ids: [SeriesKey: Int] = [:]

  /// An empty table keeping latencies with `digits` significant digits.
  init(digits: SignificantDigits = MetricsConfiguration.batch.latencyDigits) {
    self.digits = digits
  }

  /// The dense id of `key` (0, 1, 2, … in order of first sight), creating an
  /// empty series when new.
  mutating func id(for key: SeriesKey, kind: ArtefactKind) -> Int {
    if let id = ids[key] { return id }
    let id = keys.count
    keys.append(key)
    ids[key] = id
    if kinds[key.artefact] == nil { kinds[key.artefact] = kind }
    buckets.append(MetricBucket(index: 0))
    return id
  }

  /// Adds one request to series `id` (from ``id(for:kind:)``).
  @inline(__always)
  mutating func add(series id: Int, sample: MetricSample) {
    buckets[id].add(sample, digits: digits)
  }

  /// Adds one decoded record to its series.
  mutating func add(_ record: TelemetryRecord) {
    add(series: id(for: record.seriesKey, kind: record.kind), sample: MetricSample(record))
  }

  /// Adds every series of `other` (matched by key; new keys are appended).
  /// Artefact kinds already known here win, so merging parts in file order
  /// keeps the kind of each artefact's first record.
  mutating func merge(_ other: ReplaySeriesTable) {
    for (otherID, key) in other.keys.enumerated() {
      let id = id(for: key, kind: other.kinds[key.artefact] ?? .model)
      buckets[id].merge(other.buckets[otherID])
    }
  }
}
