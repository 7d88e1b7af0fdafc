import CFlightDeckPrefetch

/// Compact per-series totals of one replay thread, turned into full
/// ``MetricBucket``s once the thread has read its part
/// (``ReplaySeriesTable/settle()``).
///
/// A ``MetricBucket`` spreads one request over several cache lines (its
/// counters, its optional histograms and, while the latencies are exact, an
/// array's header and then its element), each a dependent load; at 100 000
/// series nearly every one of them missed the cache. Here a series' counters
/// and the place of its latencies are one 64-byte record, aligned to a cache
/// line (``Totals``), so a request reads one line and then only *stores* its
/// latency, which does not wait for the line to arrive:
///
/// - The first ``LatencyHistogram/exactCapacity`` latencies of a series (in
///   nanoseconds, as ``LatencyHistogram`` keeps them) go into chunks of 16
///   slots (128 bytes, two lines) taken from one growing buffer shared by
///   every series; a series' chunks are linked back to front.
/// - The next latency builds the series' ``LatencyHistogram`` from them (the
///   same bucket counts, minimum and maximum as one that recorded them one by
///   one) and frees the chunks for other series.
/// - Later latencies wait in chunks again, as many as the histogram has
///   occupied buckets (at least 128), and are then counted in it at once
///   (``LatencyHistogram/record(nanosecondsOf:)``: sorted and merged in one
///   pass), which is far cheaper than a search and an array insertion for
///   each new bucket; waiting latencies take at most 8 bytes per occupied
///   bucket (plus one chunk), as much again as the histogram.
/// - Cache and reasoning tokens and TTFT, absent from most telemetry, are kept
///   aside, touched only by the requests that have them.
///
/// ``bucket(_:)`` gives a series' ``MetricBucket`` with the same counts, the
/// same sums (the cost exact in picodollars, as ``CostSum`` keeps it) and
/// the same latency values as
/// ``MetricBucket/add(_:digits:)`` would have recorded, so every figure of
/// the replay is unchanged.
///
/// A class owning its memory (freed in `deinit`): all state sits behind one
/// pointer, so that the per-request path pays no dynamic exclusivity check.
/// `@unchecked Sendable` because one thread fills it (a replay part), and
/// the table holding it is handed to another only after that thread has
/// been joined (``ThreadGroup/join()``) and the accumulator settled.
final class ReplaySeriesAccumulator: @unchecked Sendable {
  /// One series' counters and where its latencies are: 64 bytes.
  struct Totals {
    var requests = 0
    var errors = 0
    var timeouts = 0
    var costUnknown = 0
    var inputTokens = 0
    var outputTokens = 0
    /// Known costs in picodollars (``CostSum/picodollars(_:)``), wrapped
    /// to 64 bits; the wraps are counted in `State.costCarries`.
    var costPicodollars: Int64 = 0
    /// Latencies waiting in chunks, plus
    /// ``ReplaySeriesAccumulator/histogramMark`` once the series has a
    /// histogram.
    var latencyCount: UInt32 = 0
    /// The chunk being filled; the index of the series' histogram when no
    /// latency is waiting.
    var latencySlot: UInt32 = 0
  }

  /// Cache and reasoning token sums of a series.
  struct ExtraTokens {
    var cacheRead = 0
    var cacheWrite = 0
    var reasoning = 0
  }

  /// Bit of `latencyCount` set once a series has a histogram.
  static let histogramMark: UInt32 = 1 << 31
  /// Latency slots per chunk.
  static let chunkSlots = 16

  private struct State {
    let digits: SignificantDigits
    var totals: UnsafeMutablePointer<Totals>
    var capacity: Int
    var count = 0
    /// Chunk `c` is `chunks[16c ..< 16c + 16]`.
    var chunks: UnsafeMutablePointer<UInt64>
    var chunkCapacity: Int
    var chunkCount = 0
    /// The chunk before each chunk of its series, or the next free chunk;
    /// -1 for none.
    var links: [Int32] = []
    /// The histogram whose latencies each chunk holds, -1 for a series
    /// without one.
    var owners: [Int32] = []
    /// Head of the freed chunks, -1 when none.
    var freeChunk: Int32 = -1
    var histograms: [LatencyHistogram] = []
    /// By series id; shorter than `count` until a series needs it.
    var extras: [ExtraTokens] = []
    /// By series id; shorter than `count` until a series needs it.
    var ttft: [LatencyHistogram?] = []
    /// By series id, the times its `costPicodollars` wrapped past
    /// `Int64.max` (+1) or `Int64.min` (−1): the exact total is
    /// `carries × 2⁶⁴ + costPicodollars`. Shorter than `count` until a series
    /// passes about 9.2 million USD.
    var costCarries: [Int64] = []
    /// By series id, the requests whose ingested cost differs from the
    /// price table's figure (``MetricBucket/recomputedCostRequests`` and
    /// ``MetricBucket/recomputedCostDelta``). Shorter than `count` until a
    /// series has one; empty for telemetry that carries no ingested cost.
    var recomputed: [MetricBucket] = []
  }

