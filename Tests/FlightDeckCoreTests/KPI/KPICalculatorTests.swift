import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// KPIs on a history made through real store commands on a manual clock;
/// every value worked out by hand below.
@Suite struct KPICalculatorTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let minute: Int64 = 60_000
  /// 2025-06-01T00:00:00Z.
  let s = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)
  /// The period starts an hour later, at P0 = 01:00:00Z, and lasts a day.
  var p0: Timestamp { s.adding(milliseconds: 60 * minute) }

  func at(_ minutesFromP0: Int64) { clock.set(p0.adding(milliseconds: minutesFromP0 * minute)) }

  func promote(
    _ store: some RegistryStore, _ v: String, request: Int64, bob: Int64, carol: Int64,
    override: String? = nil
  )
    throws
  {
    at(request)
    let out = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: v, target: .production, reason: "ship \(v)", expectedFrom: nil,
        override: override), as: F.alice)
    let id = try #require(out.request?.id)
    at(bob)
    _ = try store.perform(.approve(requestID: id, comment: "ok"), as: F.bob)
    at(carol)
    _ = try store.perform(.approve(requestID: id, comment: "ok"), as: F.carol)
  }

  func open(_ store: some RegistryStore, _ title: String, links: IncidentLinks) throws -> Int64 {
    try #require(
      try store.perform(
        .openIncident(title: title, severity: .sev2, commander: nil, links: links, source: .manual),
        as: F.alice
      ).incident?.id)
  }

  /// The history (minutes from P0; negative = before the period):
  /// - −60…−50: support-bot (tier high: 2 approvals) v1–v4 registered; v1
  ///   released at −50 (override): before the period.
  /// - −40: INC-1 on support-bot, resolved at −35 (before the period).
  /// - 0: v2 gates pass. Release R1: requested 1, approved 11 (bob), 21 (carol).
  /// - 30: v3 gates fail; 40: v3 gates pass. R2: requested 60, approved 65, 90.
  /// - 95: INC-2 linked to support-bot@v3; acknowledged 97; resolved 110; retro written.
  /// - 100: rollback of production v3 → v2.
  /// - 120: R3 of v4 (no gates; override): requested 120, approved 125, 130.
  /// - 135: ml-model imported with production at v1 (an import move).
  /// - 140: INC-3 linked to support-bot@v4; acknowledged 150; resolved 200.
  /// - 300: INC-4 on ml-model; still triggered.
  func history() throws -> SQLiteRegistryStore {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    at(-60)
    _ = try store.perform(
      .registerArtefact(
        name: "support-bot", kind: .agent, owner: "support", riskTier: .high, description: ""),
      as: F.alice)
    for v in ["v1", "v2", "v3", "v4"] {
      _ = try store.perform(
        .registerVersion(artefact: "support-bot", label: v, source: nil, tags: [:], description: ""),
        as: F.alice)
    }
    try promote(store, "v1", request: -55, bob: -52, carol: -50, override: F.gatesNotUnderTest)
    at(-40)
    _ = try open(store, "old", links: IncidentLinks(artefacts: ["support-bot"]))
    at(-35)
    _ = try store.perform(.resolveIncident(id: 1, note: ""), as: F.bob)

    at(0)
    try F.passGates(store, "support-bot", ["v2"], tier: .high)
    try promote(store, "v2", request: 1, bob: 11, carol: 21)
    at(30)
    let failing = GateCheck.evaluate(policy: .standard, tier: .high, results: [])
    #expect(!failing.passed)
    _ = try store.perform(
      .recordGateResults(artefact: "support-bot", version: "v3", report: failing), as: F.alice)
    at(40)
    try F.passGates(store, "support-bot", ["v3"], tier: .high)
    try promote(store, "v3", request: 60, bob: 65, carol: 90)
    at(95)
    let inc2 = try open(
      store, "v3 errors",
      links: IncidentLinks(versions: [IncidentVersionLink(artefact: "support-bot", label: "v3")]))
    at(97)
    _ = try store.perform(.acknowledgeIncident(id: inc2), as: F.bob)
    at(100)
    _ = try store.perform(
      .rollback(artefact: "support-bot", to: nil, reason: "v3 errors", expectedProduction: nil), as: F.bob)
    at(110)
    _ = try store.perform(.resolveIncident(id: inc2, note: "rolled back"), as: F.bob)
    _ = try store.perform(
      .recordRetro(incident: inc2, path: "retros/INC-2.md", digest: String(repeating: "0f", count: 32)),
      as: F.bob)
    try promote(store, "v4", request: 120, bob: 125, carol: 130, override: F.gatesNotUnderTest)
    at(135)
    _ = try store.perform(
      .importArtefact(
        RegistryImportPlan(
          artefact: "ml-model", kind: .model, description: "", riskTier: .high,
          versions: [
            .init(label: "v1", createdAt: s, createdBy: "", source: nil, tags: [:], description: "")
          ], pointers: [.production: "v1"], origin: "mlflow.json", warnings: [])), as: F.alice)
    at(140)
    let inc3 = try open(
      store, "v4 slow",
      links: IncidentLinks(versions: [IncidentVersionLink(artefact: "support-bot", label: "v4")]))
    at(150)
    _ = try store.perform(.acknowledgeIncident(id: inc3), as: F.bob)
    at(200)
    _ = try store.perform(.resolveIncident(id: inc3, note: ""), as: F.bob)
    at(300)
    _ = try open(store, "ml-model drift", links: IncidentLinks(artefacts: ["ml-model"]))
    return store
  }

  @Test func kpisOnAHandBuiltHistory() throws {
    let store = try history()
    let inputs = try KPIInputs.load(store: store, from: p0, to: p0.adding(milliseconds: 1440 * minute))
    // Telemetry, in the period unless said: support-bot $0.01, $0.02, $0.03
    // with 100 + 50 tokens each, latencies 100, 400, 500 ms; one support-bot
    // request without a cost at 300 ms; ml-model $0.50 with 1000 + 0 tokens
    // at 1200 ms; one support-bot request before the period (ignored).
    var telemetry = KPITelemetry(from: inputs.from, to: inputs.to, latencyThresholdMs: 500)
    func rec(
      _ artefact: String, _ cost: Double?, _ input: Int, _ output: Int, _ latency: Double, _ m: Int64 = 5
    )
      -> TelemetryRecord
    {
      TelemetryRecord(
        timestamp: p0.adding(milliseconds: m * minute), requestID: "r", artefact: artefact, kind: .agent,
        version: "v2", route: .stable, latencyMs: latency, inputTokens: input, outputTokens: output,
        costUSD: cost,
        status: .ok)
    }
    for r in [
      rec("support-bot", 0.01, 100, 50, 100), rec("support-bot", 0.02, 100, 50, 400),
      rec("support-bot", 0.03, 100, 50, 500), rec("support-bot", nil, 100, 50, 300),
      rec("ml-model", 0.5, 1000, 0, 1200), rec("support-bot", 9, 1, 1, 9999, -1),
    ] { telemetry.add(r) }
    let k = KPICalculator.compute(inputs, telemetry: telemetry)

    // Releases in the period: R1, R2, R3 (v1's at −50 is before it; the
    // import and the rollback are not releases).
    #expect(k.releases == 3)
    // Request → production: R1 21 − 1 = 20 min, R2 90 − 60 = 30 min, R3 130 − 120 = 10 min.
    // Sorted [10, 20, 30] min; nearest-rank median = ⌈0.5·3⌉ = 2nd = 20 min;
    // p90 = ⌈0.9·3⌉ = 3rd = 30 min; mean = 60 / 3 = 20 min.
    #expect(k.timeToPromote.samples == [600_000, 1_200_000, 1_800_000])
    #expect(k.timeToPromote.median == 1_200_000 && k.timeToPromote.p90 == 1_800_000)
    #expect(k.timeToPromote.mean == 1_200_000)
    // The last approval applies the move, so request → approved is the same here.
    #expect(k.timeToApprove.samples == [600_000, 1_200_000, 1_800_000])
    // One rollback (at 100) per 3 releases.
    #expect(k.rollbackFrequency == KPIRatio(1, of: 3))
    // Gate checks in the period: v2 pass (0), v3 fail (30), v3 pass (40) → 2/3.
    #expect(k.gatePassRate == KPIRatio(2, of: 3))
    // Incidents opened in the period: INC-2 (v3, gates passed: an escape),
    // INC-3 (v4, never gated: not an escape), INC-4 (no version) → 1 / 3 releases.
    #expect(k.defectEscapeRate == KPIRatio(1, of: 3))
    // Acknowledged: INC-2 97 − 95 = 2 min, INC-3 150 − 140 = 10 min (INC-4 not yet).
    // Mean (2 + 10) / 2 = 6 min; nearest-rank median ⌈0.5·2⌉ = 1st = 2 min.
    #expect(k.timeToAcknowledge.samples == [120_000, 600_000])
    #expect(k.timeToAcknowledge.mean == 360_000 && k.timeToAcknowledge.median == 120_000)
    // Resolved: INC-2 110 − 95 = 15 min, INC-3 200 − 140 = 60 min; mean 37.5 min, median 15 min.
    #expect(k.timeToResolve.samples == [900_000, 3_600_000])
    #expect(k.timeToResolve.mean == 2_250_000 && k.timeToResolve.median == 900_000)
    // Resolved in the period: INC-2 (retro) and INC-3 (none) → 1/2.
    #expect(k.postmortemCompletion == KPIRatio(1, of: 2))
    // INC-2 follows INC-1 on support-bot (135 min before), INC-3 follows both,
    // INC-4 (ml-model) has no predecessor → 2/3.
    #expect(k.recurrence == KPIRatio(2, of: 3))
    // Production moves in the period: R1, R2, rollback, R3 (complete) and the
    // ml-model import (no approval record) → 4/5.
    #expect(k.auditCompleteness == KPIRatio(4, of: 5))
    #expect(k.auditCompleteness.percentText == "80.0 % (4/5)")
    // Cost: support-bot 0.06 over 3 priced requests = $0.02/request; 450
    // tokens → 0.06 / 450 × 1000 = $0.1333/1k; ml-model $0.50, 1000 tokens → $0.50/1k.
    #expect(k.costByArtefact.map(\.artefact) == ["ml-model", "support-bot"])
    let bot = k.costByArtefact[1]
    #expect(bot.requests == 3 && bot.unknownCostRequests == 1 && bot.tokens == 450)
    #expect(abs((bot.costPerRequest ?? 0) - 0.02) < 1e-12)
    #expect(abs((bot.costPer1kTokens ?? 0) - 0.06 / 450 * 1000) < 1e-12)
    #expect(abs((k.costByArtefact[0].costPer1kTokens ?? 0) - 0.5) < 1e-12)
    // Latency ≤ 500 ms: 100, 400, 500, 300 of 5 priced-or-not in the period (1200 is over) → 4/5.
    #expect(k.latencyAttainment == KPIRatio(4, of: 5))
    // A latency SLO is one artefact's: limited to support-bot, its four
    // requests in the period (100, 400, 500, 300 ms) all meet 500 ms; ml-model's
    // 1200 ms no longer counts.
    var one = KPITelemetry(
      from: inputs.from, to: inputs.to, latencyThresholdMs: 500, latencyArtefact: "support-bot")
    for r in [
      rec("support-bot", 0.01, 100, 50, 100), rec("support-bot", 0.02, 100, 50, 400),
      rec("support-bot", 0.03, 100, 50, 500), rec("support-bot", nil, 100, 50, 300),
      rec("ml-model", 0.5, 1000, 0, 1200),
    ] { one.add(r) }
    let limited = KPICalculator.compute(inputs, telemetry: one)
    #expect(limited.latencyAttainment == KPIRatio(4, of: 4))
    #expect(limited.latencyArtefact == "support-bot" && k.latencyArtefact == nil)
  }

  @Test func anEmptyPeriodReadsNotApplicableNeverZero() throws {
    let store = try history()
    // Two days after the history: nothing happened.
    let from = p0.adding(milliseconds: 2 * 1440 * minute)
    let k = KPICalculator.compute(
      try KPIInputs.load(store: store, from: from, to: from.adding(milliseconds: 1440 * minute)))
    for ratio in [
      k.rollbackFrequency, k.gatePassRate, k.defectEscapeRate, k.postmortemCompletion, k.recurrence,
      k.auditCompleteness,
    ] {
      #expect(ratio.value == nil && ratio.percentText == "n/a (0/0)")
    }
    for d in [k.timeToPromote, k.timeToApprove, k.timeToAcknowledge, k.timeToResolve] {
      #expect(d.median == nil && d.p90 == nil && d.mean == nil)
    }
    #expect(KPIText.duration(k.timeToResolve.mean) == "n/a")
    #expect(k.latencyAttainment == nil && k.costByArtefact.isEmpty)
  }

  @Test func nearestRankPercentiles() {
    // 10 samples 1…10: p90 = ⌈9⌉ = 9th = 9; median = ⌈5⌉ = 5th = 5; p100 = 10; p1 = ⌈0.1⌉ = 1st = 1.
    let d = KPIDurations(Array((1...10).reversed()))
    #expect(d.p90 == 9 && d.median == 5 && d.percentile(1) == 10 && d.percentile(0.01) == 1)
    #expect(d.mean == 6)  // 55 / 10 = 5.5, rounded half away from zero
  }
}
