/// Input the judge refuses, with enough context to find it.
public enum JudgeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Rate counts with a negative count or more events than trials.
  case invalidRateCounts(metric: String, version: String, events: Int, trials: Int)
  /// A configuration value out of range (α outside (0, 1), negative weight or tolerance, ...).
  case invalidConfiguration(field: String, reason: String)

  /// One line naming the metric/field and the problem.
  public var description: String {
    switch self {
    case .invalidRateCounts(let metric, let version, let events, let trials):
      return
        "judge: metric '\(metric)', version '\(version)': invalid counts \(events)/\(trials) "
        + "(need 0 ≤ events ≤ trials)"
    case .invalidConfiguration(let field, let reason):
      return "judge configuration: \(field): \(reason)"
    }
  }
}
