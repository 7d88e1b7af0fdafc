/// One move of a pointer: the record that answers "who moved production, when,
/// from which version to which, and why".
public struct PointerMove: Sendable, Hashable, Codable {
  /// How the move came about.
  public enum Cause: String, Sendable, Hashable, Codable, CaseIterable {
    /// A promotion request reached its approvals (or needed none).
    case promotion
    /// A rollback (fast-track, no approvals by design).
    case rollback
    /// A direct move of a non-production alias.
    case assignment
    /// An import from another registry (e.g. MLflow stages and aliases).
    case `import`
  }
  /// Sequence number of the move, increasing across the store.
  public var id: Int64
  /// The artefact.
  public var artefact: String
  /// The pointer moved.
  public var pointer: PointerName
  /// The version it pointed to before (`nil`: it did not exist).
  public var fromVersion: String?
  /// The version it points to after (`nil`: the pointer was removed).
  public var toVersion: String?
  /// Who moved it (an ``OperatorIdentity`` name; for a promotion, the last approver).
  public var actor: String
  /// When.
  public var at: Timestamp
  /// Why (the request's or rollback's reason).
  public var reason: String
  /// The promotion request it applied, if any.
  public var requestID: Int64?
  /// How it came about.
  public var cause: Cause

  /// Creates a pointer move.
  public init(
    id: Int64, artefact: String, pointer: PointerName, fromVersion: String?, toVersion: String?,
    actor: String, at: Timestamp, reason: String, requestID: Int64?, cause: Cause
  ) {
    self.id = id
    self.artefact = artefact
    self.pointer = pointer
    self.fromVersion = fromVersion
    self.toVersion = toVersion
    self.actor = actor
    self.at = at
    self.reason = reason
    self.requestID = requestID
    self.cause = cause
  }
}
