import Foundation

/// The last analysis measurement of a rollout, kept with its state so the
/// screen and the CLI can say *why* an analysis passed or failed — also after
/// the rollout aborted.
///
/// Shape: the measurement as the analysis counted it (Argo Rollouts' pass /
/// fail / inconclusive / error), the judge's full ``CanaryVerdict`` (versions,
/// score, groups and per-metric ``MetricResult`` reasons; `nil` when the judge
/// could not run, e.g. no production version), and where the rollout stood
/// when it was taken (step index, canary weight in percent, store clock time).
public struct RolloutVerdict: Sendable, Hashable, Codable {
  /// The measurement the analysis recorded.
  public var measurement: MeasurementOutcome
  /// The judge's verdict behind it (`nil`: the judge did not run).
  public var verdict: CanaryVerdict?
  /// When it was taken (the store clock; ms since the epoch when encoded).
  public var takenAt: Timestamp
  /// The 0-based index of the analysis step it was taken in.
  public var stepIndex: Int
  /// The canary traffic weight in percent (0–100) while it was taken.
  public var canaryWeight: Int

  /// Creates a record. A verdict JSON cannot hold (a non-finite number from
  /// an overflowing effect) is left out rather than making the rollout's
  /// state unstorable: the measurement still counts.
  public init(
    measurement: MeasurementOutcome, verdict: CanaryVerdict?, takenAt: Timestamp, stepIndex: Int,
    canaryWeight: Int
  ) {
    self.measurement = measurement
    self.verdict = verdict.flatMap { (try? JSONEncoder().encode($0)) == nil ? nil : $0 }
    self.takenAt = takenAt
    self.stepIndex = stepIndex
    self.canaryWeight = canaryWeight
  }
}
