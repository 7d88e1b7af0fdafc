/// The controller lease as the store records it: which ``ControllerLeaseHolder``
/// holds it, since when, its last heartbeat and when it expires.
///
/// Leases are the scheme of Gray and Cheriton, *Leases: An Efficient
/// Fault-Tolerant Mechanism for Distributed File Cache Consistency* (SOSP
/// 1989): a holder acts only before ``expiresAt`` by its own clock and renews
/// well before it; a contender takes the lease only once it has expired (or
/// was released). ``epoch`` is the fencing token (Kleppmann, *Designing
/// Data-Intensive Applications*, ch. 8): it grows by one at every
/// acquisition, and a renewal names the epoch it holds, so a holder that lost
/// the lease learns it at its next renewal.
public struct ControllerLease: Sendable, Hashable {
  /// Who holds (or last held) the lease.
  public var holder: ControllerLeaseHolder
  /// The fencing token: 1 for the first acquisition in a store, one more at each later one.
  public var epoch: Int64
  /// When this holder acquired it (store clock).
  public var acquiredAt: Timestamp
  /// The holder's last heartbeat (acquisition or renewal), store clock.
  public var heartbeatAt: Timestamp
  /// When the lease lapses unless renewed (the heartbeat plus the TTL).
  public var expiresAt: Timestamp
  /// When the holder released it (a graceful stop); `nil` while held.
  public var releasedAt: Timestamp?

  /// A lease record with every field given.
  public init(
    holder: ControllerLeaseHolder, epoch: Int64, acquiredAt: Timestamp, heartbeatAt: Timestamp,
    expiresAt: Timestamp, releasedAt: Timestamp? = nil
  ) {
    self.holder = holder
    self.epoch = epoch
    self.acquiredAt = acquiredAt
    self.heartbeatAt = heartbeatAt
    self.expiresAt = expiresAt
    self.releasedAt = releasedAt
  }

  /// Whether the lease is in force at `now`: not released and `now` before ``expiresAt``.
  public func isHeld(at now: Timestamp) -> Bool {
    releasedAt == nil && now < expiresAt
  }

  /// Milliseconds from the last heartbeat to `now` (0 when the heartbeat is later).
  public func heartbeatAgeMs(at now: Timestamp) -> Int64 {
    max(0, now.millisecondsSinceEpoch - heartbeatAt.millisecondsSinceEpoch)
  }
}
