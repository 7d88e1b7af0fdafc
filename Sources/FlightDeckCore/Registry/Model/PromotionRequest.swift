/// A request to move a pointer (usually `production`) of an artefact to a
/// version, with the approvals it needs and has (Databricks' transition
/// request; Argo/Flagger's manual gate).
public struct PromotionRequest: Sendable, Hashable, Codable {
  /// The request number, unique in the store; shown as `REQ-<id>`.
  public var id: Int64
  /// The artefact.
  public var artefact: String
  /// The version to promote.
  public var version: String
  /// The pointer to move.
  public var target: PointerName
  /// Where the pointer pointed when the request was made (`nil`: nowhere).
  public var fromVersion: String?
  /// Who asked.
  public var requester: String
  /// Why.
  public var reason: String
  /// When it was made.
  public var createdAt: Timestamp
  /// When it expires if still undecided.
  public var expiresAt: Timestamp
  /// Where it is in its life.
  public var state: RequestState
  /// When it reached its current state.
  public var stateChangedAt: Timestamp
  /// Approvals and rejections, in order.
  public var decisions: [RequestDecision]
  /// The rule it must satisfy (copied from the risk policy when it was made).
  public var rule: ApprovalRule
  /// Why the requester promoted despite the evaluation gates (`--override`),
  /// if they did; the `request.create` audit entry records it with the
  /// blockers it overrode.
  public var gateOverride: String?

  /// Creates a request.
  public init(
    id: Int64, artefact: String, version: String, target: PointerName, fromVersion: String?,
    requester: String, reason: String, createdAt: Timestamp, expiresAt: Timestamp, state: RequestState,
    stateChangedAt: Timestamp, decisions: [RequestDecision], rule: ApprovalRule,
    gateOverride: String? = nil
  ) {
    self.id = id
    self.artefact = artefact
    self.version = version
    self.target = target
    self.fromVersion = fromVersion
    self.requester = requester
    self.reason = reason
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.state = state
    self.stateChangedAt = stateChangedAt
    self.decisions = decisions
    self.rule = rule
    self.gateOverride = gateOverride
  }

  /// `REQ-<id>`.
  public var displayID: String { "REQ-\(id)" }

  /// Distinct approvers so far (a person counts once).
  public var approvers: [String] {
    var seen: [String] = []
    for d in decisions where d.verdict == .approve && !seen.contains(d.actor) { seen.append(d.actor) }
    return seen
  }

  /// `approvals/needed`, e.g. `1/2`.
  public var approvalText: String { "\(approvers.count)/\(rule.approvals)" }

  /// Parses `REQ-12`, `req-12` or `12`: strict digits after the prefix
  /// (``OptionBounds/parseIdentifier(_:prefix:)``), so `REQ-+1` is refused.
  /// - Returns: `nil` for anything else (or a number below 1).
  public static func parseID(_ text: String) -> Int64? { OptionBounds.parseIdentifier(text, prefix: "REQ") }
}
