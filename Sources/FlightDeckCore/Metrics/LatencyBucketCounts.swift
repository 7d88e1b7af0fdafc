/// Counts per occupied bucket of a ``LatencyBucketLayout``, stored so that
/// memory follows the occupied buckets, not the layout's range.
///
/// Two parts: a *dense window*, one `UInt32` count per bucket of a range of
/// bucket indices (where most values fall: a value there costs an index
/// computation and an increment), and a *sparse* sorted array of the other
/// occupied buckets, one `UInt64` each (index in the top 24 bits, count in the
/// low 40 bits: a binary search, and an insertion for a new bucket).
///
/// The window is chosen over all occupied buckets (when the histogram is
/// built, then whenever the sparse part has doubled, and on a merge) as the
/// range that saves the most memory: each occupied bucket inside it saves its
/// 8 sparse bytes, each bucket of the range costs 4 (a maximum-sum
/// subarray, Kadane's algorithm, over the sorted occupied buckets). So the
/// heap held is at most 8 bytes per occupied bucket, plus the sparse array's
/// spare capacity, and the number of occupied buckets is at most the number of
/// values recorded. A compact body of latencies ends up in the window; a long
/// tail or a cluster of timeouts stays sparse without stretching it. This is
/// DDSketch's split between dense and sparse stores (Masson, Rim & Lee,
/// *DDSketch*, VLDB 2019, §3.3) keyed by HdrHistogram's bucket indices, so
/// that quantiles stay those of an HdrHistogram of the same digits.
///
/// A sparse count holds up to 2^40 − 1 (about 1.1 × 10^12) values; a window
/// count that would pass `UInt32.max` turns the whole store sparse for good.
/// Values beyond 2^40 − 1 in one bucket are not counted
/// (``add(index:count:)`` returns how many were).
@usableFromInline
struct LatencyBucketCounts: Sendable {
  @usableFromInline static let countBits: UInt64 = 40
  @usableFromInline static let countMask: UInt64 = (1 << 40) - 1

  /// The window: the count of bucket `denseBase + i` at `i`.
  @usableFromInline var dense: [UInt32] = []
  /// Bucket index of `dense[0]`.
  @usableFromInline var denseBase = 0
  /// Non-zero entries of `dense`.
  @usableFromInline var denseOccupied = 0
  /// Occupied buckets outside the window: `index << 40 | count`, ascending.
  @usableFromInline var sparse: [UInt64] = []
  /// Size of `sparse` at which the window is chosen again.
  @usableFromInline var rebalanceAt = 32
  /// False once a window count overflowed: the store then stays sparse.
  @usableFromInline var mayBeDense = true

  @usableFromInline init() {}

  /// Occupied buckets.
  var occupiedBuckets: Int { denseOccupied + sparse.count }

  /// Heap bytes held by the arrays (their capacity).
  var footprintBytes: Int {
    sparse.capacity * MemoryLayout<UInt64>.stride + dense.capacity * MemoryLayout<UInt32>.stride
  }

  /// Adds one value to bucket `index` (the hot path of recording).
  @inlinable @inline(__always)
  mutating func increment(index: Int) {
    let i = index &- denseBase
    if UInt(bitPattern: i) < UInt(dense.count) {
      let c = dense[i]
      if c != 0 && c != UInt32.max {
        dense[i] = c &+ 1
        return
      }
    }
    _ = add(index: index, count: 1)
  }

