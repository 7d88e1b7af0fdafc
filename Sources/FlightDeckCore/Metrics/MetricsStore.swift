import Histogram

/// Rolling per-series metrics: time buckets per (artefact, version, route).
///
/// Each series keeps a ring of ``MetricsConfiguration/bucketsPerSeries``
/// buckets of ``MetricsConfiguration/bucketWidthMs``. A record lands in the
/// bucket `floor(ts / width)`, in or out of order, as long as that bucket is
/// within the retention behind the newest record seen; older records are
/// counted in ``lateRecords`` and dropped. Memory is therefore bounded by
/// retention × series, not by the number of events seen.
///
/// Time here is *data time*: retention is measured from the newest record's
/// timestamp, so a historic file is aggregated the same way as live traffic.
/// Queries take explicit window bounds.
public struct MetricsStore: Sendable {
  /// The bucketing configuration.
  public let configuration: MetricsConfiguration
  private var keys: [SeriesKey] = []
  private var ids: [SeriesKey: Int] = [:]
  private var rings: [[MetricBucket?]] = []
  private var kinds: [String: ArtefactKind] = [:]
  /// The newest record timestamp seen, if any.
  public private(set) var newest: Timestamp?
  /// Records dropped because they were older than the retention when they arrived.
  public private(set) var lateRecords: Int = 0
  /// Records accepted.
  public private(set) var recordsAccepted: Int = 0

  /// Creates an empty store.
  public init(configuration: MetricsConfiguration = MetricsConfiguration()) {
    self.configuration = configuration
  }

  /// Every series seen, in the order first seen.
  public var seriesKeys: [SeriesKey] { keys }

  /// The kind last reported for `artefact`.
  public func kind(of artefact: String) -> ArtefactKind? { kinds[artefact] }

  /// The dense id of `key`, creating the series when new. Ids are stable for
  /// the store's life and start at 0.
  public mutating func seriesID(for key: SeriesKey, kind: ArtefactKind) -> Int {
    kinds[key.artefact] = kind
    if let id = ids[key] { return id }
    let id = keys.count
    keys.append(key)
    ids[key] = id
    rings.append(Array(repeating: nil, count: configuration.bucketsPerSeries))
    return id
  }

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
    if let n = newest {
      if ts > n.millisecondsSinceEpoch { newest = sample.timestamp }
    } else {
      newest = sample.timestamp
    }
    let newestIndex = floorDiv(newest!.millisecondsSinceEpoch, width)
    let index = floorDiv(ts, width)
    let capacity = Int64(configuration.bucketsPerSeries)
    if index <= newestIndex - capacity || index < newestIndex - retentionBuckets {
      lateRecords += 1
      return false
    }
    let slot = Int(((index % capacity) + capacity) % capacity)
    if rings[id][slot]?.index != index {
      if let existing = rings[id][slot]?.index, existing > index {
        lateRecords += 1
        return false
      }
      rings[id][slot] = MetricBucket(index: index)
    }
    rings[id][slot]!.add(sample, digits: configuration.latencyDigits)
    recordsAccepted += 1
    return true
  }

  private var retentionBuckets: Int64 {
    (configuration.retentionMs + configuration.bucketWidthMs - 1) / configuration.bucketWidthMs
  }

  /// Merges another store with the same configuration into this one (used by
  /// the parallel batch path). Series are matched by key.
  public mutating func merge(_ other: MetricsStore) {
    for (otherID, key) in other.keys.enumerated() {
      let id = seriesID(for: key, kind: other.kinds[key.artefact] ?? .model)
      for bucket in other.rings[otherID] {
        guard let bucket else { continue }
        let capacity = Int64(configuration.bucketsPerSeries)
        let slot = Int(((bucket.index % capacity) + capacity) % capacity)
        if rings[id][slot]?.index == bucket.index {
          rings[id][slot]!.merge(bucket)
        } else if (rings[id][slot]?.index ?? Int64.min) < bucket.index {
          rings[id][slot] = bucket
        }
      }
    }
    for (artefact, kind) in other.kinds { kinds[artefact] = kind }
    if let o = other.newest, newest.map({ o > $0 }) ?? true { newest = o }
    lateRecords += other.lateRecords
    recordsAccepted += other.recordsAccepted
  }

  /// The merged bucket of `key` over buckets whose start lies in
  /// `[from, to)`, or `nil` when the series is unknown or empty there.
  public func mergedBucket(for key: SeriesKey, from: Timestamp, to: Timestamp) -> MetricBucket? {
    guard let id = ids[key] else { return nil }
    let width = configuration.bucketWidthMs
    let lo = ceilDiv(from.millisecondsSinceEpoch, width)
    let hi = ceilDiv(to.millisecondsSinceEpoch, width)
    var merged: MetricBucket?
    for bucket in rings[id] {
      guard let bucket, bucket.index >= lo, bucket.index < hi, bucket.requests > 0 else { continue }
      if merged == nil { merged = bucket } else { merged!.merge(bucket) }
    }
    return merged
  }

  /// Every bucket of `key` merged, whatever its time (the batch path's total).
  public func totalBucket(for key: SeriesKey) -> MetricBucket? {
    guard let id = ids[key] else { return nil }
    var merged: MetricBucket?
    for bucket in rings[id] {
      guard let bucket, bucket.requests > 0 else { continue }
      if merged == nil { merged = bucket } else { merged!.merge(bucket) }
    }
    return merged
  }

  /// Window statistics of the given series merged, over `[from, to)`.
  ///
  /// A bucket counts when its start lies in the window; rates divide by the
  /// window's length in seconds.
  public func stats(for keys: [SeriesKey], from: Timestamp, to: Timestamp) -> WindowStats {
    var merged: MetricBucket?
    for key in keys {
      guard let b = mergedBucket(for: key, from: from, to: to) else { continue }
      if merged == nil { merged = b } else { merged!.merge(b) }
    }
    var s = WindowStats()
    s.windowSeconds = max(0.001, Double(to.milliseconds(since: from)) / 1000)
    guard let m = merged else { return s }
    return MetricsStore.stats(of: m, windowSeconds: s.windowSeconds)
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
    s.costUSD = m.costUSD
    s.costUnknownRequests = m.costUnknown
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
    for bucket in rings[id] {
      guard let bucket, bucket.index >= lo, bucket.index < hi else { continue }
      out[Int(bucket.index - lo)] = bucket
    }
    return out
  }

  /// Total bytes held by latency histograms (for the memory benchmark).
  public var histogramFootprintBytes: Int {
    rings.reduce(0) { total, ring in
      ring.reduce(total) { $0 + ($1?.latency?.footprintBytes ?? 0) + ($1?.ttft?.footprintBytes ?? 0) }
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
