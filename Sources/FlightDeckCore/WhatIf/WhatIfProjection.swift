/// Projects an artefact's figures for a new canary weight from the recorded
/// per-leg figures of the current window (pure: no I/O, no clock).
///
/// With `w` the proposed canary weight (0…1) and, per leg, the recorded
/// error rate `e`, timeout rate `t`, mean cost per request of known cost `k`
/// and latency distribution `F`:
/// - requests/s = (stable + canary requests) / window seconds — unchanged:
///   the split moves traffic between versions, it does not create it;
/// - error rate = `(1 − w)·e_stable + w·e_canary` (the expected share of
///   failed requests when each leg keeps its own failure probability);
///   timeout rate likewise;
/// - p95 ms = the 0.95 quantile of the mixture `(1 − w)·F_stable + w·F_canary`
///   (``MixtureQuantile``), not a weighted average of the two p95s;
/// - cost per request USD = `(1 − w)·k_stable + w·k_canary`;
/// - cost per hour USD = cost per request × requests/s × 3 600 + the shadow's
///   cost per hour (shadow cost / window seconds × 3 600), which the split
///   does not change.
///
/// "Current" figures are the same formulas at the observed weight `w₀`
/// (canary requests / user-facing requests), so current and projected differ
/// only by the weight. At `w₀` the error rate is exactly the pooled one and
/// the p95 the pooled sample's nearest-rank p95; the cost per request equals
/// the pooled one when both legs have all costs known.
///
/// A leg with weight 0 is not needed: `w = 0` projects stable alone even
/// without a canary leg. A figure that needs a leg without data (weight > 0,
/// no requests; or no request of known cost, for cost) is `nil`.
///
/// Warnings: each leg carrying weight (at the current or the proposed split)
/// with fewer than `minimumRequests` requests gets ``WhatIfWarning/Reason/fewSamples``
/// (or ``WhatIfWarning/Reason/noSamples`` when it has none), after the
/// judge's minimum-sample rule (Kayenta's, default 50); a leg (shadow
/// included) with requests of unknown cost gets ``WhatIfWarning/Reason/unknownCost``.
public enum WhatIfProjection {
  /// The default minimum requests per leg: 50, as the canary judge's.
  public static let defaultMinimumRequests = 50

