/// The source of "now" for everything time-dependent in the engine.
///
/// Rules, metric windows and rollout steps never read the system clock
/// directly: they take a `FlightDeckClock`, so tests drive time with a manual
/// clock (``ManualClock``, which tests know as `TestClock`) and never sleep.
public protocol FlightDeckClock: Sendable {
  /// The current time, in whole milliseconds since the Unix epoch.
  func now() -> Timestamp
}
