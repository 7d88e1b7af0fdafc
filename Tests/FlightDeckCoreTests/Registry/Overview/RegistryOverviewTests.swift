import FlightDeckCore
import Testing

/// Hand-built registry and telemetry: `support-agent` registered with v3
/// (production), v4 (canary), v5 (rolled back, idle, not newest: hidden) and
/// v6 (newest, staging, idle, REQ-7 to production 1/2); telemetry shows v3
/// stable (90 %), v4 canary (10 %), v9 shadow (unregistered). `gpt-x` is
/// only in telemetry; `loan-scorer` only in the registry.
@Suite struct RegistryOverviewTests {
  static let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)

  static func stats(requests: Int, errors: Int, p95: Double) -> WindowStats {
    var s = WindowStats()
    s.requests = requests
    s.errors = errors
    s.p95Ms = p95
    s.windowSeconds = 900
    return s
  }

  static func version(_ artefact: String, _ label: String, rolledBack: Bool = false) -> VersionRecord {
    VersionRecord(
      artefact: artefact, label: label, createdAt: t0, createdBy: "alice",
      rolledBackAt: rolledBack ? t0.adding(milliseconds: 1000) : nil)
  }

  static func registry() throws -> RegistrySnapshot {
    let agent = RegisteredArtefact(
      artefact: ArtefactRecord(
        name: "support-agent", kind: .agent, riskTier: .high, createdAt: t0, createdBy: "alice"),
      versions: ["v3", "v4", "v5", "v6"].map { version("support-agent", $0, rolledBack: $0 == "v5") },
      pointers: [.production: "v3", .canary: "v4", try PointerName("staging"): "v6"], lastMoves: [:],
      canaryWeightPercent: 10)
    let scorer = RegisteredArtefact(
      artefact: ArtefactRecord(
        name: "loan-scorer", kind: .model, riskTier: .critical, createdAt: t0, createdBy: "carol"),
      versions: [version("loan-scorer", "1")], pointers: [.production: "1"], lastMoves: [:],
      canaryWeightPercent: 0)
    let request = PromotionRequest(
      id: 7, artefact: "support-agent", version: "v6", target: .production, fromVersion: "v3",
      requester: "alice",
      reason: "better recall", createdAt: t0, expiresAt: t0.adding(milliseconds: 86_400_000), state: .pending,
      stateChangedAt: t0,
      decisions: [RequestDecision(actor: "bob", roles: [], verdict: .approve, at: t0, comment: "ok")],
      rule: ApprovalRule(approvals: 2, allowSelfApproval: false))
    let closed = PromotionRequest(
      id: 2, artefact: "support-agent", version: "v4", target: .production, fromVersion: "v3",
      requester: "alice",
      reason: "", createdAt: t0, expiresAt: t0, state: .rejected, stateChangedAt: t0, decisions: [],
      rule: ApprovalRule(approvals: 2, allowSelfApproval: false))
    return RegistrySnapshot(
      artefacts: [scorer, agent], requests: [request, closed], changeToken: 5, auditCount: 12)
  }

  static func telemetry() -> DashboardSnapshot {
    let agent = ArtefactSummary(
      name: "support-agent", kind: .agent,
      versions: [
        VersionSummary(
          version: "v4", route: .canary, trafficShare: 0.1, stats: stats(requests: 300, errors: 18, p95: 2400)
        ),
        VersionSummary(
          version: "v9", route: .shadow, trafficShare: 0.5, stats: stats(requests: 1500, errors: 0, p95: 1900)
        ),
        VersionSummary(
          version: "v3", route: .stable, trafficShare: 0.9,
          stats: stats(requests: 2700, errors: 13, p95: 2100)),
      ], total: WindowStats())
    let gpt = ArtefactSummary(
      name: "gpt-x", kind: .model,
      versions: [
        VersionSummary(
          version: "2024-07-18", route: .stable, trafficShare: 1,
          stats: stats(requests: 90, errors: 0, p95: 640))
      ],
      total: WindowStats())
    var snap = DashboardSnapshot.empty(now: t0)
    snap.artefacts = [gpt, agent]
    return snap
  }

  @Test func mergesRegistryAndTelemetryPerVersion() throws {
    let o = RegistryOverview.merge(registry: try Self.registry(), telemetry: Self.telemetry())
    // Telemetry's order (gpt-x, support-agent), then the registry-only loan-scorer.
    #expect(o.artefacts.map(\.name) == ["gpt-x", "support-agent", "loan-scorer"])
    #expect(o.hasRegistry)
    let agent = o.artefacts[1]
    // Registration order v3, v4, v6 (v5: no pointer, no traffic, no request, not newest → hidden),
    // then the unregistered v9 from telemetry.
    #expect(agent.versions.map(\.label) == ["v3", "v4", "v6", "v9"])
    #expect(agent.productionVersion == "v3")
    #expect(agent.canaryWeightPercent == 10)
    let v3 = agent.versions[0]
    #expect(v3.pointers == [.production])
    #expect(v3.routes == [.stable])
    #expect(v3.trafficShare == 0.9)
    // 2700 requests over 900 s = 3.0 req/s; 13 / 2700 errors.
    #expect(v3.stats?.requestsPerSecond == 3.0)
    #expect(v3.stats?.errorRate == 13.0 / 2700.0)
    #expect(v3.flags.isEmpty)
    let v6 = agent.versions[2]
    #expect(v6.pointers == [try PointerName("staging")])
    #expect(v6.hasNoTraffic)
    #expect(v6.trafficShare == nil)
    #expect(v6.openRequest?.id == 7)
    #expect(v6.openRequest?.approvalText == "1/2")
    let v9 = agent.versions[3]
    #expect(v9.isUnregistered)
    #expect(v9.routes == [.shadow])
    // Shadow only: its mirror fraction.
    #expect(v9.trafficShare == 0.5)
    // The closed REQ-2 on v4 is not an open request.
    #expect(agent.versions[1].openRequest == nil)
    #expect(agent.versions[1].pointers == [.canary])
  }

  @Test func telemetryOnlyArtefactIsFlaggedAndRegistryOnlyIsIdle() throws {
    let o = RegistryOverview.merge(registry: try Self.registry(), telemetry: Self.telemetry())
    let gpt = o.artefacts[0]
    #expect(!gpt.isRegistered)
    #expect(gpt.versions.map(\.label) == ["2024-07-18"])
    #expect(gpt.versions[0].isUnregistered)
    let scorer = o.artefacts[2]
    #expect(scorer.isRegistered)
    #expect(scorer.versions.map(\.label) == ["1"])
    #expect(scorer.versions[0].hasNoTraffic)
    #expect(o.hasUnregistered)
    #expect(o.rows.count == 1 + 1 + 4)
  }

  @Test func withoutRegistryNothingIsFlagged() {
    let o = RegistryOverview.merge(registry: nil, telemetry: Self.telemetry())
    #expect(!o.hasRegistry)
    #expect(o.rows.allSatisfy { $0.flags.isEmpty })
    // Versions in first-seen telemetry order: v4, v9, v3; legs keep their figures.
    #expect(o.artefacts.map(\.name) == ["gpt-x", "support-agent"])
    #expect(o.artefacts[1].versions.map(\.label) == ["v4", "v9", "v3"])
    #expect(!o.hasUnregistered)
  }

  @Test func versionOnTwoLegsSumsUserFacingShareAndShowsTheStableLeg() {
    var snap = DashboardSnapshot.empty(now: Self.t0)
    snap.artefacts = [
      ArtefactSummary(
        name: "a", kind: .model,
        versions: [
          VersionSummary(
            version: "v1", route: .shadow, trafficShare: 0.25,
            stats: Self.stats(requests: 5, errors: 5, p95: 9)),
          VersionSummary(
            version: "v1", route: .canary, trafficShare: 0.2,
            stats: Self.stats(requests: 20, errors: 1, p95: 30)),
          VersionSummary(
            version: "v1", route: .stable, trafficShare: 0.7,
            stats: Self.stats(requests: 70, errors: 0, p95: 10)),
        ], total: WindowStats())
    ]
    let v = RegistryOverview.merge(registry: nil, telemetry: snap).rows[0]
    #expect(v.routes == [.stable, .canary, .shadow])
    // 0.7 + 0.2 (shadow's mirror fraction is not user-facing traffic).
    #expect(abs((v.trafficShare ?? 0) - 0.9) < 1e-12)
    #expect(v.stats?.p95Ms == 10)
  }

  @Test func emptyInputsGiveAnEmptyOverview() {
    #expect(RegistryOverview.merge(registry: nil, telemetry: nil).artefacts.isEmpty)
    #expect(RegistryOverview.merge(registry: .empty, telemetry: nil).rows.isEmpty)
  }
}
