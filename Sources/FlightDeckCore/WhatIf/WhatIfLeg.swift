/// The recorded figures of one traffic leg (stable, canary or shadow) of an
/// artefact over the current window: every version on that route merged.
///
/// The what-if projection reads only these: counts, sums and the whole
/// latency distribution (not just its p95), so that the latency of a new
/// split can be computed as a mixture (``MixtureQuantile``).
public struct WhatIfLeg: Sendable {
  /// The versions merged into this leg, in the order given (untrusted text).
  public var versions: [String]
  /// Requests recorded (all statuses).
  public var requests: Int
  /// Requests with status `error`.
  public var errors: Int
  /// Requests with status `timeout`.
  public var timeouts: Int
  /// Sum of input tokens.
  public var inputTokens: Int
  /// Sum of output tokens.
  public var outputTokens: Int
  /// Sum of the known costs, USD.
  public var costUSD: Double
  /// Requests whose cost is unknown (no `cost_usd` and no price).
  public var costUnknownRequests: Int
  /// Latency distribution in ms, `nil` with no requests.
  public var latency: LatencyHistogram?

  /// Creates a leg from its figures.
  public init(
    versions: [String], requests: Int, errors: Int, timeouts: Int, inputTokens: Int = 0,
    outputTokens: Int = 0, costUSD: Double, costUnknownRequests: Int = 0, latency: LatencyHistogram?
  ) {
    self.versions = versions
    self.requests = requests
    self.errors = errors
    self.timeouts = timeouts
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.costUSD = costUSD
    self.costUnknownRequests = costUnknownRequests
    self.latency = latency
  }

  /// The leg of a merged metrics bucket (the window's buckets of the leg's
  /// series merged with ``MetricBucket/merge(_:)``).
  public init(versions: [String], bucket: MetricBucket) {
    self.init(
      versions: versions, requests: bucket.requests, errors: bucket.errors, timeouts: bucket.timeouts,
      inputTokens: bucket.inputTokens, outputTokens: bucket.outputTokens, costUSD: bucket.costUSD,
      costUnknownRequests: bucket.costUnknown, latency: bucket.latency)
  }

  /// Requests whose cost is known.
  public var knownCostRequests: Int { max(0, requests - costUnknownRequests) }

  /// Failed requests (errors plus timeouts) over requests, 0…1 — the
  /// dashboard's error rate (``WindowStats/errorRate``); `nil` with no
  /// requests.
  public var errorRate: Double? {
    requests > 0 ? Double(errors + timeouts) / Double(requests) : nil
  }

  /// Timeouts over requests, 0…1; `nil` with no requests.
  public var timeoutRate: Double? {
    requests > 0 ? Double(timeouts) / Double(requests) : nil
  }

  /// Mean cost per request over the requests of known cost, USD; `nil` when
  /// no request had a known cost.
  public var costPerRequestUSD: Double? {
    knownCostRequests > 0 ? costUSD / Double(knownCostRequests) : nil
  }
}
