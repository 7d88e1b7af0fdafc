/// The outcome of one of `flightdeck doctor`'s checks (``DoctorCheck``).
public enum DoctorOutcome: String, Sendable, Hashable, CaseIterable {
  /// What a deployment needs is there.
  case ok
  /// It will run, but something deserves a look (a secret owned by another
  /// user, a store whose schema this FlightDeck will migrate on first write).
  case warn
  /// It will not run as configured (a missing or world-readable secret, an
  /// unreachable store, a port in use, a bad configuration or rules file).
  case fail
  /// Not checked, because what it depends on failed or is not configured.
  case skip
}
