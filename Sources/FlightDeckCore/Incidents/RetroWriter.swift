import Foundation

/// Writes an incident's retrospective (postmortem) as Markdown, in the shape
/// of the blameless postmortem of Google's SRE book (chapter 15) and
/// incident.io's template: facts FlightDeck knows are filled in, the
/// judgement sections (summary narrative, contributing factors, action
/// items) are left for the team.
///
/// Sections, in order: a facts table (severity, state, commander, opened,
/// duration, detection time = first alert → opened, time to acknowledge /
/// mitigate / resolve), `## Summary`, `## Impact` (``IncidentImpact``),
/// `## Timeline`, `## Changes in the window` (rollout starts, promotions,
/// aborts, pointer moves, rollbacks, configuration applies, gate checks),
/// `## Contributing factors`, `## Action items`, `## Recurrence`. A figure
/// that cannot be computed reads `n/a`. Every text that came from operators
/// or telemetry (titles, notes, user names, artefact, version and alert
/// names) is put on one line, its invisible and bidi characters made visible
/// (``TerminalText/sanitize(_:)``) and its Markdown and HTML escaped
/// (``MarkdownText/escape(_:)``), so it cannot break the tables and a wiki or
/// forge renders it as text, not markup.
public enum RetroWriter {
  /// Timeline kinds listed under "Changes in the window".
  public static let changeKinds: Set<IncidentTimelineKind> = [
    .rolloutStart, .rolloutPromote, .rolloutAbort, .pointerMove, .rollback, .config, .gate,
  ]

