/// Everything recorded for one series during one time bucket.
///
/// Counters are exact; latency and TTFT are ``LatencyHistogram``s, created on
/// the first value and exact up to ``LatencyHistogram/exactCapacity`` values
/// (a sparse log-bucketed histogram beyond, at most 8 bytes per occupied
/// histogram bucket), so a bucket costs what its distinct latencies need.
public struct MetricBucket: Sendable {
  /// The bucket's index: `floor(timestamp / bucketWidth)` (for a merge of
  /// buckets, the earliest).
  public var index: Int64
  /// Requests recorded.
  public var requests: Int = 0
  /// Requests with status `error`.
  public var errors: Int = 0
  /// Requests with status `timeout`.
  public var timeouts: Int = 0
  /// Sum of input tokens.
  public var inputTokens: Int = 0
  /// Sum of output tokens.
  public var outputTokens: Int = 0
  /// Sum of input tokens read from the prompt cache (part of `inputTokens`).
  public var cacheReadTokens: Int = 0
  /// Sum of input tokens written to the prompt cache (part of `inputTokens`).
  public var cacheWriteTokens: Int = 0
  /// Sum of reasoning tokens (part of `outputTokens`).
  public var reasoningTokens: Int = 0
  /// Sum of known costs, exact in picodollars (``CostSum``), so a total
  /// does not depend on the order its requests and buckets were added in.
  public var cost = CostSum()
  /// Sum of known costs, USD: the `Double` nearest to ``cost``; setting it
  /// replaces the sum by the one amount.
  public var costUSD: Double {
    get { cost.usd }
    set { cost = CostSum(usd: newValue) }
  }
  /// Requests with unknown cost.
  public var costUnknown: Int = 0
  /// Requests whose ingested cost differs from the price table's figure
  /// (``MetricSample/recomputedCostUSD`` set).
  public var recomputedCostRequests: Int = 0
  /// Over those requests, Σ (price table's figure − ingested cost), exact in
  /// picodollars: ``cost`` plus this is what the price table alone would
  /// have charged for the requests of known cost.
  public var recomputedCostDelta = CostSum()
  /// Latency distribution (ms), `nil` until the first request.
  public var latency: LatencyHistogram?
  /// TTFT distribution (ms), `nil` until the first request that has one.
  public var ttft: LatencyHistogram?
  /// Requests slower than each of the store's
  /// ``MetricsConfiguration/latencyThresholdsMs`` (`latency > threshold`,
  /// on the recorded value, not a histogram bucket), in the same order;
  /// empty when the store has no thresholds.
  public var slowCounts: [Int] = []

  /// Creates an empty bucket.
  public init(index: Int64) { self.index = index }

  /// Adds one request, counting it against each of `thresholds` (ms,
  /// ``slowCounts``) when it is slower.
  @inlinable
  public mutating func add(_ s: MetricSample, digits: SignificantDigits, thresholds: [Double]) {
    if !thresholds.isEmpty {
      if slowCounts.count < thresholds.count {
        slowCounts += repeatElement(0, count: thresholds.count - slowCounts.count)
      }
      for (i, t) in thresholds.enumerated() where s.latencyMs > t { slowCounts[i] += 1 }
    }
    add(s, digits: digits)
  }

  /// Adds one request.
  @inlinable
  public mutating func add(_ s: MetricSample, digits: SignificantDigits) {
    requests += 1
    switch s.status {
    case .ok: break
    case .error: errors += 1
    case .timeout: timeouts += 1
    }
    inputTokens += s.inputTokens
    outputTokens += s.outputTokens
    cacheReadTokens += s.cacheReadTokens
    cacheWriteTokens += s.cacheWriteTokens
    reasoningTokens += s.reasoningTokens
    if let c = s.costUSD {
      cost.add(c)
      if let r = s.recomputedCostUSD { addRecomputed(r, ingested: c) }
    } else {
      costUnknown += 1
    }
    if latency == nil { latency = LatencyHistogram(digits: digits) }
    latency?.record(milliseconds: s.latencyMs)
    if let t = s.ttftMs {
      if ttft == nil { ttft = LatencyHistogram(digits: digits) }
      ttft?.record(milliseconds: t)
    }
  }

  /// Counts one request whose ingested cost `ingested` (USD) the price
  /// table would have put at `recomputed` (USD).
  @inlinable
  public mutating func addRecomputed(_ recomputed: Double, ingested: Double) {
    recomputedCostRequests += 1
    recomputedCostDelta.add(picodollars: CostSum.picodollars(recomputed) &- CostSum.picodollars(ingested))
  }

  /// Adds every count and value of `other` (same series or not, any index).
  /// The merged bucket keeps the earlier of the two indices, so a merge of
  /// a window's buckets knows where its data starts.
  public mutating func merge(_ other: MetricBucket) {
    index = min(index, other.index)
    requests += other.requests
    errors += other.errors
    timeouts += other.timeouts
    inputTokens += other.inputTokens
    outputTokens += other.outputTokens
    cacheReadTokens += other.cacheReadTokens
    cacheWriteTokens += other.cacheWriteTokens
    reasoningTokens += other.reasoningTokens
    cost.add(other.cost)
    costUnknown += other.costUnknown
    recomputedCostRequests += other.recomputedCostRequests
    recomputedCostDelta.add(other.recomputedCostDelta)
    if !other.slowCounts.isEmpty {
      if slowCounts.count < other.slowCounts.count {
        slowCounts += repeatElement(0, count: other.slowCounts.count - slowCounts.count)
      }
      for (i, n) in other.slowCounts.enumerated() { slowCounts[i] += n }
    }
    if let l = other.latency {
      if latency == nil { latency = l } else { latency?.add(l) }
    }
    if let t = other.ttft {
      if ttft == nil { ttft = t } else { ttft?.add(t) }
    }
  }
}
