/// Counts of ingestion errors by arrival time on the engine clock, for the
/// `ingest_errors` metric: per-second counts, pruned behind a retention.
public struct IngestErrorLog: Sendable, Hashable {
  /// Second (ms since epoch ÷ 1000) → errors noted in it, oldest first.
  private var seconds: [(second: Int64, count: Int)] = []
  /// How long counts are kept, ms (default 1 h; the alert setup raises it to
  /// the longest `ingest_errors` window).
  public var retentionMs: Int64

  /// Creates an empty log.
  public init(retentionMs: Int64 = 3_600_000) { self.retentionMs = retentionMs }

  /// Notes `count` errors at `at` (times going backwards land in the newest second).
  public mutating func add(at: Timestamp, count: Int = 1) {
    let s = at.millisecondsSinceEpoch / 1000
    if let last = seconds.last, last.second >= s {
      seconds[seconds.count - 1].count += count
    } else {
      seconds.append((s, count))
    }
    let oldest = s - retentionMs / 1000 - 1
    if let first = seconds.first, first.second < oldest {
      seconds.removeFirst(seconds.firstIndex { $0.second >= oldest } ?? seconds.count)
    }
  }

  /// Errors noted in the seconds whose start lies in `[from, to]`: an
  /// error noted during the evaluation's own second counts.
  public func count(from: Timestamp, to: Timestamp) -> Int {
    let lo = from.millisecondsSinceEpoch
    let hi = to.millisecondsSinceEpoch
    return seconds.reduce(0) { $0 + (($1.second * 1000 >= lo && $1.second * 1000 <= hi) ? $1.count : 0) }
  }

  /// Compares the per-second counts.
  public static func == (a: IngestErrorLog, b: IngestErrorLog) -> Bool {
    a.retentionMs == b.retentionMs && a.seconds.elementsEqual(b.seconds) { $0 == $1 }
  }

  /// Hashes the counts.
  public func hash(into h: inout Hasher) {
    h.combine(retentionMs)
    for e in seconds {
      h.combine(e.second)
      h.combine(e.count)
    }
  }
}