  /// The Markdown retrospective.
  /// - Parameters:
  ///   - incident: The incident.
  ///   - timeline: Its timeline (``IncidentTimeline``).
  ///   - impact: Its measured impact; `nil` when no telemetry was given.
  ///   - recurrences: Earlier related incidents (``IncidentRecurrence``).
  ///   - lookbackMs: The recurrence look-back, for the heading (ms).
  ///   - now: The end of an open incident's duration.
  public static func markdown(
    incident: Incident, timeline: [IncidentTimelineEntry], impact: IncidentImpact?, recurrences: [Incident],
    lookbackMs: Int64 = IncidentRecurrence.defaultLookbackMs, now: Timestamp
  ) -> String {
    var out: [String] = []
    let links = incident.links
    out.append("# \(incident.displayID): \(cell(incident.title))")
    out.append("")
    out.append("| Field | Value |")
    out.append("|---|---|")
    func row(_ k: String, _ v: String) { out.append("| \(k) | \(v) |") }
    row("Severity", incident.severity.rawValue)
    row("State", incident.state.rawValue)
    row("Commander", incident.commander.map(cell) ?? "n/a")
    row("Opened", "\(incident.openedAt.rfc3339) by \(cell(incident.openedBy)) (\(incident.source.rawValue))")
    row("Resolved", incident.resolvedAt?.rfc3339 ?? "not yet")
    row("Duration", duration(incident.durationMs(now: now)) + (incident.state.isOpen ? " (still open)" : ""))
    row("Detection (first alert → opened)", duration(incident.timeToDetectMs))
    row("Time to acknowledge", duration(incident.timeToAcknowledgeMs))
    row("Time to mitigate", duration(incident.timeToMitigateMs))
    row("Time to resolve", duration(incident.timeToResolveMs))
    row("Artefacts", links.allArtefacts.isEmpty ? "n/a" : cell(links.allArtefacts.joined(separator: ", ")))
    if !links.versions.isEmpty {
      row("Versions", cell(links.versions.map { "\($0.artefact)@\($0.label)" }.joined(separator: ", ")))
    }
    if !links.rollouts.isEmpty { row("Rollouts", links.rollouts.map { "RO-\($0)" }.joined(separator: ", ")) }
    if !links.alerts.isEmpty {
      row(
        "Alerts",
        cell(links.alerts.map { "\($0.rule) (since \($0.firingSince.rfc3339))" }.joined(separator: ", ")))
    }
    out.append("")
    out.append("## Summary")
    out.append("")
    out.append(
      "\(incident.severity.rawValue) incident \"\(cell(incident.title))\", opened \(incident.openedAt.rfc3339), "
        + (incident.resolvedAt.map { "resolved \($0.rfc3339) after \(duration(incident.timeToResolveMs))." }
          ?? "still \(incident.state.rawValue)."))
    out.append("")
    out.append("_What happened, to whom, and how it ended: to be written by the team._")
    out.append("")
    out.append("## Impact")
    out.append("")
    out.append(contentsOf: impactLines(impact))
    out.append("")
    out.append("## Timeline")
    out.append("")
    out.append(contentsOf: table(timeline))
    out.append("")
    out.append("## Changes in the window")
    out.append("")
    let changes = timeline.filter { changeKinds.contains($0.kind) }
    out.append(contentsOf: changes.isEmpty ? ["None recorded."] : table(changes))
    out.append("")
    out.append("## Contributing factors")
    out.append("")
    out.append("_To be filled in by the team (blameless: systems and conditions, not people)._")
    out.append("")
    out.append("## Action items")
    out.append("")
    out.append("| Action | Owner | Due | Tracking |")
    out.append("|---|---|---|---|")
    out.append("|  |  |  |  |")
    out.append("")
    out.append("## Recurrence (previous \(duration(lookbackMs)))")
    out.append("")
    if recurrences.isEmpty {
      out.append("No other incident on the same artefacts or alerts.")
    } else {
      for r in recurrences {
        out.append(
          "- \(r.displayID) (\(r.severity.rawValue), \(r.state.rawValue), opened \(r.openedAt.rfc3339)): \(cell(r.title))"
        )
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// The Impact section's lines.
  static func impactLines(_ impact: IncidentImpact?) -> [String] {
    guard let i = impact else {
      return ["Not measured: no telemetry was given (`flightdeck retro … --telemetry PATH`)."]
    }
    let scope = i.artefacts.isEmpty ? "all artefacts" : i.artefacts.joined(separator: ", ")
    var lines = [
      "- Window: \(i.from.rfc3339) → \(i.to.rfc3339) (\(duration(i.windowMs))), \(cell(scope))",
      "- Requests affected: \(i.requests)",
      "- Errors (error + timeout): \(i.errors) (\(percent(i.errorRate)); baseline \(percent(i.baselineErrorRate)) over the \(duration(i.coveredBaselineMs)) before)",
    ]
    if let slo = i.slo {
      let burn = i.burnRate.map { String(format: "%.1f×", $0) } ?? "n/a"
      lines.append(
        "- Error budget burned: \(percent(i.budgetBurned)) of the \(duration(slo.periodMs)) budget at \(String(format: "%.2f", slo.objective * 100)) % (burn rate \(burn))"
      )
    } else {
      lines.append(
        "- Error budget burned: n/a (no SLO: declare an availability [[slo]] for the artefact in the configuration, or pass --slo-objective 99.5)"
      )
    }
    let unknown = i.unknownCostRequests > 0 ? " (\(i.unknownCostRequests) requests without a known cost)" : ""
    lines.append("- Cost in the window: \(usd(i.costUSD))\(unknown)")
    lines.append("- Extra cost vs the baseline spend rate: \(usd(i.extraCostUSD))")
    return lines
  }

  /// A Markdown table of timeline entries.
  static func table(_ entries: [IncidentTimelineEntry]) -> [String] {
    guard !entries.isEmpty else { return ["No events recorded."] }
    return ["| Time (UTC) | Event | Who | What |", "|---|---|---|---|"]
      + entries.map {
        "| \($0.at.rfc3339) | \($0.kind.rawValue) | \(cell($0.actor)) | \(cell($0.text)) |"
      }
  }

  /// `text` on one line, terminal-safe and Markdown-escaped, for a table
  /// cell, heading or list item: line breaks and other controls become
  /// visible escapes (`\x0A`), never spaces, so two different texts never
  /// read alike.
  static func cell(_ text: String) -> String {
    MarkdownText.escape(TerminalText.sanitize(text))
  }

  /// `12m30s`, or `n/a`.
  static func duration(_ ms: Int64?) -> String { ms.map { DurationText.readable(max(0, $0)) } ?? "n/a" }

  /// `8.00 %`, or `n/a`.
  static func percent(_ x: Double?) -> String { x.map { String(format: "%.2f %%", $0 * 100) } ?? "n/a" }

  /// `$1.2345` (negative `-$0.1000`), or `n/a`.
  static func usd(_ x: Double?) -> String {
    guard let x else { return "n/a" }
    return (x < 0 ? "-$" : "$") + String(format: "%.4f", abs(x))
  }
}
