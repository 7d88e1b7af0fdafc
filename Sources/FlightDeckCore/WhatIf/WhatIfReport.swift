/// The outcome of a what-if projection: current versus projected figures of
/// one artefact for a proposed canary weight.
public struct WhatIfReport: Sendable {
  /// Artefact name (untrusted text).
  public var artefact: String
  /// The canary's observed share of user-facing requests, percent (0…100).
  public var currentCanaryWeightPercent: Double
  /// The proposed canary weight, percent (0…100).
  public var proposedCanaryWeightPercent: Double
  /// Versions of the stable leg (untrusted text).
  public var stableVersions: [String]
  /// Versions of the canary leg (untrusted text).
  public var canaryVersions: [String]
  /// Versions of the shadow leg (untrusted text).
  public var shadowVersions: [String]
  /// The seconds the rates divide by (``WhatIfInput/windowSeconds``).
  public var windowSeconds: Double
  /// Start of the window, if known.
  public var windowStart: Timestamp?
  /// End of the window (exclusive), if known.
  public var windowEnd: Timestamp?
  /// User-facing requests per second: the same at both splits (a split moves
  /// traffic, it does not create it).
  public var requestsPerSecond: WhatIfFigure
  /// p95 latency of the user-facing mixture, ms (``MixtureQuantile``).
  public var p95LatencyMs: WhatIfFigure
  /// Failed (error or timeout) share of user-facing requests, 0…1.
  public var errorRate: WhatIfFigure
  /// Timed-out share of user-facing requests, 0…1.
  public var timeoutRate: WhatIfFigure
  /// Mean cost per user-facing request, USD (shadow cost excluded).
  public var costPerRequestUSD: WhatIfFigure
  /// Cost per hour, USD: user-facing cost at the window's rate plus the
  /// shadow's cost per hour.
  public var costPerHourUSD: WhatIfFigure
  /// The shadow's cost per hour, USD, unchanged by the split; 0 without a
  /// shadow leg.
  public var shadowCostPerHourUSD: Double
  /// The minimum requests per leg below which a warning is given.
  public var minimumRequests: Int
  /// Reasons not to trust the projection, stable first.
  public var warnings: [WhatIfWarning]

  /// Creates a report.
  public init(
    artefact: String, currentCanaryWeightPercent: Double, proposedCanaryWeightPercent: Double,
    stableVersions: [String], canaryVersions: [String], shadowVersions: [String], windowSeconds: Double,
    windowStart: Timestamp?, windowEnd: Timestamp?, requestsPerSecond: WhatIfFigure,
    p95LatencyMs: WhatIfFigure, errorRate: WhatIfFigure, timeoutRate: WhatIfFigure,
    costPerRequestUSD: WhatIfFigure, costPerHourUSD: WhatIfFigure, shadowCostPerHourUSD: Double,
    minimumRequests: Int, warnings: [WhatIfWarning]
  ) {
    self.artefact = artefact
    self.currentCanaryWeightPercent = currentCanaryWeightPercent
    self.proposedCanaryWeightPercent = proposedCanaryWeightPercent
    self.stableVersions = stableVersions
    self.canaryVersions = canaryVersions
    self.shadowVersions = shadowVersions
    self.windowSeconds = windowSeconds
    self.windowStart = windowStart
    self.windowEnd = windowEnd
    self.requestsPerSecond = requestsPerSecond
    self.p95LatencyMs = p95LatencyMs
    self.errorRate = errorRate
    self.timeoutRate = timeoutRate
    self.costPerRequestUSD = costPerRequestUSD
    self.costPerHourUSD = costPerHourUSD
    self.shadowCostPerHourUSD = shadowCostPerHourUSD
    self.minimumRequests = minimumRequests
    self.warnings = warnings
  }
}
