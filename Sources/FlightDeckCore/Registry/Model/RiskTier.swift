/// How much harm a bad release of an artefact can do; decides how many
/// approvals a promotion to `production` needs (see ``RiskPolicy``).
///
/// The four tiers follow the usual model-risk grading (e.g. the EU AI Act's
/// minimal/limited/high/unacceptable scale, with `critical` for artefacts
/// that act on money, health or safety).
public enum RiskTier: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
  /// Internal tools, experiments.
  case low
  /// Customer-facing, reversible.
  case medium
  /// Customer-facing with material impact.
  case high
  /// Acts on money, health or safety.
  case critical

  /// Orders tiers from `low` to `critical`.
  public static func < (a: RiskTier, b: RiskTier) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
