/// Whether a controller drives the store, for a dashboard deciding whether to drive itself.
extension ControllerLeaseStore {
  /// Whether a controller holds the lease at `now` (read, not released, not
  /// expired). A failed read counts as no: the dashboard then drives as it
  /// did before controllers existed, and the store's state machine still
  /// refuses a step done twice.
  public func controllerHolds(at now: Timestamp) -> Bool {
    guard let lease = try? controllerLease() else { return false }
    return lease.isHeld(at: now)
  }
}
