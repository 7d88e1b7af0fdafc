import FlightDeckCore

/// Each list pane's rows and page size, for the one selection code path
/// (``AppUpdate/moveSelection(_:by:)``, ``AppUpdate/reconcileSelections(_:)``).
extension AppState {
  /// The rows `pane`'s selection moves over: the Registry's kept rows (each
  /// key made when read), the Canary's kept rows (ranked once per
  /// snapshot), else the pane's ``AppRows`` keys (none for the Charts).
  public func rows(of pane: PaneID) -> any PaneRowSource {
    switch pane {
    case .registry: return registryKeys
    case .canary: return canaryRows
    case .charts, .alerts, .incidents, .errors:
      return AppRows.keys(
        for: pane, snapshot: snapshot, registry: registry, filter: filter, incidents: incidents)
    }
  }

  /// How many rows PgUp / PgDn move `pane`'s selection: the rows its box
  /// shows at the current size, where clicks find them too
  /// (``MouseUpdate/listArea(of:in:state:)``: the height less the borders,
  /// a table's header row, a counts line, the Alerts' SLO lines); for the
  /// Canary, the whole blocks that fit from the selected one on in the
  /// direction `down`. At least 1; 1 when the pane is not on screen.
  public func pageRows(of pane: PaneID, down: Bool) -> Int {
    let layout = ScreenView.layout(state: self, snapshot: snapshot, width: width, height: height)
    guard let rect = layout.panes[pane] else { return 1 }
    if let area = MouseUpdate.listArea(of: pane, in: rect, state: self) { return max(1, area.visible) }
    guard pane == .canary else { return max(1, rect.height - 2) }
    let inner = max(0, rect.height - 2)
    let rows = canaryRows
    guard rows.count > 0 else { return 1 }
    var n = min(max(selection(of: .canary).index, 0), rows.count - 1)
    let height = CanaryPane.blockHeights(state: self, width: rect.width - 2, symbols: .braille)
    var used = 0
    var blocks = 0
    while n >= 0 && n < rows.count {
      used += height(n)
      guard used <= inner else { break }
      blocks += 1
      n += down ? 1 : -1
    }
    return max(1, blocks)
  }
}
