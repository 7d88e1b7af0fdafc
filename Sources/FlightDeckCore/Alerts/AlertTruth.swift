/// The outcome of a condition for one series: holds, fails, or no data.
public enum AlertTruth: Sendable, Hashable {
  /// The comparison holds.
  case holds
  /// The comparison does not hold.
  case fails
  /// The series had no sample in the window.
  case noData
}
