import Foundation

extension AlertConfiguration {
  /// The configuration as the `[alerts]` table and `[[slo]]` tables of a
  /// configuration file (the keys ``FlightDeckConfiguration/parse(_:file:)``
  /// reads back to an equal value), e.g.
  ///
  /// ```toml
  /// [alerts]
  /// rules = "/path/default-alerts.yml"
  /// evaluation_interval = "5s"
  /// incident_severities = ["page"]
  /// slo_alerts = true
  ///
  /// [[slo]]
  /// name = "availability"
  /// artefact = "rag-answer"
  /// kind = "availability"
  /// objective = 99.0
  /// period = "720h"
  /// ```
  ///
  /// Durations are written as ``DurationText/format(_:)`` writes them (exact);
  /// strings are TOML basic strings with `"` and `\` escaped.
  public var tomlText: String {
    let quoted = TOMLBasicString.quoted
    func number(_ x: Double) -> String {
      x == x.rounded() && abs(x) < 1e15 ? String(format: "%.1f", x) : "\(x)"
    }
    var lines = ["[alerts]"]
    if let rulesPath { lines.append("rules = " + quoted(rulesPath)) }
    lines.append("evaluation_interval = " + quoted(DurationText.format(evaluationIntervalMs)))
    lines.append("incident_severities = [" + incidentSeverities.map(quoted).joined(separator: ", ") + "]")
    lines.append("slo_alerts = \(sloAlerts)")
    for slo in slos {
      lines += [
        "", "[[slo]]", "name = " + quoted(slo.name), "artefact = " + quoted(slo.artefact),
        "kind = " + quoted(slo.kind.rawValue), "objective = " + number(slo.objectivePercent),
        "period = " + quoted(DurationText.format(slo.periodMs)),
      ]
      if let t = slo.thresholdMs { lines.append("threshold_ms = " + number(t)) }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
