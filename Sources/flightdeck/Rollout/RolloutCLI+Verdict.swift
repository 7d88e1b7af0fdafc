import FlightDeckCore

/// The last verdict of a rollout (``RolloutState/lastVerdict``) as text and
/// as JSON, for `flightdeck rollout status`.
///
/// - JSON: `{"measurement":"fail","taken_at":time,"step":3,"weight":50,
///   "verdict":{"outcome","score":number-as-string|null,"summary",
///   "baseline_version","canary_version","groups":[{"group","weight","passed",
///   "failed","nodata","score"}],"metrics":[{"name","group","critical",
///   "baseline_n","canary_n","baseline_value","canary_value","effect",
///   "relative_effect","p_value","test","classification","reason"}]}|null}`;
///   numbers are strings (Swift's shortest round-trip form), as the audit
///   log's canonical JSON has no floating point; missing values are `null`.
extension RolloutCLI {
  /// A number as a JSON string, or `null`.
  static func number(_ value: Double?) -> Value {
    guard let value else { return .null }
    return .string(String(value))
  }

  /// The last verdict as JSON (see the extension's documentation).
  static func verdict(_ v: RolloutVerdict) -> Value {
    .object([
      "measurement": .string(v.measurement.rawValue),
      "taken_at": RegistryJSON.time(v.takenAt),
      "step": .integer(Int64(v.stepIndex + 1)),
      "weight": .integer(Int64(v.canaryWeight)),
      "verdict": v.verdict.map(verdict) ?? .null,
    ])
  }

  /// The judge's verdict as JSON: outcome, score, groups and per-metric reasons.
  static func verdict(_ v: CanaryVerdict) -> Value {
    .object([
      "outcome": .string(v.outcome.rawValue),
      "score": number(v.score),
      "summary": .string(v.summary),
      "baseline_version": .string(v.baselineVersion),
      "canary_version": .string(v.canaryVersion),
      "groups": .array(
        v.groups.map { g in
          .object([
            "group": .string(g.group), "weight": number(g.weight), "passed": .integer(Int64(g.passed)),
            "failed": .integer(Int64(g.failed)), "nodata": .integer(Int64(g.nodata)),
            "score": number(g.score),
          ])
        }),
      "metrics": .array(
        v.metrics.map { m in
          .object([
            "name": .string(m.name), "group": .string(m.group), "critical": .bool(m.critical),
            "baseline_n": .integer(Int64(m.baselineCount)), "canary_n": .integer(Int64(m.canaryCount)),
            "baseline_value": number(m.baselineValue), "canary_value": number(m.canaryValue),
            "effect": number(m.shift?.shift ?? m.absoluteEffect), "relative_effect": number(m.relativeEffect),
            "p_value": number(m.pValue), "test": .string(m.test),
            "classification": .string(m.classification.rawValue), "reason": .string(m.reason),
          ])
        }),
    ])
  }

  /// `RO-1 last measurement fail at step 3, weight 50 %, 2025-06-01T12:00:00Z:`
  /// then the verdict's lines (summary, groups, one reason per metric), or
  /// `  the judge did not run` when there is no verdict. Untrusted: print with `say`.
  static func verdictLines(_ r: RolloutRecord) -> [String] {
    guard let last = r.state.lastVerdict else { return [] }
    var lines = [
      "\(r.displayID) last measurement \(last.measurement.rawValue) at step \(last.stepIndex + 1), "
        + "weight \(last.canaryWeight) %, \(last.takenAt.rfc3339):"
    ]
    if let verdict = last.verdict {
      lines += verdict.description.split(separator: "\n").map { "  " + $0 }
    } else {
      lines.append("  the judge did not run (no production version or unusable samples)")
    }
    return lines
  }
}
