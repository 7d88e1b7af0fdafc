/// Where a snapshot's window ends, and why.
public enum WindowAnchor: String, Sendable, Hashable {
  /// At the clock's now: the live case.
  case clock
  /// At the newest record, which is older than the clock's window: the
  /// window holds no data at the clock's now (a historic file).
  case historic
  /// At the newest record, which is newer than the clock's window: every
  /// record is dated ahead of the clock (clock skew, a simulator writing
  /// ahead of real time).
  case aheadOfClock
}
