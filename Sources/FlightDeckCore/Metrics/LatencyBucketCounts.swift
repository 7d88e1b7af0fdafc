/// Counts per occupied bucket of a ``LatencyBucketLayout``, stored so that
/// memory follows the occupied buckets, not the layout's range.
///
/// Two forms, chosen by how the occupied buckets lie:
/// - **sparse**: a sorted array of the occupied buckets, each one `UInt64`
///   (index in the top 24 bits, count in the low 40 bits): 8 bytes per
///   occupied bucket. A value in an occupied bucket costs a binary search; a
///   new bucket, an insertion.
/// - **dense**: one `UInt32` count per bucket from the lowest to the highest
///   occupied one, so 4 bytes per bucket of that span. Taken when the span is
///   at most twice the occupied buckets (so at most 8 bytes per occupied
///   bucket), left again when a new outlying bucket stretches the span beyond
///   three times the occupied buckets (at most 12 bytes per occupied bucket;
///   the gap between 2 and 3 keeps a series from switching back and forth).
///
/// Either way the heap held is at most 12 bytes per occupied bucket plus the
/// arrays' spare capacity, and the number of occupied buckets is at most the
/// number of values recorded. This is the storage of DDSketch's "sparse"
/// and "dense" stores (Masson, Rim & Lee, *DDSketch*, VLDB 2019, §3.3),
/// keyed by HdrHistogram's bucket indices instead of DDSketch's logarithmic
/// ones, so that quantiles stay those of an HdrHistogram of the same digits.
///
/// A sparse count holds up to 2^40 − 1 (about 1.1 × 10^12) values; a dense
/// count that would pass `UInt32.max` turns the store sparse for good. Values
/// beyond 2^40 − 1 in one bucket are not counted (``add(index:count:)``
/// returns how many were).
@usableFromInline
struct LatencyBucketCounts: Sendable {
  @usableFromInline static let countBits: UInt64 = 40
  @usableFromInline static let countMask: UInt64 = (1 << 40) - 1

  /// Sparse form: `index << 40 | count`, ascending by index; empty when dense.
  @usableFromInline var sparse: [UInt64] = []
  /// Dense form: the count of bucket `denseBase + i` at `i`; empty when sparse.
  @usableFromInline var dense: [UInt32] = []
  /// Bucket index of `dense[0]`.
  @usableFromInline var denseBase = 0
  /// Non-zero entries of `dense`.
  @usableFromInline var denseOccupied = 0
  /// Whether the dense form is in use.
  @usableFromInline var isDense = false
  /// False once a dense count overflowed: the store then stays sparse.
  @usableFromInline var mayBeDense = true

  @usableFromInline init() {}

  /// Occupied buckets.
  var occupiedBuckets: Int { isDense ? denseOccupied : sparse.count }

  /// Heap bytes held by the arrays (their capacity).
  var footprintBytes: Int {
    sparse.capacity * MemoryLayout<UInt64>.stride + dense.capacity * MemoryLayout<UInt32>.stride
  }

  /// Adds one value to bucket `index` (the hot path of recording).
  @inlinable @inline(__always)
  mutating func increment(index: Int) {
    if isDense {
      let i = index &- denseBase
      if i >= 0 && i < dense.count {
        let c = dense[i]
        if c != 0 && c != UInt32.max {
          dense[i] = c &+ 1
          return
        }
      }
    }
    _ = add(index: index, count: 1)
  }

