import FlightDeckCore

/// The KPI view (`K`): the lifecycle KPIs of the last
/// ``KPIOverlayState/periodMs`` once computed, and how far it is scrolled.
public struct KPIOverlayState: Sendable, Hashable {
  /// The period the view covers, in ms: the last 30 days (the `flightdeck kpi` default).
  public static let periodMs: Int64 = 30 * 86_400_000

  /// Start of the period (the snapshot's clock minus ``periodMs``).
  public var from: Timestamp
  /// End of the period (the snapshot's clock when the view opened).
  public var to: Timestamp
  /// The report (`nil` while computing).
  public var report: KPIReport?
  /// Why computing failed, if it did.
  public var error: String?
  /// The first line shown.
  public var offset: Int = 0

  /// Creates the state for [`from`, `to`], computing.
  public init(from: Timestamp, to: Timestamp) {
    self.from = from
    self.to = to
  }
}