  private let state: UnsafeMutablePointer<State>

  /// An empty accumulator whose histograms keep `digits` significant digits.
  init(digits: SignificantDigits) {
    let capacity = 64
    let chunkCapacity = 64
    state = .allocate(capacity: 1)
    state.initialize(
      to: State(
        digits: digits, totals: ReplaySeriesAccumulator.allocateTotals(capacity), capacity: capacity,
        chunks: ReplaySeriesAccumulator.allocateChunks(chunkCapacity), chunkCapacity: chunkCapacity))
  }

  deinit {
    state.pointee.totals.deinitialize(count: state.pointee.count)
    UnsafeMutableRawPointer(state.pointee.totals).deallocate()
    UnsafeMutableRawPointer(state.pointee.chunks).deallocate()
    state.deinitialize(count: 1)
    state.deallocate()
  }

  /// Number of series.
  var count: Int { state.pointee.count }

  /// Adds an empty series and returns its id (0, 1, 2, … in order).
  @discardableResult
  func appendSeries() -> Int {
    let s = state
    if s.pointee.count == s.pointee.capacity {
      let bigger = s.pointee.capacity * 2
      let moved = ReplaySeriesAccumulator.allocateTotals(bigger)
      moved.moveInitialize(from: s.pointee.totals, count: s.pointee.count)
      UnsafeMutableRawPointer(s.pointee.totals).deallocate()
      s.pointee.totals = moved
      s.pointee.capacity = bigger
    }
    (s.pointee.totals + s.pointee.count).initialize(to: Totals())
    s.pointee.count += 1
    return s.pointee.count - 1
  }

  /// Prefetches the totals of series `id` (which must exist).
  @inline(__always)
  func prefetch(series id: Int) {
    flightdeck_prefetch(state.pointee.totals + id)
  }

  /// Prefetches, for writing, the chunk slot the next latency of series `id`
  /// goes to, when it is inside the chunk being filled (a latency that
  /// starts a chunk or goes to the histogram is not prefetched). Reads the
  /// series' totals: best a line after ``prefetch(series:)``.
  @inline(__always)
  func prefetchLatencySlot(series id: Int) {
    let s = state
    guard id < s.pointee.count else { return }
    let t = s.pointee.totals + id
    let n = t.pointee.latencyCount
    guard n & 15 != 0 else { return }
    flightdeck_prefetch_write(s.pointee.chunks + (Int(t.pointee.latencySlot) << 4 | Int(n & 15)))
  }

  /// Adds one request to series `id` (as ``MetricBucket/add(_:digits:)``).
  @inline(__always)
  func add(series id: Int, sample: MetricSample) {
    let s = state
    let t = s.pointee.totals + id
    t.pointee.requests += 1
    switch sample.status {
    case .ok: break
    case .error: t.pointee.errors += 1
    case .timeout: t.pointee.timeouts += 1
    }
    t.pointee.inputTokens += sample.inputTokens
    t.pointee.outputTokens += sample.outputTokens
    if let c = sample.costUSD {
      let (sum, wrapped) = t.pointee.costPicodollars.addingReportingOverflow(CostSum.picodollars(c))
      t.pointee.costPicodollars = sum
      if wrapped { addCostCarry(id, sum < 0 ? 1 : -1) }
    } else {
      t.pointee.costUnknown += 1
    }
    let v = LatencyHistogram.nanoseconds(milliseconds: sample.latencyMs)
    let n = t.pointee.latencyCount
    if n & 15 != 0 {
      // Inside the chunk being filled.
      s.pointee.chunks[Int(t.pointee.latencySlot) << 4 | Int(n & 15)] = v
      t.pointee.latencyCount = n &+ 1
    } else {
      addLatency(t, v)
    }
    if sample.cacheReadTokens | sample.cacheWriteTokens | sample.reasoningTokens != 0 {
      addExtraTokens(id, sample)
    }
    if let ttft = sample.ttftMs { addTTFT(id, ttft) }
    if let r = sample.recomputedCostUSD, let c = sample.costUSD { addRecomputed(id, r, ingested: c) }
  }

