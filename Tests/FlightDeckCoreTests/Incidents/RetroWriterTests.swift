import FlightDeckCore
import Foundation
import Testing

/// The Markdown retrospective: facts, impact from hand-made telemetry
/// (every figure worked out below), timeline, changes and recurrence.
@Suite struct RetroWriterTests {
  let minute: Int64 = 60_000
  /// 2025-06-01T01:00:00.000Z: the incident opens.
  let t = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000 + 3_600_000)

  func at(_ minutes: Double) -> Timestamp { t.adding(milliseconds: Int64(minutes * 60_000)) }

  func incident() -> Incident {
    Incident(
      id: 3, title: "p95 | errors up", severity: .sev2, state: .resolved, commander: "carol", source: .alert,
      openedAt: t, openedBy: "system", acknowledgedAt: at(2), acknowledgedBy: "bob", mitigatedAt: at(7),
      resolvedAt: at(20),
      links: IncidentLinks(
        alerts: [
          IncidentAlertLink(
            rule: "CanaryErrors", fingerprint: "9f2c", labels: ["artefact": "support-bot"],
            firingSince: at(-5))
        ], versions: [IncidentVersionLink(artefact: "support-bot", label: "v13")]))
  }

  func record(_ when: Timestamp, artefact: String = "support-bot", cost: Double?, ok: Bool) -> TelemetryRecord
  {
    TelemetryRecord(
      timestamp: when, requestID: UUID().uuidString, artefact: artefact, kind: .agent, version: "v13",
      route: .canary, latencyMs: 100, inputTokens: 10, outputTokens: 10, costUSD: cost,
      status: ok ? .ok : .error)
  }

  /// Impact window [−5 min, +20 min) = 25 min; baseline [−65 min, −5 min).
  /// Baseline: 60 requests, one a minute, $0.01 each, the first an error →
  /// $0.60, 1/60 = 1.67 % errors, spend rate $0.01/min.
  /// Window: 50 requests every 30 s from −5 min (the last at +19.5 min),
  /// $0.02 each except the last (no cost); every tenth (k = 0, 10, 20, 30,
  /// 40) an error → 5/50 = 10.00 %; cost 49 × 0.02 = $0.98.
  /// Extra cost = 0.98 − 0.01 × 25 = $0.73.
  /// SLO 99 % over 30 d: burn rate = 0.10 / 0.01 = 10.0×; budget burned =
  /// 10 × 25 min / 43 200 min = 0.5787 % → "0.58 %".
  func impact() -> IncidentImpact {
    let inc = incident()
    let (from, to) = IncidentImpact.window(of: inc, now: at(99))
    var impact = IncidentImpact(
      from: from, to: to, baselineMs: 60 * minute, artefacts: inc.links.allArtefacts,
      slo: RetroSLO(objective: 0.99, periodMs: 30 * 86_400_000))
    for k in 0..<60 { impact.add(record(at(-65 + Double(k)), cost: 0.01, ok: k != 0)) }
    for k in 0..<50 {
      impact.add(record(at(-5 + Double(k) * 0.5), cost: k == 49 ? nil : 0.02, ok: k % 10 != 0))
    }
    impact.add(record(at(1), artefact: "other-bot", cost: 5, ok: false))  // another artefact
    impact.add(record(at(20), cost: 5, ok: false))  // at the resolution: the window is half-open
    impact.add(record(at(-66), cost: 5, ok: false))  // before the baseline
    return impact
  }

  @Test func impactFiguresMatchTheArithmetic() throws {
    let i = impact()
    #expect(i.windowMs == 25 * minute)
    #expect(i.requests == 50 && i.errors == 5 && i.unknownCostRequests == 1)
    #expect(i.baselineRequests == 60 && i.baselineErrors == 1)
    #expect(abs(try #require(i.costUSD) - 0.98) < 1e-9)
    #expect(abs(try #require(i.extraCostUSD) - 0.73) < 1e-9)
    #expect(abs(try #require(i.burnRate) - 10) < 1e-9)
    #expect(abs(try #require(i.budgetBurned) - 250.0 / 43_200) < 1e-12)
    // Nothing to compute from: n/a, never 0.
    let empty = IncidentImpact(from: t, to: at(1), baselineMs: minute, artefacts: [], slo: nil)
    #expect(
      empty.errorRate == nil && empty.costUSD == nil && empty.extraCostUSD == nil && empty.budgetBurned == nil
    )
  }

  @Test func markdownHasEverySectionWithItsValues() {
    let inc = incident()
    let timeline = [
      IncidentTimelineEntry(
        at: at(-20), kind: .rolloutStart, actor: "alice", text: "support-bot RO-1 rollout.start", sequence: 40
      ),
      IncidentTimelineEntry(
        at: at(-5), kind: .alertFiring, actor: "system", text: "alert CanaryErrors firing", sequence: 41),
      IncidentTimelineEntry(
        at: t, kind: .opened, actor: "system", text: "opened SEV2: p95 | errors up", sequence: 42),
    ]
    func earlier(_ id: Int64, _ days: Int64, _ artefact: String, rule: String? = nil) -> Incident {
      Incident(
        id: id, title: "earlier \(id)", severity: .sev3, state: .resolved, commander: nil, source: .manual,
        openedAt: t.adding(milliseconds: -days * 86_400_000), openedBy: "bob",
        links: IncidentLinks(
          alerts: rule.map { [IncidentAlertLink(rule: $0, fingerprint: "x", labels: [:], firingSince: t)] }
            ?? [],
          artefacts: [artefact]))
    }
    // INC-1: same artefact, 10 days before → listed. INC-2: same alert rule
    // but 40 days before → too old. INC-4: other artefact and rule → not related.
    let others = [
      earlier(1, 10, "support-bot"), earlier(2, 40, "other-bot", rule: "CanaryErrors"),
      earlier(4, 1, "other-bot"), inc,
    ]
    let recurrences = IncidentRecurrence.previous(of: inc, among: others)
    #expect(recurrences.map(\.id) == [1])
    let md = RetroWriter.markdown(
      incident: inc, timeline: timeline, impact: impact(), recurrences: recurrences, now: at(99))
    let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == #"# INC-3: p95 \| errors up"#)
    for expected in [
      "| Severity | SEV2 |", "| State | resolved |", "| Commander | carol |",
      "| Opened | 2025-06-01T01:00:00.000Z by system (alert) |", "| Resolved | 2025-06-01T01:20:00.000Z |",
      "| Duration | 20m |", "| Detection (first alert → opened) | 5m |", "| Time to acknowledge | 2m |",
      "| Time to mitigate | 7m |", "| Time to resolve | 20m |", "| Artefacts | support-bot |",
      "| Versions | support-bot@v13 |",
      "- Window: 2025-06-01T00:55:00.000Z → 2025-06-01T01:20:00.000Z (25m), support-bot",
      "- Requests affected: 50",
      "- Errors (error + timeout): 5 (10.00 %; baseline 1.67 % over the 1h before)",
      "- Error budget burned: 0.58 % of the 720h budget at 99.00 % (burn rate 10.0×)",
      "- Cost in the window: $0.9800 (1 requests without a known cost)",
      "- Extra cost vs the baseline spend rate: $0.7300",
      "| 2025-06-01T00:40:00.000Z | rollout.start | alice | support-bot RO-1 rollout.start |",
      #"| 2025-06-01T01:00:00.000Z | opened | system | opened SEV2: p95 \| errors up |"#,
      "## Contributing factors", "## Action items", "## Recurrence (previous 720h)",
      "- INC-1 (SEV3, resolved, opened 2025-05-22T01:00:00.000Z): earlier 1",
    ] {
      #expect(lines.contains(expected), "missing: \(expected)")
    }
    // The changes section lists the rollout start only (not the alert or the opening).
    let changes = md.components(separatedBy: "## Changes in the window")[1].components(separatedBy: "## ")[0]
    #expect(
      changes.contains("rollout.start") && !changes.contains("CanaryErrors") && !changes.contains("opened"))
    let headings = lines.filter { $0.hasPrefix("## ") }
    #expect(
      headings == [
        "## Summary", "## Impact", "## Timeline", "## Changes in the window", "## Contributing factors",
        "## Action items", "## Recurrence (previous 720h)",
      ])
    // Without telemetry or an SLO, the figures say so.
    let bare = RetroWriter.markdown(incident: inc, timeline: [], impact: nil, recurrences: [], now: at(99))
    #expect(bare.contains("Not measured: no telemetry was given"))
    #expect(bare.contains("No other incident on the same artefacts or alerts."))
  }
}

