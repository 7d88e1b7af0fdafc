import FlightDeckCore

extension ScreenView {
  /// The layout ``view(state:snapshot:width:height:symbols:)`` draws with:
  /// the one place the pane rectangles are worked out, so mouse clicks
  /// (``MouseUpdate``) land on the panes the operator sees.
  ///
  /// The Canary pane is sized from its own blocks (``CanaryPane/wantedRows(_:width:symbols:registry:cap:)``),
  /// which depend on `symbols` only through the chart glyphs; a click
  /// (``MouseUpdate``) uses the default, braille.
  public static func layout(
    state: AppState, snapshot: DashboardSnapshot?, width: Int, height: Int, symbols: Symbols = .braille
  ) -> ScreenLayout {
    // The Alerts pane's inner width, for its wrapped SLO lines: the pane's
    // width does not depend on the rows it wants (a first, cheap layout).
    let first = ScreenLayout(width: max(0, width), height: max(0, height), focus: .alerts)
    let alertsWidth = (first.panes[.alerts]?.width ?? width) - 2
    return ScreenLayout(
      width: max(0, width), height: max(0, height), focus: state.focus,
      registryRows: registryRows(state: state, snapshot: snapshot),
      errorRows: snapshot.map { AppRows.errors($0).count },
      alertRows: max(
        AlertsPane.wantedRows(snapshot, filter: state.filter, width: max(1, alertsWidth)) ?? 0,
        IncidentsPane.wantedRows(state.incidents) ?? 0),
      canaryRows: CanaryPane.wantedRows(
        snapshot, width: ScreenLayout.leftWidth(width: max(0, width)) - 2, symbols: symbols,
        registry: state.registry, cap: max(0, height)))
  }

  /// The columns of each label of the compact tab strip in `rect` (every
  /// pane but the Registry, in Tab order, one column apart, each its title
  /// plus two brackets or spaces), clipped to the strip; labels that do not
  /// start inside it are left out. Drawn by ``drawTabs(into:rect:shown:)``,
  /// clicked through ``MouseUpdate``.
  public static func tabSpans(rect: Rect) -> [(pane: PaneID, columns: Range<Int>)] {
    var spans: [(pane: PaneID, columns: Range<Int>)] = []
    var x = rect.x
    for pane in PaneID.allCases where pane != .registry {
      guard x < rect.maxX else { break }
      let end = min(rect.maxX, x + DisplayWidth.of(pane.title) + 2)
      spans.append((pane: pane, columns: x..<end))
      x = end + 1
    }
    return spans
  }
}
