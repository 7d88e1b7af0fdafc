/// Where an alert instance is in its life (Prometheus' states plus
/// `resolved`, shown for a while as Alertmanager does, and `nodata`).
public enum AlertState: String, Sendable, Hashable, Codable, CaseIterable {
  /// The condition does not hold.
  case inactive
  /// The condition holds but not yet for the rule's `for`.
  case pending
  /// The condition has held for `for` (or is within `keep_firing_for`).
  case firing
  /// It fired and the condition stopped holding; shown until the retention passes.
  case resolved
  /// The series had no sample in the window: neither true nor false.
  case nodata

  /// Display order: firing first, then pending, nodata, resolved, inactive.
  public var rank: Int {
    switch self {
    case .firing: 0
    case .pending: 1
    case .nodata: 2
    case .resolved: 3
    case .inactive: 4
    }
  }
}