  /// Projects `input` at a canary weight of `canaryWeightPercent` percent.
  ///
  /// - Parameters:
  ///   - canaryWeightPercent: 0…100; values outside are clamped, a NaN is
  ///     taken as 0 (the CLI refuses both before calling).
  ///   - minimumRequests: Requests per leg below which a warning is given
  ///     (default 50).
  public static func project(
    _ input: WhatIfInput, canaryWeightPercent: Double, minimumRequests: Int = defaultMinimumRequests
  ) -> WhatIfReport {
    let proposedPercent = canaryWeightPercent.isNaN ? 0 : min(max(canaryWeightPercent, 0), 100)
    let w = proposedPercent / 100
    let currentPercent = input.currentCanaryWeightPercent
    let w0 = currentPercent / 100
    let seconds = input.windowSeconds > 0 && input.windowSeconds.isFinite ? input.windowSeconds : 1
    let stable = input.stable
    let canary = input.canary
    let ns = stable?.requests ?? 0
    let nc = canary?.requests ?? 0
    let n = ns + nc

    /// `(1 − w)·a + w·b`, needing only the legs with positive weight.
    func mix(_ a: Double?, _ b: Double?, _ weight: Double) -> Double? {
      var total = 0.0
      if weight < 1 {
        guard let a else { return nil }
        total += (1 - weight) * a
      }
      if weight > 0 {
        guard let b else { return nil }
        total += weight * b
      }
      return total
    }
    func p95(_ weight: Double) -> Double? {
      if weight < 1 && stable?.latency == nil { return nil }
      if weight > 0 && canary?.latency == nil { return nil }
      var components: [MixtureQuantile.Component] = []
      if let l = stable?.latency, weight < 1 { components.append(.init(weight: 1 - weight, distribution: l)) }
      if let l = canary?.latency, weight > 0 { components.append(.init(weight: weight, distribution: l)) }
      return MixtureQuantile.quantile(0.95, of: components)
    }

    let rps = Double(n) / seconds
    let shadowPerHour = (input.shadow?.costUSD ?? 0) / seconds * 3600
    let costPerRequest = { (weight: Double) in
      mix(stable?.costPerRequestUSD, canary?.costPerRequestUSD, weight)
    }
    let costPerHour = { (weight: Double) -> Double? in
      costPerRequest(weight).map { $0 * rps * 3600 + shadowPerHour }
    }
    let knownS = stable?.knownCostRequests ?? 0
    let knownC = canary?.knownCostRequests ?? 0
    let latencyS = stable?.latency?.count ?? 0
    let latencyC = canary?.latency?.count ?? 0
    // With no user-facing requests there is no current split to speak of.
    let hasCurrent = n > 0

    var warnings: [WhatIfWarning] = []
    for (route, leg, weights) in [
      (Route.stable, stable, [1 - w0, 1 - w]), (Route.canary, canary, [w0, w]),
    ] {
      let requests = leg?.requests ?? 0
      let carriesWeight = weights.contains { $0 > 0 }
      if carriesWeight && requests == 0 {
        warnings.append(WhatIfWarning(route: route, reason: .noSamples, samples: 0, limit: minimumRequests))
      } else if carriesWeight && requests < minimumRequests {
        warnings.append(
          WhatIfWarning(route: route, reason: .fewSamples, samples: requests, limit: minimumRequests))
      }
    }
    for (route, leg) in [(Route.stable, stable), (Route.canary, canary), (Route.shadow, input.shadow)] {
      if let leg, leg.costUnknownRequests > 0 {
        warnings.append(
          WhatIfWarning(
            route: route, reason: .unknownCost, samples: leg.costUnknownRequests, limit: leg.requests))
      }
    }

    return WhatIfReport(
      artefact: input.artefact, currentCanaryWeightPercent: currentPercent,
      proposedCanaryWeightPercent: proposedPercent, stableVersions: stable?.versions ?? [],
      canaryVersions: canary?.versions ?? [], shadowVersions: input.shadow?.versions ?? [],
      windowSeconds: seconds, windowStart: input.windowStart, windowEnd: input.windowEnd,
      requestsPerSecond: WhatIfFigure(
        current: rps, projected: rps, stableSamples: ns, canarySamples: nc),
      p95LatencyMs: WhatIfFigure(
        current: hasCurrent ? p95(w0) : nil, projected: p95(w), stableSamples: latencyS,
        canarySamples: latencyC),
      errorRate: WhatIfFigure(
        current: hasCurrent ? mix(stable?.errorRate, canary?.errorRate, w0) : nil,
        projected: mix(stable?.errorRate, canary?.errorRate, w), stableSamples: ns, canarySamples: nc),
      timeoutRate: WhatIfFigure(
        current: hasCurrent ? mix(stable?.timeoutRate, canary?.timeoutRate, w0) : nil,
        projected: mix(stable?.timeoutRate, canary?.timeoutRate, w), stableSamples: ns, canarySamples: nc),
      costPerRequestUSD: WhatIfFigure(
        current: hasCurrent ? costPerRequest(w0) : nil, projected: costPerRequest(w), stableSamples: knownS,
        canarySamples: knownC),
      costPerHourUSD: WhatIfFigure(
        current: hasCurrent ? costPerHour(w0) : nil, projected: costPerHour(w), stableSamples: knownS,
        canarySamples: knownC, shadowSamples: input.shadow?.knownCostRequests ?? 0),
      shadowCostPerHourUSD: shadowPerHour, minimumRequests: minimumRequests, warnings: warnings)
  }
}
