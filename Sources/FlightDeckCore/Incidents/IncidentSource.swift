/// Who opened an incident: an operator by hand, or FlightDeck from a firing alert.
public enum IncidentSource: String, Sendable, Hashable, Codable, CaseIterable {
  /// Opened by an operator (`flightdeck incident open`, `i` in the dashboard).
  case manual
  /// Opened from a firing alert; at most one incident per alert fingerprint
  /// and firing start (see ``IncidentLinks/alertKey``).
  case alert
}
