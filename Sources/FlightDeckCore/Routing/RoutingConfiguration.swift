/// Where routing decisions are published (`[routing]` in the configuration
/// file): the targets and the retry policy (<doc:Routing>).
public struct RoutingConfiguration: Sendable, Hashable {
  /// The targets, in file order.
  public var targets: [RoutingTarget]
  /// How failed publishes are retried.
  public var retry: RoutingRetryPolicy
  /// How often every file target is read back to look for drift, ms.
  public var checkIntervalMs: Int64

  /// No targets, the default retry policy, a read-back every 30 s.
  public init(
    targets: [RoutingTarget] = [], retry: RoutingRetryPolicy = RoutingRetryPolicy(),
    checkIntervalMs: Int64 = 30_000
  ) {
    self.targets = targets
    self.retry = retry
    self.checkIntervalMs = checkIntervalMs
  }

  /// The targets that carry `artefact`.
  public func targets(carrying artefact: String) -> [RoutingTarget] {
    targets.filter { $0.carries(artefact) }
  }
}
