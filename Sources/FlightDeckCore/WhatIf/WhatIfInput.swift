/// What the what-if projection starts from: one artefact's legs over the
/// current window, and how long that window's traffic covers.
public struct WhatIfInput: Sendable {
  /// Artefact name (untrusted text).
  public var artefact: String
  /// The stable leg, `nil` when it had no requests.
  public var stable: WhatIfLeg?
  /// The canary leg, `nil` when it had no requests.
  public var canary: WhatIfLeg?
  /// The shadow leg, `nil` when none. Its requests are mirrored copies, never
  /// user-facing: they count in no rate, error rate or latency, but their
  /// cost is real and is added to the cost per hour unchanged.
  public var shadow: WhatIfLeg?
  /// The time the user-facing requests cover, in seconds (> 0): rates are
  /// requests (or USD) divided by this. The CLI passes the dashboard's figure
  /// (``ArtefactSummary/total``'s ``WindowStats/windowSeconds``).
  public var windowSeconds: Double
  /// Start of the window (for display), if known.
  public var windowStart: Timestamp?
  /// End of the window, exclusive (for display), if known.
  public var windowEnd: Timestamp?

  /// Creates an input.
  public init(
    artefact: String, stable: WhatIfLeg?, canary: WhatIfLeg?, shadow: WhatIfLeg? = nil,
    windowSeconds: Double, windowStart: Timestamp? = nil, windowEnd: Timestamp? = nil
  ) {
    self.artefact = artefact
    self.stable = stable
    self.canary = canary
    self.shadow = shadow
    self.windowSeconds = windowSeconds
    self.windowStart = windowStart
    self.windowEnd = windowEnd
  }

  /// User-facing requests (stable plus canary).
  public var userFacingRequests: Int { (stable?.requests ?? 0) + (canary?.requests ?? 0) }

  /// The canary's current share of user-facing requests in percent (0…100);
  /// 0 with no user-facing requests.
  public var currentCanaryWeightPercent: Double {
    let n = userFacingRequests
    return n > 0 ? 100 * Double(canary?.requests ?? 0) / Double(n) : 0
  }
}
