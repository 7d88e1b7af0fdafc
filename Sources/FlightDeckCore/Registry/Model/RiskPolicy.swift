/// The approvals a promotion to `production` needs, per risk tier, and how long
/// a request stays open (the `[policy]` section of the configuration).
///
/// Defaults: `low` 0 approvals (self-approval allowed); `medium` 1; `high` 2;
/// `critical` 2 including a `release-manager`; from `medium` up the requester
/// may never approve their own request (four-eyes). Requests expire after 7 days.
public struct RiskPolicy: Sendable, Hashable, Codable {
  /// The rule per tier; a tier missing here uses ``RiskPolicy/standard``'s.
  public var rules: [RiskTier: ApprovalRule]
  /// How long a request stays open before it expires, in ms (default 7 days).
  public var requestLifetimeMs: Int64

  /// Creates a policy.
  public init(rules: [RiskTier: ApprovalRule], requestLifetimeMs: Int64 = 7 * 86_400_000) {
    self.rules = rules
    self.requestLifetimeMs = max(60_000, requestLifetimeMs)
  }

  /// The default policy described above.
  public static let standard = RiskPolicy(rules: [
    .low: ApprovalRule(approvals: 0, allowSelfApproval: true),
    .medium: ApprovalRule(approvals: 1, allowSelfApproval: false),
    .high: ApprovalRule(approvals: 2, allowSelfApproval: false),
    .critical: ApprovalRule(approvals: 2, requiredRole: "release-manager", allowSelfApproval: false),
  ])

  /// The rule for moving `pointer` of an artefact in `tier`: the tier's rule for
  /// `production`, ``ApprovalRule/none`` for any other pointer.
  public func rule(for tier: RiskTier, pointer: PointerName) -> ApprovalRule {
    guard pointer == .production else { return .none }
    return rules[tier] ?? RiskPolicy.standard.rules[tier] ?? .none
  }
}
