extension SLODefinition {
  /// The default burn-rate alerts of this SLO, one rule per row of
  /// ``SLOBurnRateWindow/workbook``:
  /// `burn_rate{slo="x"}[long] > f and burn_rate{slo="x"}[short] > f`,
  /// named `SLOBurnRate` in group `slo:<name>`, labelled with the row's
  /// severity, the SLO and the artefact, firing at once (`for: 0`) as the
  /// Workbook's short window already debounces.
  public var defaultAlertRules: [AlertRule] {
    SLOBurnRateWindow.workbook.map { row in
      let selector = [AlertLabelMatcher(name: "slo", op: .equal, value: name)]
      let long = AlertCondition(
        metric: .burnRate, matchers: selector, windowMs: row.longWindowMs, comparison: .greater,
        threshold: row.factor)
      var short = long
      short.windowMs = row.shortWindowMs
      return AlertRule(
        name: "SLOBurnRate", group: "slo:\(name)", expression: .and(.condition(long), .condition(short)),
        labels: ["severity": row.severity, "slo": name, "artefact": artefact],
        annotations: [
          "summary":
            "\(artefact) is burning its \(name) error budget at over \(row.factor)× "
            + "(\(AlertDuration.format(row.longWindowMs)) and \(AlertDuration.format(row.shortWindowMs)))",
          "description":
            "Burn rate = bad-event fraction ÷ (1 − \(objectivePercent) %). At \(row.factor)× the "
            + "\(AlertDuration.format(periodMs)) budget is gone in \(AlertDuration.format(Int64(Double(periodMs) / row.factor))).",
        ])
    }
  }
}