  /// A latency that starts a chunk, or that builds the histogram or is
  /// counted in it with the latencies waiting.
  private func addLatency(_ t: UnsafeMutablePointer<Totals>, _ v: UInt64) {
    let s = state
    let n = t.pointee.latencyCount
    let waiting = Int(n & ~ReplaySeriesAccumulator.histogramMark)
    let owner: Int32
    if n & ReplaySeriesAccumulator.histogramMark == 0 {
      owner = -1
      if waiting == LatencyHistogram.exactCapacity {
        // The histogram is built from the exact values and this one.
        var values = waitingLatencies(t)
        values.append(v)
        var h = LatencyHistogram(digits: s.pointee.digits)
        h.record(nanosecondsOf: values)
        freeChunks(of: t)
        t.pointee.latencyCount = ReplaySeriesAccumulator.histogramMark
        t.pointee.latencySlot = UInt32(s.pointee.histograms.count)
        s.pointee.histograms.append(h)
        return
      }
    } else {
      let h = waiting == 0 ? Int(t.pointee.latencySlot) : Int(s.pointee.owners[Int(t.pointee.latencySlot)])
      owner = Int32(h)
      if waiting >= max(LatencyHistogram.exactCapacity, s.pointee.histograms[h].occupiedBuckets) {
        var values = waitingLatencies(t)
        values.append(v)
        s.pointee.histograms[h].record(nanosecondsOf: values)
        freeChunks(of: t)
        t.pointee.latencyCount = ReplaySeriesAccumulator.histogramMark
        t.pointee.latencySlot = UInt32(h)
        return
      }
    }
    // A new chunk, linked to the one before.
    let c = takeChunk(linkedTo: waiting == 0 ? -1 : Int32(t.pointee.latencySlot), owner: owner)
    s.pointee.chunks[c << 4] = v
    t.pointee.latencySlot = UInt32(c)
    t.pointee.latencyCount = n + 1
  }

  /// A free chunk (reused, or new at the end of the buffer), whose link is
  /// set to `previous`.
  private func takeChunk(linkedTo previous: Int32, owner: Int32) -> Int {
    let s = state
    let c: Int
    if s.pointee.freeChunk >= 0 {
      c = Int(s.pointee.freeChunk)
      s.pointee.freeChunk = s.pointee.links[c]
      s.pointee.links[c] = previous
      s.pointee.owners[c] = owner
      return c
    }
    if s.pointee.chunkCount == s.pointee.chunkCapacity {
      precondition(s.pointee.chunkCapacity < Int(UInt32.max / 2), "latency chunks beyond 32-bit ids")
      let bigger = s.pointee.chunkCapacity * 2
      let moved = ReplaySeriesAccumulator.allocateChunks(bigger)
      moved.initialize(
        from: s.pointee.chunks, count: s.pointee.chunkCount * ReplaySeriesAccumulator.chunkSlots)
      UnsafeMutableRawPointer(s.pointee.chunks).deallocate()
      s.pointee.chunks = moved
      s.pointee.chunkCapacity = bigger
    }
    c = s.pointee.chunkCount
    s.pointee.chunkCount += 1
    s.pointee.links.append(previous)
    s.pointee.owners.append(owner)
    return c
  }

  /// Returns the chunks of a series' waiting latencies to the free list.
  private func freeChunks(of t: UnsafeMutablePointer<Totals>) {
    let s = state
    guard t.pointee.latencyCount & ~ReplaySeriesAccumulator.histogramMark > 0 else { return }
    var c = Int32(t.pointee.latencySlot)
    while c >= 0 {
      let previous = s.pointee.links[Int(c)]
      s.pointee.links[Int(c)] = s.pointee.freeChunk
      s.pointee.freeChunk = c
      c = previous
    }
  }

  /// The latency distribution of a series: its histogram with the
  /// latencies waiting, or the exact values (at most
  /// ``LatencyHistogram/exactCapacity``).
  private func latencies(_ t: UnsafeMutablePointer<Totals>) -> LatencyHistogram {
    let s = state
    let n = t.pointee.latencyCount
    let values = waitingLatencies(t)
    guard n & ReplaySeriesAccumulator.histogramMark != 0 else {
      return LatencyHistogram(digits: s.pointee.digits, exactNanoseconds: values)
    }
    let owner =
      values.isEmpty ? Int(t.pointee.latencySlot) : Int(s.pointee.owners[Int(t.pointee.latencySlot)])
    var h = s.pointee.histograms[owner]
    h.record(nanosecondsOf: values)
    return h
  }

