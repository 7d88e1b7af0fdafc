/// A clock that replays a past interval: it reads `start` when created and
/// then runs `speed` times as fast as `base` (the wall clock), stopping at
/// `end` (`flightdeck dashboard --replay INC-n --speed 10`: ten seconds of
/// the incident per real second).
public struct ReplayClock: FlightDeckClock {
  /// The replayed instant at creation.
  public let start: Timestamp
  /// The last instant replayed; the clock stays there.
  public let end: Timestamp
  /// Replayed milliseconds per real millisecond (> 0).
  public let speed: Double
  private let base: any FlightDeckClock
  private let baseStart: Timestamp

  /// Creates a replay of [`start`, `end`] at `speed` on `base`.
  /// - Parameters:
  ///   - speed: Replayed ms per real ms; values ≤ 0 or not finite act as 1.
  ///   - base: The clock that measures real time (the wall clock, or a
  ///     ``ManualClock`` in tests).
  public init(start: Timestamp, end: Timestamp, speed: Double, base: any FlightDeckClock = SystemClock()) {
    self.start = start
    self.end = max(start, end)
    self.speed = speed > 0 && speed.isFinite ? speed : 1
    self.base = base
    self.baseStart = base.now()
  }

  /// `start + (real time elapsed) × speed`, at most `end`.
  public func now() -> Timestamp {
    let real = Double(base.now().milliseconds(since: baseStart))
    let replayed = min(Double(end.milliseconds(since: start)), max(0, real * speed))
    return start.adding(milliseconds: Int64(replayed.rounded(.down)))
  }
}
