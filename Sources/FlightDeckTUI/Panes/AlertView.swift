import FlightDeckCore

/// One alert in full (Enter in the Alerts pane), as the incident view is
/// for incidents: the rule, its state and since when, the value, every
/// label, the summary, description and runbook URL from its annotations,
/// who acknowledged it, the silences that hold it and the incident it
/// belongs to, each word-wrapped to the box (``DetailBlock``). The instance
/// is looked up afresh in every snapshot, so the view follows it (firing →
/// resolved). Esc or Enter closes it. Labels and annotations come from rule
/// files and telemetry and are sanitised before they are measured.
public enum AlertView {
  /// The lines shown for `alert` in a box whose text is `width` columns wide.
  /// - Parameters:
  ///   - incident: the incident whose links hold the alert's fingerprint, if any.
  public static func lines(_ alert: AlertInstance, incident: Incident?, width: Int) -> [String] {
    func block(_ label: String, _ value: String) -> [String] { DetailBlock.lines(label, value, width: width) }
    var out = block("alert:", "\(alert.ruleName) (group \(alert.group))")
    var state = alert.state.rawValue
    switch alert.state {
    case .firing: state += alert.firedAt.map { " since \($0.rfc3339)" } ?? ""
    case .pending: state += alert.activeAt.map { " since \($0.rfc3339)" } ?? ""
    case .resolved: state += alert.resolvedAt.map { " at \($0.rfc3339)" } ?? ""
    default: break
    }
    if alert.state != .pending, let active = alert.activeAt { state += " (active since \(active.rfc3339))" }
    out += block("state:", state)
    out += block("value:", alert.value.map { String(format: "%.6g", $0) } ?? "no data")
    let labels = alert.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
    out += block("labels:", labels.isEmpty ? "none" : labels.joined(separator: " "))
    for key in ["summary", "description", "runbook_url"] {
      if let text = alert.annotations[key], !text.isEmpty { out += block("\(key):", text) }
    }
    let others = alert.annotations.keys.filter { !["summary", "description", "runbook_url"].contains($0) }
      .sorted()
    for key in others { out += block("\(key):", alert.annotations[key] ?? "") }
    out += block(
      "acknowledged:",
      alert.acknowledgedBy.map { by in
        "by \(by)" + (alert.acknowledgedAt.map { " at \($0.rfc3339)" } ?? "")
          + (alert.acknowledgeComment.map { $0.isEmpty ? "" : ": \($0)" } ?? "")
      } ?? "no")
    out += block(
      "silenced by:",
      alert.silencedBy.isEmpty ? "nothing" : alert.silencedBy.map { "SIL-\($0)" }.joined(separator: ", "))
    out += block(
      "incident:",
      incident.map { "\($0.displayID) \($0.severity.rawValue) \($0.state.rawValue): \($0.title)" } ?? "none")
    out += block("fingerprint:", alert.fingerprint)
    return out
  }

  /// The incident `alert` belongs to: the newest of `incidents` whose links name its fingerprint.
  public static func incident(of alert: AlertInstance, in incidents: [Incident]?) -> Incident? {
    (incidents ?? []).filter { $0.links.alerts.contains { $0.fingerprint == alert.fingerprint } }
      .max { $0.id < $1.id }
  }

  /// The lines of the view of the alert `fingerprint` in a box whose text is
  /// `width` columns wide; a note when it is no longer in `alerts`.
  public static func lines(
    fingerprint: String, alerts: [AlertInstance], incidents: [Incident]?, width: Int
  ) -> [String] {
    if let alert = alerts.first(where: { $0.fingerprint == fingerprint }) {
      return lines(alert, incident: incident(of: alert, in: incidents), width: width)
    }
    return DetailBlock.lines("alert:", "\(fingerprint) is no longer evaluated", width: width)
  }

  /// Draws the view of the alert `fingerprint` over the body of `canvas`,
  /// from line `offset` on (it scrolls: at 80×24 the last blocks, incident
  /// and fingerprint, are below the first page).
  public static func draw(
    into canvas: inout Canvas, fingerprint: String, alerts: [AlertInstance], incidents: [Incident]?,
    offset: Int = 0, symbols: Symbols
  ) {
    let text = lines(
      fingerprint: fingerprint, alerts: alerts, incidents: incidents,
      width: DetailBlock.textWidth(canvasWidth: canvas.width))
    DetailBlock.draw(
      into: &canvas, title: "Alert (Esc closes)", lines: text, offset: offset, symbols: symbols)
  }
}
