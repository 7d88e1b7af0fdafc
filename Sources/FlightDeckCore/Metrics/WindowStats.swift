/// Aggregate figures of one series (or a merge of series) over a time window.
///
/// Produced by ``MetricsStore/stats(for:from:to:)``. Latency quantiles come
/// from a ``LatencyHistogram``: exact type-7 values up to
/// ``LatencyHistogram/exactCapacity`` requests, a log-bucketed histogram (at most
/// 0.39 % off with the default 2 digits) beyond; rates are per second of the
/// window's length.
public struct WindowStats: Sendable, Hashable {
  /// Requests seen (all statuses).
  public var requests: Int = 0
  /// Requests with `status == error`.
  public var errors: Int = 0
  /// Requests with `status == timeout`.
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
  /// Sum of known costs in USD (requests whose cost is unknown add nothing).
  public var costUSD: Double = 0
  /// Requests whose cost could not be determined (no `cost_usd`, no price).
  public var costUnknownRequests: Int = 0
  /// Requests whose ingested cost (LiteLLM's `response_cost`, Langfuse's
  /// cost details) differs from what the price table charges for their
  /// tokens (``TelemetryRecord/recomputedCostUSD``).
  public var recomputedCostRequests: Int = 0
  /// Over those requests, Σ (price table's figure − ingested cost) in USD.
  public var recomputedCostDeltaUSD: Double = 0
  /// Median latency in ms, `nil` with no requests.
  public var p50Ms: Double?
  /// 95th-percentile latency in ms, `nil` with no requests.
  public var p95Ms: Double?
  /// 99th-percentile latency in ms, `nil` with no requests.
  public var p99Ms: Double?
  /// 95th-percentile time to first token in ms, `nil` when no record had `ttft_ms`.
  public var ttftP95Ms: Double?
  /// Requests slower than each of the store's latency thresholds
  /// (``MetricsConfiguration/latencyThresholdsMs``), by threshold in ms:
  /// exact counts of `latency > threshold`, not read off a histogram.
  public var slowerThan: [Double: Int] = [:]
  /// Length of the window the rates are computed over, in seconds (> 0).
  public var windowSeconds: Double = 1

  /// Creates empty stats.
  public init() {}

  /// What the price table alone would have charged for the requests of
  /// known cost (``costUSD`` with each differing ingested cost replaced by
  /// the table's figure), USD; `nil` when no ingested cost differed from
  /// the table — the figure is shown beside ``costUSD`` only then. The
  /// ingested cost stays the one counted (as Langfuse does: a tool's own
  /// figure knows its cache rates, tiers and discounts).
  public var recomputedCostUSD: Double? {
    recomputedCostRequests > 0 ? costUSD + recomputedCostDeltaUSD : nil
  }

  /// Failed requests (errors plus timeouts) divided by requests; 0 with no requests.
  public var errorRate: Double { requests == 0 ? 0 : Double(errors + timeouts) / Double(requests) }
  /// Requests per second over the window.
  public var requestsPerSecond: Double { Double(requests) / windowSeconds }
  /// Input plus output tokens per second over the window.
  public var tokensPerSecond: Double { Double(inputTokens + outputTokens) / windowSeconds }
  /// Share of input tokens served from the prompt cache,
  /// `cacheReadTokens / inputTokens` (0…1); `nil` with no input tokens.
  public var cachedInputShare: Double? {
    inputTokens > 0 ? Double(cacheReadTokens) / Double(inputTokens) : nil
  }
  /// Mean cost per request in USD over the requests with a known cost;
  /// `nil` ("unknown") when no request had a known cost.
  public var costPerRequestUSD: Double? {
    let known = requests - costUnknownRequests
    return known > 0 ? costUSD / Double(known) : nil
  }
  /// Cost per hour in USD at the window's rate; `nil` when every request's
  /// cost was unknown. Requests of unknown cost are not extrapolated.
  public var costPerHourUSD: Double? {
    if requests > 0 && costUnknownRequests == requests { return nil }
    return costUSD / windowSeconds * 3600
  }
}
