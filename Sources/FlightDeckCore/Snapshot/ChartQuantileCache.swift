/// Remembers the p95 of chart buckets between snapshots.
///
/// A chart sample is the p95 of one 10-second bucket of one series. Finished
/// buckets rarely change (only a late record changes them), yet a snapshot is
/// built every second and a 15-minute chart has 91 samples per series, so
/// recomputing them all dominated an idle dashboard's CPU. An entry is reused
/// while its bucket's request count is unchanged, which catches late records
/// too. Owned by one ``DashboardEngine``; not thread-safe.
public final class ChartQuantileCache {
  private struct Entry {
    var requests: Int
    var p95Ms: Double?
  }
  private var entries: [SeriesKey: [Int64: Entry]] = [:]
  private var prunedBefore = Int64.min
  /// Lookups answered from the cache (for tests and benchmarks).
  public private(set) var hits = 0
  /// Lookups that had to compute the quantile.
  public private(set) var misses = 0

  /// Creates an empty cache.
  public init() {}

  /// The p95 latency in ms of `bucket` of series `key`, from the cache when
  /// the bucket has not changed since it was computed.
  public func p95(_ key: SeriesKey, _ bucket: MetricBucket) -> Double? {
    if let e = entries[key]?[bucket.index], e.requests == bucket.requests {
      hits += 1
      return e.p95Ms
    }
    misses += 1
    let value = bucket.latency?.quantile(0.95)
    entries[key, default: [:]][bucket.index] = Entry(requests: bucket.requests, p95Ms: value)
    return value
  }

  /// Forgets buckets with an index below `index` (out of the window).
  /// Cheap when called again with the same index (once per snapshot).
  public func prune(before index: Int64) {
    guard index > prunedBefore else { return }
    prunedBefore = index
    for key in Array(entries.keys) {
      entries[key] = entries[key]?.filter { $0.key >= index }
      if entries[key]?.isEmpty ?? false { entries[key] = nil }
    }
  }
}
