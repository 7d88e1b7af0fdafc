/// One approver's decision on a promotion request.
public struct RequestDecision: Sendable, Hashable, Codable {
  /// Approve or reject.
  public enum Verdict: String, Sendable, Hashable, Codable {
    /// Counts towards the approvals the risk policy needs.
    case approve
    /// Rejects the request outright.
    case reject
  }
  /// Who decided (an ``OperatorIdentity`` name).
  public var actor: String
  /// The decider's roles at the time (from the configuration), sorted.
  public var roles: [String]
  /// Approve or reject.
  public var verdict: Verdict
  /// When.
  public var at: Timestamp
  /// The comment given (may be empty).
  public var comment: String

  /// Creates a decision.
  public init(actor: String, roles: [String], verdict: Verdict, at: Timestamp, comment: String) {
    self.actor = actor
    self.roles = roles
    self.verdict = verdict
    self.at = at
    self.comment = comment
  }
}
