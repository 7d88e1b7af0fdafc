/// What the dashboard shows for one SLO at one instant.
public struct SLOStatus: Sendable, Hashable, Codable {
  /// The SLO.
  public var slo: SLODefinition
  /// Error budget left over the period as a fraction (1 = untouched, 0 =
  /// spent, negative = overspent); `nil` without requests in the period.
  public var budgetRemaining: Double?
  /// Burn rate over the last hour, `nil` without requests.
  public var burnRate1h: Double?
  /// Burn rate over the last 6 hours.
  public var burnRate6h: Double?
  /// Burn rate over the last 3 days (or what the store holds of them).
  public var burnRate3d: Double?
  /// Requests counted over the period (what the budget figure rests on).
  public var periodRequests: Int

  /// Creates a status.
  public init(
    slo: SLODefinition, budgetRemaining: Double?, burnRate1h: Double?, burnRate6h: Double?,
    burnRate3d: Double?,
    periodRequests: Int
  ) {
    self.slo = slo
    self.budgetRemaining = budgetRemaining
    self.burnRate1h = burnRate1h
    self.burnRate6h = burnRate6h
    self.burnRate3d = burnRate3d
    self.periodRequests = periodRequests
  }

  /// The status of `slo` at `at` from `source`.
  public static func compute(_ slo: SLODefinition, source: MetricsStoreAlertSource, at: Timestamp)
    -> SLOStatus
  {
    // Name and artefact: two artefacts' SLOs may share a name.
    let selector = [
      AlertLabelMatcher(name: "slo", op: .equal, value: slo.name),
      AlertLabelMatcher(name: "artefact", op: .equal, value: slo.artefact),
    ]
    func burn(_ ms: Int64) -> Double? {
      source.value(.burnRate, selector: selector, windowMs: ms, at: at).number
    }
    let budget = source.value(.errorBudgetRemaining, selector: selector, windowMs: slo.periodMs, at: at)
    return SLOStatus(
      slo: slo, budgetRemaining: budget.number, burnRate1h: burn(3_600_000), burnRate6h: burn(21_600_000),
      burnRate3d: burn(259_200_000), periodRequests: budget.samples)
  }
}
