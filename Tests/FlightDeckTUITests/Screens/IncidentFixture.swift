@testable import FlightDeckCore

/// Hand-built alerts, SLOs, incidents, a timeline and a KPI report on the
/// dashboard fixture's clock (`DashboardFixture.now`, 2025-06-01T14:03:07Z).
///
/// Alerts (grouped by severity then artefact, groups with a firing alert
/// first; within those ["page","support-agent"] < ["ticket","gpt-4o-mini"]):
/// 1. HighErrorRate {support-agent canary, page}: firing since now − 192 s
///    (3m12s), value 0.06, nobody acknowledged → critical.
/// 2. CostBurn {gpt-4o-mini, ticket}: firing since now − 600 s (10m),
///    silenced by SIL-1 → `firing S`, value 41.5.
/// 3. P95Latency {support-agent canary, ticket}: pending since now − 45 s, value 2400.
/// 4. IngestErrors: inactive → not listed.
/// Counts: 2 firing · 1 pending · 1 silenced.
enum IncidentFixture {
  static let now = DashboardFixture.now

  static func at(_ secondsAgo: Int64) -> Timestamp { now.adding(milliseconds: -secondsAgo * 1000) }

  static func alert(
    _ rule: String, _ labels: [String: String], state: AlertState, since: Int64, value: Double?,
    silenced: Bool = false
  ) -> AlertInstance {
    var a = AlertInstance(
      ruleName: rule, group: "fd", labels: labels.merging(["alertname": rule]) { a, _ in a })
    a.state = state
    a.value = value
    a.activeAt = at(since + 60)
    if state == .firing { a.firedAt = at(since) } else { a.activeAt = at(since) }
    a.evaluatedAt = at(2)
    if silenced { a.silencedBy = [1] }
    return a
  }

  static let highErrorRate = alert(
    "HighErrorRate", ["artefact": "support-agent", "route": "canary", "severity": "page"], state: .firing,
    since: 192, value: 0.06)
  static let costBurn = alert(
    "CostBurn", ["artefact": "gpt-4o-mini", "severity": "ticket"], state: .firing, since: 600, value: 41.5,
    silenced: true)
  static let p95 = alert(
    "P95Latency", ["artefact": "support-agent", "route": "canary", "severity": "ticket"], state: .pending,
    since: 45, value: 2400)
  static let ingest = alert("IngestErrors", ["severity": "ticket"], state: .inactive, since: 0, value: 0)

  /// availability 99.5 %: 72 % of the budget left; burn 1 h 3.2×, 6 h 0.8×, 3 d unknown.
  static let slo = SLOStatus(
    slo: SLODefinition(
      name: "availability", artefact: "support-agent", kind: .availability, objectivePercent: 99.5),
    budgetRemaining: 0.72, burnRate1h: 3.2, burnRate6h: 0.8, burnRate3d: nil, periodRequests: 12_000)

  static func snapshot(now: Timestamp = DashboardFixture.now, alerts: Bool = true) -> DashboardSnapshot {
    var s = DashboardFixture.snapshot()
    s.now = now
    s.alerts = alerts ? [ingest, p95, costBurn, highErrorRate] : []
    s.slos = alerts ? [slo] : []
    s.alertsEvaluatedAt = alerts ? at(2) : nil
    return s
  }

  /// INC-1 SEV2 triggered, opened 2 h ago (old); INC-2 SEV1 acknowledged,
  /// opened 10 min ago, acknowledged 2 min later (TTA 2m); INC-3 SEV1
  /// resolved (opened 1 d ago, resolved 20 h ago). Queue: INC-2, INC-1, INC-3.
  static let incidents: [Incident] = [
    Incident(
      id: 3, title: "gateway 5xx", severity: .sev1, state: .resolved, commander: "carol", source: .alert,
      openedAt: at(86_400), openedBy: "flightdeck", acknowledgedAt: at(86_000), acknowledgedBy: "carol",
      mitigatedAt: at(80_000), resolvedAt: at(72_000)),
    Incident(
      id: 1, title: "summarise-prompt cost unknown", severity: .sev2, state: .triggered, commander: nil,
      source: .manual, openedAt: at(7200), openedBy: "bob",
      links: IncidentLinks(artefacts: ["summarise-prompt"])),
    Incident(
      id: 2, title: "support-agent canary errors", severity: .sev1, state: .acknowledged, commander: "alice",
      source: .alert, openedAt: at(600), openedBy: "flightdeck", acknowledgedAt: at(480),
      acknowledgedBy: "alice",
      links: IncidentLinks(
        alerts: [
          IncidentAlertLink(
            rule: "HighErrorRate", fingerprint: highErrorRate.fingerprint, labels: highErrorRate.labels,
            firingSince: at(660))
        ],
        versions: [IncidentVersionLink(artefact: "support-agent", label: "v4")], rollouts: [7])),
  ]

  /// INC-2's timeline: alert firing (now − 11 min), opened (− 10 min),
  /// acknowledged (− 8 min), the judge's abort (− 5 min) and a note 60 s
  /// AFTER the snapshot's clock (hidden until the clock passes it).
  static let timeline: [IncidentTimelineEntry] = [
    IncidentTimelineEntry(
      at: at(660), kind: .alertFiring, actor: "flightdeck",
      text: "alert HighErrorRate{artefact=\"support-agent\"} firing (page)", sequence: 10),
    IncidentTimelineEntry(
      at: at(600), kind: .opened, actor: "flightdeck", text: "opened SEV1: support-agent canary errors",
      sequence: 11),
    IncidentTimelineEntry(
      at: at(480), kind: .acknowledged, actor: "alice", text: "acknowledged by alice", sequence: 12),
    IncidentTimelineEntry(
      at: at(300), kind: .rolloutAbort, actor: "judge", text: "support-agent aborted: error rate 6.0 % > 1 %",
      sequence: 13),
    IncidentTimelineEntry(
      at: now.adding(milliseconds: 60_000), kind: .note, actor: "alice", text: "note: canary drained",
      sequence: 14),
  ]

  /// A 30-day report: time to promote 1 h, 2h10m, 6 h → median (rank ⌈0.5·3⌉ = 2)
  /// 2h10m, p90 (rank ⌈0.9·3⌉ = 3) 6 h; rollbacks 1 of 12 releases = 8.3 %;
  /// MTTA samples 2 min and 6 min 40 s → median 2m, p90 6m40s; no telemetry.
  static func report() -> KPIReport {
    KPIReport(
      from: now.adding(milliseconds: -30 * 86_400_000), to: now, releases: 12,
      timeToApprove: KPIDurations([1_800_000, 3_600_000]),
      timeToPromote: KPIDurations([3_600_000, 7_800_000, 21_600_000]),
      rollbackFrequency: KPIRatio(1, of: 12), gatePassRate: KPIRatio(9, of: 10),
      defectEscapeRate: KPIRatio(1, of: 12),
      costByArtefact: [], latencyAttainment: nil, latencyThresholdMs: nil,
      timeToAcknowledge: KPIDurations([120_000, 400_000]), timeToResolve: KPIDurations([]),
      postmortemCompletion: KPIRatio(0, of: 1), recurrence: KPIRatio(0, of: 2),
      auditCompleteness: KPIRatio(12, of: 12))
  }
}
