import FlightDeckCore

/// The Registry pane's own model (one of ``AppState``'s sub-models): the
/// registry read from the store, the artefact drilled into, and the rows
/// worked out from them, the telemetry snapshot and the filter.
///
/// The rows are worked out again (O(rows)) only when one of their inputs
/// changes, through the functions below, so a selection move or a frame
/// does not merge the registry and the telemetry again.
public struct RegistryPaneState: Sendable {
  /// The registry on screen (`nil`: no registry workspace, or not read yet).
  public private(set) var registry: RegistrySnapshot?
  /// The artefact drilled into with Enter, if any.
  public private(set) var drillDown: String?
  /// The Registry pane's rows for ``registry``, the snapshot, the filter and
  /// ``drillDown``.
  public private(set) var rows: RegistryRows = .empty
  /// While drilled into an artefact, the rows of the view left behind (the
  /// filter applied, no drill-down), kept so that Escape shows them again
  /// without working them out from the overview (O(artefacts)); `nil` when
  /// not drilled in, or when the overview changed since.
  public private(set) var undrilledRows: RegistryRows?

  /// An empty pane: no registry, no rows.
  public init() {}

  /// Sets the registry and works the rows out again from it, `snapshot` and `filter`.
  public mutating func setRegistry(
    _ registry: RegistrySnapshot?, snapshot: DashboardSnapshot?, filter: String
  ) {
    self.registry = registry
    refreshRows(snapshot: snapshot, filter: filter)
  }

  /// Drills into `artefact` (`nil`: back to every artefact), showing its
  /// versions only; the merged overview is not worked out again.
  public mutating func setDrillDown(_ artefact: String?, filter: String) {
    guard artefact != drillDown else { return }
    drillDown = artefact
    refreshShownRows(filter: filter)
  }

  /// The filter changed to `filter`: the rows shown are picked again from the kept overview.
  public mutating func filterChanged(_ filter: String) { refreshShownRows(filter: filter) }

  /// The telemetry snapshot changed from `old` to `new`. Rows from the same
  /// artefacts (shared storage: only charts added) are kept; from a snapshot
  /// of the same ``SnapshotLayout`` (only figures changed) they keep their
  /// shape and read the new figures for the rows on screen; otherwise they
  /// are worked out again.
  public mutating func snapshotChanged(
    from old: DashboardSnapshot?, to new: DashboardSnapshot?, filter: String
  ) {
    if RegistryRows.sameStorage(old?.artefacts, new?.artefacts) { return }
    if let new, let layout = new.layout, layout === old?.layout {
      rows = rows.withFigures(of: new)
      undrilledRows = undrilledRows?.withFigures(of: new)
    } else {
      refreshRows(snapshot: new, filter: filter)
    }
  }

  /// Works ``rows`` out again from every input.
  private mutating func refreshRows(snapshot: DashboardSnapshot?, filter: String) {
    rows = RegistryRows(registry: registry, snapshot: snapshot, filter: filter, drillDown: drillDown)
    undrilledRows = nil
  }

  /// Works out again which rows ``rows`` shows, from its overview (a
  /// filter or drill-down change does not merge registry and telemetry
  /// again). Drilling in keeps the rows left behind (``undrilledRows``);
  /// leaving the drill-down with the same filter shows them again, in O(1).
  private mutating func refreshShownRows(filter: String) {
    if drillDown == nil {
      let kept = undrilledRows
      undrilledRows = nil
      if let kept, kept.filter == filter {
        rows = kept
        return
      }
    } else if rows.drillDown == nil {
      undrilledRows = rows
    }
    rows = rows.refiltered(filter: filter, drillDown: drillDown)
  }
}
