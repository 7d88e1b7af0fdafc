extension GateRecord {
  /// Why a promotion of `artefact` at `version` must be refused on gate
  /// grounds, in words; empty when the gates allow it.
  ///
  /// - no record: `gates never ran for <artefact> <version>`;
  /// - a failed record: one line per gate that did not pass
  ///   (`gates failed: error_rate 0.03 is above 0.02 (eval.json)`);
  /// - a requirement of the policy in force (for the artefact's current
  ///   tier) that the record does not show as met
  ///   (`not checked under the current gate policy: drift_psi <= 0.2`).
  ///
  /// The store refuses a promotion when this is non-empty, unless the
  /// request carries an override reason (which the audit entry records).
  public static func promotionBlockers(
    _ record: GateRecord?, artefact: String, version: String, policy: GatePolicy, tier: RiskTier
  ) -> [String] {
    guard let record else { return ["gates never ran for \(artefact) \(version)"] }
    var out = record.report.gates.filter { !$0.passed }.map { "gates failed: \($0.reason)" }
    let failed = Set(record.report.gates.filter { !$0.passed }.map(\.requirement.metric))
    for r in record.unmetRequirements(policy: policy, tier: tier) where !failed.contains(r.metric) {
      out.append("not checked under the current gate policy: \(r.description)")
    }
    return out
  }
}
