import FlightDeckCore
import Synchronization

/// A manual clock for tests: time moves only when the test says so
/// (NIO's `EmbeddedEventLoop.advanceTime`).
public final class TestClock: FlightDeckClock, Sendable {
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
