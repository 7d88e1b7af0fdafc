/// A handle any thread can use to wake the run loop out of
/// ``NcursesBackend/readEvent(timeoutMs:)`` (e.g. when a telemetry batch
/// arrives). Writes one byte to the self-pipe; async-signal-safe.
public struct TerminalWaker: Sendable {
  /// Creates a waker (all wakers share the process-wide self-pipe).
  public init() {}

  /// Wakes the waiting run loop; a no-op when no backend is running.
  public func wake() {
    TerminalSignals.wake()
  }
}
