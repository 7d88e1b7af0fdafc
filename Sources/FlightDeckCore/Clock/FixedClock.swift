/// A clock that always answers the same instant.
///
/// Used by `flightdeck render --at TS` and by batch commands that evaluate a
/// window "as of" a given time.
public struct FixedClock: FlightDeckClock {
  /// The instant this clock reports.
  public let instant: Timestamp

  /// Creates a clock stopped at `instant`.
  public init(_ instant: Timestamp) { self.instant = instant }

  /// Always `instant`.
  public func now() -> Timestamp { instant }
}
