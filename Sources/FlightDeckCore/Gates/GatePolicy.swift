/// The evaluation gates a version must pass before release, per risk tier
/// (the `[gates.<tier>]` tables of the configuration).
///
/// Defaults (``standard``), stricter as the tier rises; rates are fractions:
///
/// | Tier | Required gates |
/// |---|---|
/// | `low` | `pass_rate >= 0.8` |
/// | `medium` | `pass_rate >= 0.9`, `error_rate <= 0.05` |
/// | `high` | `pass_rate >= 0.95`, `error_rate <= 0.02`, `guardrail_compliance >= 0.99`, `drift_psi <= 0.2` |
/// | `critical` | `pass_rate >= 0.98`, `error_rate <= 0.01`, `accuracy >= 0.95`, `guardrail_compliance >= 0.995`, `drift_psi <= 0.1`, `fairness_gap <= 0.05` |
///
/// `low` and `medium` can be met by a Promptfoo run alone; `high` and
/// `critical` also need figures from other evaluations (FlightDeck
/// gate-results JSON). The drift thresholds follow the usual PSI reading
/// (< 0.1 stable, 0.1–0.25 moderate shift; Siddiqi 2006); the fairness gap of
/// 0.05 is a common demographic-parity tolerance.
public struct GatePolicy: Sendable, Hashable, Codable {
  /// The requirements per tier, in the order they are reported. A tier
  /// missing here uses ``standard``'s; a tier mapped to `[]` requires nothing.
  public var tiers: [RiskTier: [GateRequirement]]

  /// Creates a policy.
  public init(tiers: [RiskTier: [GateRequirement]]) {
    self.tiers = tiers
  }

  /// The requirements for `tier`.
  public func requirements(for tier: RiskTier) -> [GateRequirement] {
    tiers[tier] ?? GatePolicy.standard.tiers[tier] ?? []
  }

  /// The default policy in the table above.
  public static let standard = GatePolicy(tiers: [
    .low: [GateRequirement(GateMetricName.passRate, .atLeast, 0.8)],
    .medium: [
      GateRequirement(GateMetricName.passRate, .atLeast, 0.9),
      GateRequirement(GateMetricName.errorRate, .atMost, 0.05),
    ],
    .high: [
      GateRequirement(GateMetricName.passRate, .atLeast, 0.95),
      GateRequirement(GateMetricName.errorRate, .atMost, 0.02),
      GateRequirement(GateMetricName.guardrailCompliance, .atLeast, 0.99),
      GateRequirement(GateMetricName.driftPSI, .atMost, 0.2),
    ],
    .critical: [
      GateRequirement(GateMetricName.passRate, .atLeast, 0.98),
      GateRequirement(GateMetricName.errorRate, .atMost, 0.01),
      GateRequirement(GateMetricName.accuracy, .atLeast, 0.95),
      GateRequirement(GateMetricName.guardrailCompliance, .atLeast, 0.995),
      GateRequirement(GateMetricName.driftPSI, .atMost, 0.1),
      GateRequirement(GateMetricName.fairnessGap, .atMost, 0.05),
    ],
  ])
}
