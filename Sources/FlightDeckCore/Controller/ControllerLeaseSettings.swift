/// How the controller keeps its lease: how long a lease lasts without a
/// renewal and how often the holder renews (and a standby retries).
///
/// The defaults (TTL 5 s, heartbeat 1 s) let a holder miss four heartbeats
/// before it loses the lease, and let a standby take over within about
/// TTL + heartbeat (≈ 6 s) of the holder's last heartbeat.
public struct ControllerLeaseSettings: Sendable, Hashable {
  /// How long a lease lasts after its last heartbeat, ms (at least 2 × ``heartbeatMs``).
  public var ttlMs: Int64
  /// The time between two renewals (or a standby's attempts), ms (≥ 1).
  public var heartbeatMs: Int64

  /// Settings with `ttlMs` and `heartbeatMs` (clamped: heartbeat ≥ 1 ms, TTL ≥ 2 heartbeats).
  public init(ttlMs: Int64 = 5_000, heartbeatMs: Int64 = 1_000) {
    self.heartbeatMs = max(1, heartbeatMs)
    self.ttlMs = max(ttlMs, 2 * self.heartbeatMs)
  }

  /// TTL 5 s, heartbeat 1 s.
  public static let standard = ControllerLeaseSettings()
}
