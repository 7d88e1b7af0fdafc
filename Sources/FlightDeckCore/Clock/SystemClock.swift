/// The wall clock of the machine.
public struct SystemClock: FlightDeckClock {
  /// Creates a wall clock.
  public init() {}

  /// The current wall-clock time, truncated to milliseconds.
  public func now() -> Timestamp {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Timestamp(millisecondsSinceEpoch: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
