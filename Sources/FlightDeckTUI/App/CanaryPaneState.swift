import FlightDeckCore

/// The Canary pane's own model (one of ``AppState``'s sub-models): its rows
/// for the snapshot and the filter, ranked once per snapshot and filtered
/// again (from the last result when the filter only grew) when the filter changes.
public struct CanaryPaneState: Sendable {
  /// The pane's rows.
  public private(set) var rows: CanaryRows = .empty

  /// An empty pane.
  public init() {}

  /// The snapshot changed from `old` to `new`: the comparisons are ranked
  /// again unless both lists share one storage (the same snapshot's list).
  public mutating func snapshotChanged(
    from old: DashboardSnapshot?, to new: DashboardSnapshot?, filter: String
  ) {
    if !CanaryRows.sameStorage(old?.canaries, new?.canaries) {
      rows = CanaryRows(snapshot: new, filter: filter)
    }
  }

  /// The filter changed to `filter`.
  public mutating func filterChanged(_ filter: String) { rows = rows.refiltered(filter: filter) }
}
