extension SLODefinition {
  /// The default burn-rate alerts of this SLO from its ``alertWindows``
  /// table (``SLOBurnRateWindow/workbook`` unless `burn_rate_windows =
  /// "sloth"`), one rule per severity as Sloth generates them: each row is
  /// `burn_rate{slo="x"}[long] > f and burn_rate{slo="x"}[short] > f`, and
  /// the rows of one severity are joined with `or` (page: 14.4× over 1 h
  /// and 5 m, or 6× over 6 h and 30 m; ticket: 1× over 3 d and 6 h, after
  /// 3× over 1 d and 2 h with Sloth's table). Named
  /// `SLOBurnRate` in group `slo:<name>`, labelled with the severity, the
  /// SLO and the artefact, firing at once (`for: 0`) as the short window
  /// already debounces.
  public var defaultAlertRules: [AlertRule] {
    var severities: [String] = []
    let table = alertWindows.rows
    for row in table where !severities.contains(row.severity) {
      severities.append(row.severity)
    }
    // Both labels: SLOs of different artefacts may share a name ("availability").
    let selector = [
      AlertLabelMatcher(name: "slo", op: .equal, value: name),
      AlertLabelMatcher(name: "artefact", op: .equal, value: artefact),
    ]
    return severities.map { severity in
      let rows = table.filter { $0.severity == severity }
      let terms: [AlertExpression] = rows.map { row in
        let long = AlertCondition(
          metric: .burnRate, matchers: selector, windowMs: row.longWindowMs, comparison: .greater,
          threshold: row.factor)
        var short = long
        short.windowMs = row.shortWindowMs
        return .and(.condition(long), .condition(short))
      }
      let expression = terms.dropFirst().reduce(terms[0]) { .or($0, $1) }
      let described = rows.map {
        "\($0.factor)× over \(AlertDuration.format($0.longWindowMs)) and \(AlertDuration.format($0.shortWindowMs))"
      }
      return AlertRule(
        name: "SLOBurnRate", group: "slo:\(name)", expression: expression,
        labels: ["severity": severity, "slo": name, "artefact": artefact],
        annotations: [
          "summary": "\(artefact) is burning its \(name) error budget too fast",
          "description":
            "Burn rate = bad-event fraction ÷ (1 − \(objectivePercent) %) above "
            + described.joined(separator: ", or ") + " (SRE Workbook ch. 5).",
        ])
    }
  }
}
