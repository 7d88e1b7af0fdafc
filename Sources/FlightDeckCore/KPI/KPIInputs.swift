/// What the KPIs are computed from: registry reads for the period
/// `[from, to)` (everything is passed whole; the calculator filters by time).
public struct KPIInputs: Sendable, Hashable {
  /// Start of the period (inclusive).
  public var from: Timestamp
  /// End of the period (exclusive).
  public var to: Timestamp
  /// Every move of every artefact's `production` pointer.
  public var productionMoves: [PointerMove]
  /// Every promotion request (with decisions).
  public var requests: [PromotionRequest]
  /// The audit log (at least from the earliest request of the period on).
  public var audit: [AuditEntry]
  /// Every incident (recurrence looks 30 days before the period).
  public var incidents: [Incident]
  /// `artefact@version` of every version with a passing gate record.
  public var passedGateVersions: Set<String>

  /// Creates the inputs.
  public init(
    from: Timestamp, to: Timestamp, productionMoves: [PointerMove], requests: [PromotionRequest],
    audit: [AuditEntry], incidents: [Incident], passedGateVersions: Set<String>
  ) {
    self.from = from
    self.to = to
    self.productionMoves = productionMoves
    self.requests = requests
    self.audit = audit
    self.incidents = incidents
    self.passedGateVersions = passedGateVersions
  }
}
