/// What a promotion to `production` of one risk tier needs before the pointer moves.
public struct ApprovalRule: Sendable, Hashable, Codable {
  /// Distinct approvals needed (0: applied as soon as requested).
  public var approvals: Int
  /// A role at least one approver must have (e.g. `release-manager`), if any.
  public var requiredRole: String?
  /// Whether the requester may approve their own request. `false` is the
  /// four-eyes principle.
  public var allowSelfApproval: Bool

  /// Creates a rule; `approvals` is clamped to 0…10.
  public init(approvals: Int, requiredRole: String? = nil, allowSelfApproval: Bool) {
    self.approvals = min(max(approvals, 0), 10)
    self.requiredRole = requiredRole
    self.allowSelfApproval = allowSelfApproval
  }

  /// The rule for moves of pointers other than `production`: no approvals.
  public static let none = ApprovalRule(approvals: 0, allowSelfApproval: true)
}
