import FlightDeckCore

/// Who drives alerts and rollouts: a controller (`flightdeck serve`) or this dashboard.
extension AppState {
  /// Whether a controller holds the store's lease as last read (not released,
  /// not expired when read): this dashboard then neither records alert
  /// transitions nor drives rollouts; it shows what the controller decided.
  public var controllerDrives: Bool {
    guard let lease = controllerLease, let at = controllerReadAt else { return false }
    return lease.isHeld(at: at)
  }
}
