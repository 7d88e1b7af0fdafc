/// One step of a rollout plan (Argo Rollouts' canary `steps`).
public enum RolloutStep: Sendable, Hashable, Codable {
  /// Send `percent` (0–100) of user-facing traffic to the canary, then go on at once.
  case setWeight(percent: Int)
  /// Hold the current weight for `durationMs` milliseconds, then go on.
  case pause(durationMs: Int64)
  /// Hold until a human promotes (Argo's `pause: {}` with no duration).
  case pauseUntilPromoted
  /// Judge the canary against the baseline every `intervalMs` ms, as an
  /// analysis run with `policy`'s limits; successful → go on, failed → abort,
  /// inconclusive → hold for a human.
  case analysis(intervalMs: Int64, policy: AnalysisPolicy)

  /// A short description for the screen and the audit log, e.g. `weight 25 %`,
  /// `pause 10m`, `pause until promoted`, `analysis 5 × 1m`.
  public var summary: String {
    switch self {
    case .setWeight(let p): return "weight \(p) %"
    case .pause(let ms): return "pause \(DurationText.format(ms))"
    case .pauseUntilPromoted: return "pause until promoted"
    case .analysis(let interval, let policy):
      let count = policy.count.map { "\($0) × " } ?? "every "
      return "analysis \(count)\(DurationText.format(interval))"
    }
  }
}