  /// Adds `count` values to bucket `index`; returns how many were counted
  /// (all of them unless the bucket reached 2^40 − 1).
  @usableFromInline
  mutating func add(index: Int, count: UInt64) -> UInt64 {
    guard count > 0 else { return 0 }
    let i = index - denseBase
    if i >= 0 && i < dense.count {
      let sum = UInt64(dense[i]) + count
      if sum <= UInt64(UInt32.max) {
        if dense[i] == 0 { denseOccupied += 1 }
        dense[i] = UInt32(sum)
        return count
      }
      mayBeDense = false
      rebuild(entries())
      return add(index: index, count: count)
    }
    let key = UInt64(index)
    var lo = 0
    var hi = sparse.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if sparse[mid] >> LatencyBucketCounts.countBits < key { lo = mid + 1 } else { hi = mid }
    }
    if lo < sparse.count && sparse[lo] >> LatencyBucketCounts.countBits == key {
      let c = sparse[lo] & LatencyBucketCounts.countMask
      let added = Swift.min(count, LatencyBucketCounts.countMask - c)
      sparse[lo] += added
      return added
    }
    let added = Swift.min(count, LatencyBucketCounts.countMask)
    sparse.insert(key << LatencyBucketCounts.countBits | added, at: lo)
    if sparse.count >= rebalanceAt { rebuild(entries()) }
    return added
  }

  /// Calls `body` with every occupied bucket's index and count, ascending by
  /// index, until it returns `false`.
  @inlinable
  func forEachBucket(_ body: (_ index: Int, _ count: UInt64) -> Bool) {
    var s = 0
    // Sparse buckets below the window, the window, then those above.
    while s < sparse.count, Int(sparse[s] >> LatencyBucketCounts.countBits) < denseBase {
      if !body(Int(sparse[s] >> LatencyBucketCounts.countBits), sparse[s] & LatencyBucketCounts.countMask) {
        return
      }
      s += 1
    }
    for (i, c) in dense.enumerated() where c != 0 {
      if !body(denseBase + i, UInt64(c)) { return }
    }
    while s < sparse.count {
      if !body(Int(sparse[s] >> LatencyBucketCounts.countBits), sparse[s] & LatencyBucketCounts.countMask) {
        return
      }
      s += 1
    }
  }

  /// Every occupied bucket as `index << 40 | count`, ascending.
  func entries() -> [UInt64] {
    var out: [UInt64] = []
    out.reserveCapacity(occupiedBuckets)
    forEachBucket { i, c in
      out.append(UInt64(i) << LatencyBucketCounts.countBits | c)
      return true
    }
    return out
  }

  /// Adds every bucket of `other`; returns how many values were counted.
  @usableFromInline
  mutating func add(_ other: LatencyBucketCounts) -> UInt64 {
    add(sortedEntries: other.entries())
  }

  /// Adds `others` (`index << 40 | count`, ascending, each index once) in
  /// one merge with the occupied buckets, then chooses the window again;
  /// returns how many values were counted. The same counts as adding each
  /// with ``add(index:count:)``, without a search and an insertion per new
  /// bucket.
  @usableFromInline
  mutating func add(sortedEntries others: [UInt64]) -> UInt64 {
    let mine = entries()
    var merged: [UInt64] = []
    merged.reserveCapacity(mine.count + others.count)
    var added: UInt64 = 0
    var j = 0
    for entry in others {
      let i = Int(entry >> LatencyBucketCounts.countBits)
      let c = entry & LatencyBucketCounts.countMask
      let key = UInt64(i)
      while j < mine.count && mine[j] >> LatencyBucketCounts.countBits < key {
        merged.append(mine[j])
        j += 1
      }
      if j < mine.count && mine[j] >> LatencyBucketCounts.countBits == key {
        let take = Swift.min(c, LatencyBucketCounts.countMask - (mine[j] & LatencyBucketCounts.countMask))
        merged.append(mine[j] + take)
        added += take
        j += 1
      } else {
        let take = Swift.min(c, LatencyBucketCounts.countMask)
        merged.append(key << LatencyBucketCounts.countBits | take)
        added += take
      }
    }
    merged.append(contentsOf: mine[j...])
    rebuild(merged)
    return added
  }

  /// Lays `entries` (ascending, `index << 40 | count`) out again: the window
  /// that saves the most memory, the rest sparse.
  @usableFromInline
  mutating func rebuild(_ entries: [UInt64]) {
    let bits = LatencyBucketCounts.countBits
    // Kadane over the occupied buckets: a range [a, b] holding m of them
    // saves 8·m − 4·(b − a + 1) bytes against keeping them all sparse.
    var best = 0
    var bestStart = 0
    var bestEnd = -1
    var current = 0
    var currentStart = 0
    if mayBeDense {
      for (k, e) in entries.enumerated() {
        guard e & LatencyBucketCounts.countMask <= UInt64(UInt32.max) else {
          current = 0
          currentStart = k + 1
          continue
        }
        let gap = k > currentStart ? Int((e >> bits) - (entries[k - 1] >> bits)) : 1
        if k > currentStart && current + 8 - 4 * gap > 4 {
          current += 8 - 4 * gap
        } else {
          current = 4
          currentStart = k
        }
        if current > best {
          best = current
          bestStart = currentStart
          bestEnd = k
        }
      }
    }
    guard bestEnd >= bestStart else {
      dense = []
      denseBase = 0
      denseOccupied = 0
      sparse = entries
      rebalanceAt = Swift.max(32, 2 * sparse.count)
      return
    }
    let base = Int(entries[bestStart] >> bits)
    var window = [UInt32](repeating: 0, count: Int(entries[bestEnd] >> bits) - base + 1)
    for e in entries[bestStart...bestEnd] {
      window[Int(e >> bits) - base] = UInt32(e & LatencyBucketCounts.countMask)
    }
    var rest: [UInt64] = []
    rest.reserveCapacity(entries.count - (bestEnd - bestStart + 1))
    rest.append(contentsOf: entries[..<bestStart])
    rest.append(contentsOf: entries[(bestEnd + 1)...])
    dense = window
    denseBase = base
    denseOccupied = bestEnd - bestStart + 1
    sparse = rest
    rebalanceAt = Swift.max(32, 2 * sparse.count)
  }
}
