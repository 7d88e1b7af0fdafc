/// How large a change in the regression direction is allowed before a significant difference
/// fails the metric (Kayenta's `effectSize` / `allowedIncrease` idea).
public enum EffectTolerance: Sendable, Hashable, Codable {
  /// A fraction of the baseline value: `.relative(0.10)` allows a canary p95 up to 10 % above the
  /// baseline p95. A baseline of exactly 0 makes any change in the worse direction exceed it.
  case relative(Double)
  /// An absolute difference in the metric's unit: for rates a fraction, so `.absolute(0.01)`
  /// allows +1 percentage point; for latency milliseconds; for cost USD.
  case absolute(Double)

  /// Whether `canary` exceeds `baseline` by more than the tolerance, upwards.
  func exceedsUpwards(baseline: Double, canary: Double) -> Bool {
    let difference = canary - baseline
    guard difference > 0 else { return false }
    switch self {
    case .relative(let fraction): return difference > fraction * abs(baseline)
    case .absolute(let margin): return difference > margin
    }
  }

  /// Short text for reasons: "10 %" or "0.01" (rates print their own "±1 pp").
  var text: String {
    switch self {
    case .relative(let fraction): return "\(JudgeFormat.number(fraction * 100)) %"
    case .absolute(let margin): return JudgeFormat.number(margin)
    }
  }
}
