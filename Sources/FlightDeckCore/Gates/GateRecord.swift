/// Gate results recorded on a version: what the registry store saves when
/// `flightdeck gate check` runs, and what a promotion consults.
///
/// Its canonical JSON (``canonicalJSON``, read back by
/// ``init(canonicalJSON:name:)``) is the stored form and the text an audit
/// entry's `after` can carry.
public struct GateRecord: Sendable, Hashable, Codable {
  /// The artefact checked.
  public var artefact: String
  /// The version checked.
  public var version: String
  /// When the check ran (from the injected clock).
  public var evaluatedAt: Timestamp
  /// Who ran it (the operator, or the CI identity).
  public var evaluatedBy: String
  /// The check's report (tier, gates, input digests, warnings).
  public var report: GateReport

  /// Creates a record.
  public init(
    artefact: String, version: String, evaluatedAt: Timestamp, evaluatedBy: String, report: GateReport
  ) {
    self.artefact = artefact
    self.version = version
    self.evaluatedAt = evaluatedAt
    self.evaluatedBy = evaluatedBy
    self.report = report
  }

  /// Whether every gate passed.
  public var passed: Bool { report.passed }

  /// The requirements of `policy` for `tier` that this record does not show
  /// as passed: those a promotion still lacks. Empty when the record passed
  /// every gate the current policy asks for, with the same or a stricter
  /// threshold. A record made under a laxer or older policy, or for another
  /// tier, therefore does not count for a tightened one.
  public func unmetRequirements(policy: GatePolicy, tier: RiskTier) -> [GateRequirement] {
    policy.requirements(for: tier).filter { req in
      !report.gates.contains { g in
        g.passed && g.requirement.metric == req.metric
          && g.value.map { req.comparison.holds($0, req.threshold) } == true
      }
    }
  }
}
