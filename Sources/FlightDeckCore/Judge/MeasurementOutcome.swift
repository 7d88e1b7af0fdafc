/// One measurement of an analysis run (one judge verdict per interval, or an error).
public enum MeasurementOutcome: String, Sendable, Hashable, Codable, CaseIterable {
  /// The judge said `pass`. Counts as Argo's Successful measurement.
  case pass
  /// The judge said `marginal`. Counts as Argo's Inconclusive, as Argo's Kayenta provider does
  /// (`evaluateResult`: score ≥ pass → Successful, ≥ marginal → Inconclusive, else Failed).
  case marginal
  /// The judge said `fail`. Counts as Failed.
  case fail
  /// The judge said `inconclusive` (e.g. nodata). Counts as Inconclusive.
  case inconclusive
  /// The measurement could not be taken (store unreadable, judge threw). Counts as Error.
  case error

  /// The measurement for a judge verdict.
  public init(_ outcome: CanaryOutcome) {
    switch outcome {
    case .pass: self = .pass
    case .marginal: self = .marginal
    case .fail: self = .fail
    case .inconclusive: self = .inconclusive
    }
  }
}
