/// The assessed state of an analysis run.
public struct AnalysisRunResult: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The phase.
  public var phase: AnalysisPhase
  /// Measurements taken into account (a run stops at its first completed phase; later ones are
  /// ignored, as Argo stops measuring).
  public var considered: Int
  /// Measurements that passed.
  public var passed: Int
  /// Measurements that failed.
  public var failed: Int
  /// Measurements that were inconclusive or marginal.
  public var inconclusive: Int
  /// Measurements that were errors.
  public var errors: Int
  /// Errors at the end of the considered measurements, uninterrupted.
  public var consecutiveErrors: Int
  /// Why: e.g. "failed: 2 failed, 0 passed of 5 (no measurement passed)".
  public var reason: String

  /// The reason line.
  public var description: String { reason }
}
