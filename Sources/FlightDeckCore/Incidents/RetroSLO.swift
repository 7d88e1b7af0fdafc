/// The availability SLO a retrospective measures error budget against: an
/// objective (share of good requests, e.g. 0.995) over a period in ms
/// (e.g. 30 days).
public struct RetroSLO: Sendable, Hashable {
  /// Share of non-error requests promised, in (0, 1).
  public var objective: Double
  /// The SLO period in ms (> 0).
  public var periodMs: Int64

  /// Creates an SLO; `nil` when `objective` is not in (0, 1) or `periodMs` ≤ 0.
  public init?(objective: Double, periodMs: Int64) {
    guard objective > 0, objective < 1, periodMs > 0 else { return nil }
    self.objective = objective
    self.periodMs = periodMs
  }
}
