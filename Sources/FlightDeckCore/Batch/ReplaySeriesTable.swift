import Histogram

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
/// and its quantiles are exact); when one materialises its HdrHistogram, the
/// histogram's range is pre-sized to ``presizedLatencyMicroseconds``.
/// hdrhistogram-swift's auto-resize grows the
/// counts array with a generic `append(contentsOf: repeatElement(...))` that
/// is not specialised across the module boundary and costs hundreds of
/// instructions per new count (profiled with callgrind: over half of a
/// 100 000-line replay). Pre-sizing changes neither the bucket layout nor any
/// quantile: the layout depends only on the significant digits and the
/// lowest discernible value (1 ns), and values above the range still
/// auto-resize.
struct ReplaySeriesTable: Sendable {
  /// Upper end of the pre-sized latency range, µs (120 s: above the common
  /// 60 s request timeout). The histogram counts nanoseconds, so with 3
  /// significant digits this is 28 × 1024 4-byte counts (2048 · 2²⁶ ns ≥
  /// 120 s: 27 buckets, plus one), 112 KiB per series with more than
  /// ``LatencyHistogram/exactCapacity`` requests (nothing for smaller ones).
  static let presizedLatencyMicroseconds: UInt64 = 120_000_000

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
    var bucket = MetricBucket(index: 0)
    bucket.latency = ReplaySeriesTable.latencyHistogram(digits: digits)
    buckets.append(bucket)
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

  /// An empty latency distribution, exact up to
  /// ``LatencyHistogram/exactCapacity`` values, whose histogram (`digits`
  /// significant digits) covers 1 ns … ``presizedLatencyMicroseconds`` as
  /// soon as it materialises (auto-resizing above).
  static func latencyHistogram(digits: SignificantDigits) -> LatencyHistogram {
    LatencyHistogram(digits: digits, presizedMicroseconds: presizedLatencyMicroseconds)
  }
}