/// Titles, user names, notes and names from telemetry with Markdown and HTML
/// in them come out of the retrospective as text (expected lines by hand).
@Suite struct RetroWriterEscapingTests {
  let t = Timestamp(millisecondsSinceEpoch: 1_748_739_600_000)

  @Test func hostileFieldsAreEscaped() {
    let inc = Incident(
      id: 7, title: "<script>alert(1)</script> [x](javascript:alert(1))", severity: .sev1, state: .triggered,
      commander: "<img src=x onerror=alert(1)>", source: .manual, openedAt: t, openedBy: "*mallory*",
      links: IncidentLinks(artefacts: ["# h1\u{202E}"]))
    let timeline = [
      IncidentTimelineEntry(
        at: t, kind: .note, actor: "_eve_", text: "<!-- hidden -->\n# Owned\n- [ ] `x`", sequence: 9)
    ]
    let md = RetroWriter.markdown(incident: inc, timeline: timeline, impact: nil, recurrences: [], now: t)
    let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(
      lines.first == #"# INC-7: &lt;script&gt;alert(1)&lt;/script&gt; \[x\](javascript:alert(1))"#)
    for expected in [
      "| Commander | &lt;img src=x onerror=alert(1)&gt; |",
      #"| Opened | 2025-06-01T01:00:00.000Z by \*mallory\* (manual) |"#,
      ##"| Artefacts | \# h1\\u{202E} |"##,
      // Line breaks are shown escaped (`\x0A`, the backslash doubled for
      // Markdown), never as spaces: two different notes never read alike.
      ##"| 2025-06-01T01:00:00.000Z | note | \_eve\_ | &lt;!-- hidden --&gt;\\x0A\# Owned\\x0A- \[ \] \`x\` |"##,
    ] {
      #expect(lines.contains(expected), "missing: \(expected)")
    }
    #expect(!md.contains("<") && !md.contains("\u{202E}"))
  }
}
