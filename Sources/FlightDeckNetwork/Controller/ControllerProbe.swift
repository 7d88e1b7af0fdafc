/// What the controller's readiness probe answers (`GET /readyz`): whether
/// it is ready and a one-line reason, as Kubernetes probes expect
/// (200 when ready, 503 when not).
public struct ControllerProbe: Sendable, Hashable {
  /// Ready: this process holds the lease and the store answered its last call.
  public var ready: Bool
  /// One line: `holding the lease (epoch 3); store reachable`, `standby: …`.
  public var detail: String

  /// A probe answer.
  public init(ready: Bool, detail: String) {
    self.ready = ready
    self.detail = detail
  }
}
