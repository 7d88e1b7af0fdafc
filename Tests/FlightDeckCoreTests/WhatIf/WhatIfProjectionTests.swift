import FlightDeckCore
import Testing

@Suite struct WhatIfProjectionTests {
  func histogram(_ values: [Double]) -> LatencyHistogram {
    var h = LatencyHistogram(digits: .two)
    for v in values { h.record(milliseconds: v) }
    return h
  }

  func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
  }

  /// Stable: 1 000 requests, 5 errors + 5 timeouts (1 %), 2.00 USD (0.002 per
  /// request). Canary: 100 requests, 8 errors (8 %), 0.50 USD (0.005 per
  /// request). Shadow: 50 mirrored requests costing 0.60 USD. 600 s.
  func input(canaryRequests: Int = 100) -> WhatIfInput {
    WhatIfInput(
      artefact: "support-bot",
      stable: WhatIfLeg(
        versions: ["v12"], requests: 1000, errors: 5, timeouts: 5, costUSD: 2.0,
        latency: histogram((0..<1000).map { 1 + Double($0 % 20) })),
      canary: WhatIfLeg(
        versions: ["v13"], requests: canaryRequests, errors: 8 * canaryRequests / 100, timeouts: 0,
        costUSD: 0.005 * Double(canaryRequests),
        latency: histogram((0..<canaryRequests).map { 101 + Double($0 % 10) })),
      shadow: WhatIfLeg(versions: ["v14"], requests: 50, errors: 0, timeouts: 0, costUSD: 0.6, latency: nil),
      windowSeconds: 600)
  }

  @Test func errorRatesOf1And8PercentAtHalfWeightGive4Point5() {
    let r = WhatIfProjection.project(input(), canaryWeightPercent: 50)
    // 0.5 · 1 % + 0.5 · 8 % = 4.5 %.
    #expect(close(r.errorRate.projected, 0.045))
    // Current: the observed split w₀ = 100 / 1100 gives the pooled rate
    // (10 + 8) / 1100.
    #expect(close(r.currentCanaryWeightPercent, 100.0 / 11.0))
    #expect(close(r.errorRate.current, 18.0 / 1100.0))
    // Timeouts: only stable has them, 0.5 %; at w = 0.5: 0.25 %.
    #expect(close(r.timeoutRate.projected, 0.0025))
    #expect(r.errorRate.stableSamples == 1000 && r.errorRate.canarySamples == 100)
  }

  @Test func requestRateIsUnchangedBySplit() {
    let r = WhatIfProjection.project(input(), canaryWeightPercent: 80)
    // 1 100 user-facing requests over 600 s; the shadow's 50 are not users'.
    #expect(close(r.requestsPerSecond.current, 1100.0 / 600.0))
    #expect(r.requestsPerSecond.projected == r.requestsPerSecond.current)
  }

  @Test func costPerRequestAndPerHourMixAndKeepTheShadowCost() {
    let r = WhatIfProjection.project(input(), canaryWeightPercent: 50)
    // 0.5 · 0.002 + 0.5 · 0.005 = 0.0035 USD per request.
    #expect(close(r.costPerRequestUSD.projected, 0.0035))
    // Shadow: 0.60 USD / 600 s · 3600 = 3.6 USD/h.
    #expect(close(r.shadowCostPerHourUSD, 3.6))
    // 0.0035 USD · 1100/600 req/s · 3600 s = 23.1 USD/h, + 3.6 = 26.7.
    #expect(close(r.costPerHourUSD.projected, 26.7))
    // Current: the pooled 2.50 USD over 600 s = 15 USD/h, + 3.6 = 18.6.
    #expect(close(r.costPerHourUSD.current, 18.6))
    #expect(close(r.costPerRequestUSD.current, 2.5 / 1100))
    #expect(r.costPerHourUSD.shadowSamples == 50)
  }

  @Test func p95IsTheMixtureQuantile() {
    // Stable: 1…20 ms, 50 each; canary 101…110 ms, 10 each. At w = 0.5,
    // F(20) = 0.5 and 0.5 + 0.5·k/10 ≥ 0.95 at k = 9 → 109 ms.
    let r = WhatIfProjection.project(input(), canaryWeightPercent: 50)
    #expect(r.p95LatencyMs.projected == 109)
    // At w = 0, stable alone: ⌈0.95·1000⌉ = 950th value; values 1…20 ms with
    // 50 each, so the 950th is 19 ms.
    // Stable's 1 000 values are an HdrHistogram (more than 128), so 19 ms is
    // its bucket's midpoint, within 1/256 of it.
    let alone = WhatIfProjection.project(input(), canaryWeightPercent: 0).p95LatencyMs.projected!
    #expect(abs(alone - 19) <= 19 * LatencyHistogram.relativeError(digits: .two))
    // Current (w₀ = 1/11): F(20) = 10/11 ≈ 0.909; + (1/11)·k/10 ≥ 0.95 at
    // k ≥ 4.5 → 105 ms — the pooled 1 100 values' ⌈1045⌉th.
    #expect(r.p95LatencyMs.current == 105)
    #expect(r.p95LatencyMs.stableSamples == 1000 && r.p95LatencyMs.canarySamples == 100)
  }

  @Test func fewCanaryRequestsGiveAWarning() {
    let r = WhatIfProjection.project(input(canaryRequests: 12), canaryWeightPercent: 50)
    #expect(
      r.warnings.map(\.description) == ["canary: 12 requests in the window (min 50): projection unreliable"])
    #expect(r.warnings.first?.reason == .fewSamples)
    // Enough requests: no warning.
    #expect(WhatIfProjection.project(input(), canaryWeightPercent: 50).warnings.isEmpty)
    // A custom minimum.
    let strict = WhatIfProjection.project(input(), canaryWeightPercent: 50, minimumRequests: 200)
    #expect(
      strict.warnings.map(\.description) == [
        "canary: 100 requests in the window (min 200): projection unreliable"
      ])
  }

  @Test func noCanaryTrafficProjectsStableAloneOrNothing() {
    var i = input()
    i.canary = nil
    // w = 0: stable alone, fine; nothing carries the canary's weight.
    let zero = WhatIfProjection.project(i, canaryWeightPercent: 0)
    #expect(close(zero.errorRate.projected, 0.01))
    #expect(zero.warnings.isEmpty)
    // w = 25 %: the canary's share cannot be projected from no data.
    let quarter = WhatIfProjection.project(i, canaryWeightPercent: 25)
    #expect(quarter.errorRate.projected == nil)
    #expect(quarter.p95LatencyMs.projected == nil)
    #expect(quarter.costPerHourUSD.projected == nil)
    #expect(close(quarter.errorRate.current, 0.01))
    #expect(
      quarter.warnings.map(\.description) == [
        "canary: no requests in the window: its share cannot be projected"
      ])
  }

  @Test func fullCanaryNeedsNoStable() {
    var i = input()
    i.stable = nil
    let r = WhatIfProjection.project(i, canaryWeightPercent: 100)
    #expect(close(r.errorRate.projected, 0.08))
    #expect(close(r.costPerRequestUSD.projected, 0.005))
    #expect(r.warnings.isEmpty)
  }

  @Test func unknownCostsAreWarnedAndLeftOut() {
    var i = input()
    // 40 of the canary's 100 requests without a price: 0.30 USD over 60 known.
    i.canary?.costUnknownRequests = 40
    i.canary?.costUSD = 0.3
    let r = WhatIfProjection.project(i, canaryWeightPercent: 50)
    #expect(close(r.costPerRequestUSD.projected, 0.5 * 0.002 + 0.5 * 0.005))
    #expect(r.costPerRequestUSD.canarySamples == 60)
    #expect(
      r.warnings.map(\.description) == [
        "canary: 40 of 100 requests have an unknown cost: cost figures use the 60 known"
      ])
  }

  @Test func weightsOutsideTheRangeAreClamped() {
    #expect(WhatIfProjection.project(input(), canaryWeightPercent: 150).proposedCanaryWeightPercent == 100)
    #expect(WhatIfProjection.project(input(), canaryWeightPercent: -5).proposedCanaryWeightPercent == 0)
    #expect(WhatIfProjection.project(input(), canaryWeightPercent: .nan).proposedCanaryWeightPercent == 0)
  }

  @Test func jsonAndTableCarryTheFigures() {
    var i = input(canaryRequests: 12)
    i.canary?.errors = 1
    let r = WhatIfProjection.project(i, canaryWeightPercent: 50)
    let table = r.table(sanitize: { $0 })
    // Current: 12 of 1 012 requests = 1.19 % → "1.2 %".
    #expect(table.contains("what-if support-bot: canary weight 1.2 % → 50.0 %"))
    // 0.5 · 1 % + 0.5 · 1/12 = 0.5 % + 4.1667 % = 4.67 %, samples 1000 / 12.
    let errorRow = table.split(separator: "\n").first { $0.hasPrefix("error rate %") }
    #expect(errorRow?.contains(" 4.67 ") == true)
    #expect(errorRow?.hasSuffix("1000 / 12") == true)
    #expect(table.contains("canary: 12 requests in the window (min 50): projection unreliable"))
    let json = r.json()
    #expect(json.contains("\"proposed_canary_weight_percent\" : 50"))
    #expect(json.contains("\"reason\" : \"fewSamples\""))
  }
}
