/// Remembers, per series, the merge of the window's finished buckets between
/// snapshots.
///
/// A snapshot merges every bucket of the window per series (91 buckets of
/// 10 s for 15 minutes, each with a latency histogram of a few thousand
/// counts), once a second even when idle. Only the newest bucket changes
/// between two snapshots inside the same 10 seconds, so the merge of the
/// older ("finished") buckets is kept and reused while the window's first
/// bucket, the current bucket and the finished buckets' request counts are
/// unchanged; a late record changes those counts and forces a recompute.
/// Owned by one ``DashboardEngine``; not thread-safe.
public final class WindowMergeCache {
  private struct Entry {
    var lo: Int64
    var current: Int64
    var buckets: Int
    var requests: Int
    var merged: MetricBucket?
  }
  private var entries: [SeriesKey: Entry] = [:]
  /// Merges answered from the cache (for tests).
  public private(set) var hits = 0
  /// Merges recomputed.
  public private(set) var misses = 0

  /// Creates an empty cache.
  public init() {}

  /// The merge of `key`'s buckets whose start lies in `[from, to)` — the
  /// same value as ``MetricsStore/mergedBucket(for:from:to:)`` — where
  /// `to` is the end of the current bucket.
  public func merged(_ store: MetricsStore, _ key: SeriesKey, from: Timestamp, to: Timestamp) -> MetricBucket?
  {
    let width = store.configuration.bucketWidthMs
    let currentStart = Timestamp(millisecondsSinceEpoch: to.millisecondsSinceEpoch - width)
    let finished = store.buckets(for: key, from: from, to: currentStart).compactMap { $0 }.filter {
      $0.requests > 0
    }
    let lo = from.millisecondsSinceEpoch / width
    let current = currentStart.millisecondsSinceEpoch / width
    let requests = finished.reduce(0) { $0 + $1.requests }
    var closed: MetricBucket?
    if let e = entries[key], e.lo == lo, e.current == current, e.buckets == finished.count,
      e.requests == requests
    {
      hits += 1
      closed = e.merged
    } else {
      misses += 1
      for b in finished {
        if closed == nil { closed = b } else { closed!.merge(b) }
      }
      entries[key] = Entry(
        lo: lo, current: current, buckets: finished.count, requests: requests, merged: closed)
    }
    guard let now = store.mergedBucket(for: key, from: currentStart, to: to) else { return closed }
    guard var result = closed else { return now }
    result.merge(now)
    return result
  }
}
