/// The limits of an analysis run; names and defaults are Argo Rollouts' `AnalysisTemplate`
/// metric fields (`count`, `failureLimit`, `inconclusiveLimit`, `consecutiveErrorLimit`).
public struct AnalysisPolicy: Sendable, Hashable, Codable {
  /// Measurements to take; nil runs until stopped (Argo: no `count`).
  public var count: Int?
  /// Failed measurements tolerated: the run fails when failed > failureLimit (Argo default 0).
  public var failureLimit: Int
  /// Inconclusive measurements tolerated: inconclusive > inconclusiveLimit ends the run
  /// (Argo default 0).
  public var inconclusiveLimit: Int
  /// Consecutive errors tolerated: consecutive errors > limit ends the run as failed
  /// (Argo default 4; Argo's Error phase aborts a rollout as Failed does).
  public var consecutiveErrorLimit: Int

  /// Creates a policy with Argo's defaults.
  public init(
    count: Int? = nil, failureLimit: Int = 0, inconclusiveLimit: Int = 0,
    consecutiveErrorLimit: Int = 4
  ) {
    self.count = count
    self.failureLimit = failureLimit
    self.inconclusiveLimit = inconclusiveLimit
    self.consecutiveErrorLimit = consecutiveErrorLimit
  }
}
