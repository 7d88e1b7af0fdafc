import FlightDeckCore

/// A manual clock for tests: time moves only when the test says so
/// (``FlightDeckCore/ManualClock``, starting at 2025-06-01T00:00:00Z by default).
public typealias TestClock = ManualClock