  /// Adds `count` values to bucket `index`; returns how many were counted
  /// (all of them unless the bucket reached 2^40 − 1).
  @usableFromInline
  mutating func add(index: Int, count: UInt64) -> UInt64 {
    guard count > 0 else { return 0 }
    if isDense {
      if index >= denseBase && index < denseBase + dense.count {
        let i = index - denseBase
        let sum = UInt64(dense[i]) + count
        if sum <= UInt64(UInt32.max) {
          if dense[i] == 0 { denseOccupied += 1 }
          dense[i] = UInt32(sum)
          return count
        }
        mayBeDense = false
        makeSparse()
        return add(index: index, count: count)
      }
      let low = Swift.min(index, denseBase)
      let high = Swift.max(index, denseBase + dense.count - 1)
      if high - low + 1 > 3 * (denseOccupied + 1) || count > UInt64(UInt32.max) {
        makeSparse()
        return add(index: index, count: count)
      }
      if index < denseBase {
        var grown = [UInt32](repeating: 0, count: denseBase - index)
        grown.reserveCapacity(high - low + 1)
        grown.append(contentsOf: dense)
        dense = grown
        denseBase = index
      } else {
        dense.append(contentsOf: repeatElement(0, count: index - (denseBase + dense.count) + 1))
      }
      dense[index - denseBase] = UInt32(count)
      denseOccupied += 1
      return count
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
    densifyIfCompact()
    return added
  }

  /// Calls `body` with every occupied bucket's index and count, ascending by
  /// index, until it returns `false`.
  @inlinable
  func forEachBucket(_ body: (_ index: Int, _ count: UInt64) -> Bool) {
    if isDense {
      for (i, c) in dense.enumerated() where c != 0 {
        if !body(denseBase + i, UInt64(c)) { return }
      }
    } else {
      for e in sparse {
        if !body(Int(e >> LatencyBucketCounts.countBits), e & LatencyBucketCounts.countMask) { return }
      }
    }
  }

  /// Adds every bucket of `other`; returns how many values were counted.
  @usableFromInline
  mutating func add(_ other: LatencyBucketCounts) -> UInt64 {
    var added: UInt64 = 0
    if isDense, other.isDense || other.sparse.count <= 64 {
      // In place: each of other's buckets lands in (or stretches) the window.
      other.forEachBucket { i, c in
        added += add(index: i, count: c)
        return true
      }
      return added
    }
    // Linear merge of the two ascending sequences into the sparse form.
    var mine: [UInt64] = []
    forEachBucket { i, c in
      mine.append(UInt64(i) << LatencyBucketCounts.countBits | c)
      return true
    }
    var merged: [UInt64] = []
    merged.reserveCapacity(mine.count + other.occupiedBuckets)
    var j = 0
    other.forEachBucket { i, c in
      let key = UInt64(i)
      while j < mine.count && mine[j] >> LatencyBucketCounts.countBits < key {
        merged.append(mine[j])
        j += 1
      }
      if j < mine.count && mine[j] >> LatencyBucketCounts.countBits == key {
        let have = mine[j] & LatencyBucketCounts.countMask
        let take = Swift.min(c, LatencyBucketCounts.countMask - have)
        merged.append(mine[j] + take)
        added += take
        j += 1
      } else {
        let take = Swift.min(c, LatencyBucketCounts.countMask)
        merged.append(key << LatencyBucketCounts.countBits | take)
        added += take
      }
      return true
    }
    merged.append(contentsOf: mine[j...])
    sparse = merged
    dense = []
    denseOccupied = 0
    isDense = false
    densifyIfCompact()
    return added
  }

  /// Turns the sparse form dense when the occupied buckets fill at least
  /// half their span and every count fits a `UInt32`.
  @usableFromInline
  mutating func densifyIfCompact() {
    guard mayBeDense, !isDense, let first = sparse.first, let last = sparse.last else { return }
    let span = Int(last >> LatencyBucketCounts.countBits) - Int(first >> LatencyBucketCounts.countBits) + 1
    guard span <= 2 * sparse.count else { return }
    guard sparse.allSatisfy({ $0 & LatencyBucketCounts.countMask <= UInt64(UInt32.max) }) else { return }
    let base = Int(first >> LatencyBucketCounts.countBits)
    var d = [UInt32](repeating: 0, count: span)
    for e in sparse {
      d[Int(e >> LatencyBucketCounts.countBits) - base] = UInt32(e & LatencyBucketCounts.countMask)
    }
    denseOccupied = sparse.count
    dense = d
    denseBase = base
    sparse = []
    isDense = true
  }

  /// Turns the dense form sparse.
  @usableFromInline
  mutating func makeSparse() {
    guard isDense else { return }
    var s: [UInt64] = []
    s.reserveCapacity(denseOccupied)
    for (i, c) in dense.enumerated() where c != 0 {
      s.append(UInt64(denseBase + i) << LatencyBucketCounts.countBits | UInt64(c))
    }
    sparse = s
    dense = []
    denseOccupied = 0
    isDense = false
  }
}
