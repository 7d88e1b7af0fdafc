/// The approvals domain of a store: promotion requests and their four-eyes
/// decisions.
public protocol ApprovalStore: Sendable {
  /// Performs one request or decision as `actor`, atomically with its audit
  /// entries (an approval that completes a request moves the pointer in the
  /// same transaction).
  /// - Returns: what changed.
  /// - Throws: ``RegistryError``: a refusal (four-eyes, missing role, expired
  ///   request, changed since you looked, gates not passed, …) or a storage
  ///   failure; the store is unchanged.
  func perform(_ change: ApprovalChange, as actor: OperatorIdentity) throws -> RegistryOutcome

  /// Requests matching the filters, newest first (at most `limit`).
  /// - Throws: ``RegistryError`` on a storage failure.
  func requests(artefact: String?, states: Set<RequestState>?, limit: Int) throws -> [PromotionRequest]
}
