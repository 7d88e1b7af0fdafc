/// The judge's verdict on one analysis window.
public enum CanaryOutcome: String, Sendable, Hashable, Codable, CaseIterable {
  /// Score ≥ pass threshold and no critical failure.
  case pass
  /// Score ≥ marginal threshold, below pass.
  case marginal
  /// Score below marginal, or a critical metric failed.
  case fail
  /// Not enough data to judge (too many nodata metrics, a critical metric nodata, or nothing
  /// to score). Never a pass.
  case inconclusive
}