  /// The latencies waiting in a series' chunks, in arrival order.
  private func waitingLatencies(_ t: UnsafeMutablePointer<Totals>) -> [UInt64] {
    let s = state
    let filled = Int(t.pointee.latencyCount & ~ReplaySeriesAccumulator.histogramMark)
    // The series' chunks, linked from the last back to the first.
    let chunkCount = (filled + 15) / 16
    var order = [Int32](repeating: 0, count: chunkCount)
    var c = Int32(t.pointee.latencySlot)
    for k in stride(from: chunkCount - 1, through: 0, by: -1) {
      order[k] = c
      c = s.pointee.links[Int(c)]
    }
    var values: [UInt64] = []
    values.reserveCapacity(filled + 1)
    for (k, chunk) in order.enumerated() {
      let base = s.pointee.chunks + Int(chunk) * ReplaySeriesAccumulator.chunkSlots
      values.append(contentsOf: UnsafeBufferPointer(start: base, count: min(16, filled - 16 * k)))
    }
    return values
  }

  private func addExtraTokens(_ id: Int, _ sample: MetricSample) {
    let s = state
    if s.pointee.extras.count <= id {
      s.pointee.extras += repeatElement(ExtraTokens(), count: s.pointee.count - s.pointee.extras.count)
    }
    s.pointee.extras[id].cacheRead += sample.cacheReadTokens
    s.pointee.extras[id].cacheWrite += sample.cacheWriteTokens
    s.pointee.extras[id].reasoning += sample.reasoningTokens
  }

  private func addCostCarry(_ id: Int, _ carry: Int64) {
    let s = state
    if s.pointee.costCarries.count <= id {
      s.pointee.costCarries += repeatElement(0, count: s.pointee.count - s.pointee.costCarries.count)
    }
    s.pointee.costCarries[id] += carry
  }

  private func addRecomputed(_ id: Int, _ recomputed: Double, ingested: Double) {
    let s = state
    if s.pointee.recomputed.count <= id {
      s.pointee.recomputed += repeatElement(
        MetricBucket(index: 0), count: s.pointee.count - s.pointee.recomputed.count)
    }
    s.pointee.recomputed[id].addRecomputed(recomputed, ingested: ingested)
  }

  private func addTTFT(_ id: Int, _ ms: Double) {
    let s = state
    if s.pointee.ttft.count <= id {
      s.pointee.ttft += repeatElement(nil, count: s.pointee.count - s.pointee.ttft.count)
    }
    if s.pointee.ttft[id] == nil { s.pointee.ttft[id] = LatencyHistogram(digits: s.pointee.digits) }
    s.pointee.ttft[id]!.record(milliseconds: ms)
  }

  /// Series `id`'s totals as the ``MetricBucket`` (index 0) that adding its
  /// requests one by one would have made.
  func bucket(_ id: Int) -> MetricBucket {
    let s = state
    let t = s.pointee.totals + id
    var b = MetricBucket(index: 0)
    b.requests = t.pointee.requests
    b.errors = t.pointee.errors
    b.timeouts = t.pointee.timeouts
    b.inputTokens = t.pointee.inputTokens
    b.outputTokens = t.pointee.outputTokens
    let p = t.pointee.costPicodollars
    let carries = id < s.pointee.costCarries.count ? s.pointee.costCarries[id] : 0
    b.cost = CostSum(high: carries &+ (p < 0 ? -1 : 0), low: UInt64(bitPattern: p))
    b.costUnknown = t.pointee.costUnknown
    if id < s.pointee.extras.count {
      b.cacheReadTokens = s.pointee.extras[id].cacheRead
      b.cacheWriteTokens = s.pointee.extras[id].cacheWrite
      b.reasoningTokens = s.pointee.extras[id].reasoning
    }
    if t.pointee.requests > 0 { b.latency = latencies(t) }
    if id < s.pointee.ttft.count { b.ttft = s.pointee.ttft[id] }
    if id < s.pointee.recomputed.count {
      b.recomputedCostRequests = s.pointee.recomputed[id].recomputedCostRequests
      b.recomputedCostDelta = s.pointee.recomputed[id].recomputedCostDelta
    }
    return b
  }

  private static func allocateTotals(_ capacity: Int) -> UnsafeMutablePointer<Totals> {
    UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Totals>.stride, alignment: 64)
      .bindMemory(to: Totals.self, capacity: capacity)
  }

  private static func allocateChunks(_ capacity: Int) -> UnsafeMutablePointer<UInt64> {
    UnsafeMutableRawPointer.allocate(byteCount: capacity * chunkSlots * 8, alignment: 64)
      .bindMemory(to: UInt64.self, capacity: capacity * chunkSlots)
  }
}
