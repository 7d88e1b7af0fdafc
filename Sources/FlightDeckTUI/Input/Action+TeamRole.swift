/// The team role each store-changing action needs on a store that vouches for
/// identities (a PostgreSQL store's role memberships; the "Team roles"
/// table of the PostgreSQL store article): deciding a request and rolling
/// production back need `approver`; requesting a promotion, driving a
/// rollout, setting the canary weight, alerts, silences and incidents need
/// `operator`. Actions that only read need none.
extension Action {
  /// The FlightDeck role (`operator`, `approver`) this action needs, or `nil`
  /// when it changes nothing in the store.
  public var requiredTeamRole: String? {
    switch self {
    case .approveRequest, .rejectRequest, .rollback, .rollbackIncident:
      return "approver"
    case .requestPromotion, .promoteRolloutStep, .promoteRolloutFull, .abortRollout, .pauseResumeRollout,
      .retryRollout, .confirmProposedWeight, .acknowledgeAlert, .silenceAlert, .openIncident,
      .acknowledgeIncident, .assignIncident, .noteIncident, .mitigateIncident, .resolveIncident,
      .changeIncidentSeverity:
      return "operator"
    default:
      return nil
    }
  }
}
