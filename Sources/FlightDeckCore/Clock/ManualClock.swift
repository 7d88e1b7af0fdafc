import Synchronization

/// A clock that moves only when told to (NIO's `EmbeddedEventLoop.advanceTime`).
///
/// Tests drive windows, rules and expiries with it without sleeping (it is
/// `FlightDeckTestSupport.TestClock`), and `flightdeck demo` uses it to seed
/// a registry whose history lies in the past.
public final class ManualClock: FlightDeckClock, Sendable {
  private let current: Mutex<Timestamp>

  /// Creates a clock stopped at `start` (default: 2025-06-01T00:00:00Z).
  public init(start: Timestamp = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)) {
    current = Mutex(start)
  }

  /// The clock's current instant.
  public func now() -> Timestamp { current.withLock { $0 } }

  /// Moves the clock forward by `milliseconds` (backward when negative).
  public func advance(milliseconds: Int64) {
    current.withLock { $0 = $0.adding(milliseconds: milliseconds) }
  }

  /// Sets the clock to `instant`.
  public func set(_ instant: Timestamp) { current.withLock { $0 = instant } }
}
