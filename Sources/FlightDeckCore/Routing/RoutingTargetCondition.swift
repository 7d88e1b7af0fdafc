/// How a routing target stands against FlightDeck's decisions
/// (`flightdeck routing status`).
public enum RoutingTargetCondition: String, Sendable, Hashable, Codable, CaseIterable {
  /// The target holds what FlightDeck last published and nothing is owed.
  case inSync = "in sync"
  /// A decision it carries is not published yet (due, or being retried).
  case outOfDate = "out of date"
  /// Read back, it no longer says what FlightDeck published (edited by hand).
  case drifted
  /// The last write or read-back failed.
  case failing
}
