/// The mouse's part of the update function: pure, no I/O.
///
/// Screen cells are mapped to panes through ``ScreenView/layout(state:snapshot:width:height:)``,
/// the layout the view draws with, so a click lands on what is on screen.
///
/// - Left click on a pane focuses it; on one of its rows (Registry
///   overview, Alerts, Incidents, Ingest errors) it also selects that row.
///   Canary rows are blocks of several lines and the drill-down has a
///   summary first: a click there focuses the pane only.
/// - Left click on a label of the compact tab strip focuses that pane.
/// - The wheel moves the focused list's selection one row per notch; with
///   an overlay open it scrolls the overlay ``wheelOverlayRows`` rows when
///   the overlay scrolls (its ``Action/scrollUp`` / ``Action/scrollDown``
///   bindings).
/// - Clicks while an overlay, a dialog or the `:` prompt is open, other
///   buttons, releases and drags do nothing (text stays selectable with
///   Shift-drag, which terminals and tmux keep for themselves).
/// - Nothing at all when ``AppState/mouseEnabled`` is `false`.
public enum MouseUpdate {
  /// Rows an overlay scrolls per wheel notch (three, as terminals scroll).
  public static let wheelOverlayRows = 3

  /// Applies one mouse event.
  public static func handle(_ state: inout AppState, _ event: MouseEvent) -> [AppEffect] {
    guard state.mouseEnabled, !state.commandMode.isOpen else { return [] }
    switch event.kind {
    case .wheelUp, .wheelDown:
      let up = event.kind == .wheelUp
      if let overlay = state.overlay {
        let action: Action = up ? .scrollUp : .scrollDown
        let context = state.keyContext
        guard
          state.keyMap.bindings.contains(where: {
            $0.action == action && $0.scope == .overlay(overlay) && $0.scope.isActive(in: context)
          })
        else { return [] }
        var effects: [AppEffect] = []
        for _ in 0..<wheelOverlayRows { effects += AppUpdate.perform(&state, action) }
        return effects
      }
      AppUpdate.moveSelection(&state, by: up ? -1 : 1)
      return []
    case .press(button: 1):
      guard state.overlay == nil else { return [] }
      return click(&state, x: event.x, y: event.y)
    default:
      return []
    }
  }

  /// A left click at column `x`, row `y` with no overlay open.
  static func click(_ state: inout AppState, x: Int, y: Int) -> [AppEffect] {
    let layout = ScreenView.layout(
      state: state, snapshot: state.snapshot, width: state.width, height: state.height)
    guard layout.mode != .tooSmall else { return [] }
    if let tabs = layout.tabs, tabs.contains(x: x, y: y) {
      if let hit = ScreenView.tabSpans(rect: tabs).first(where: { $0.columns.contains(x) }) {
        state.focus = hit.pane
      }
      return []
    }
    guard let hit = layout.panes.first(where: { $0.value.contains(x: x, y: y) }) else { return [] }
    let (pane, rect) = (hit.key, hit.value)
    state.focus = pane
    if let row = row(of: pane, in: rect, at: y, state: state) {
      AppUpdate.moveSelection(&state, by: row - state.selection(of: pane).index)
    }
    return []
  }

  /// The row of `pane` (drawn in `rect`) at screen row `y`, or `nil` when
  /// `y` is not on one of its rows (border, header, counts line, empty
  /// space) or the pane's rows cannot be clicked.
  ///
  /// Follows each pane's drawing: a one-cell border; Registry: a header row,
  /// then the rows; Alerts: a counts line and a header, with the SLO lines
  /// at the bottom; Incidents: a counts line and a header; Ingest errors:
  /// the rows. Each scrolls with ``PaneTable/scrollOffset(selected:count:visible:)``.
  public static func row(of pane: PaneID, in rect: Rect, at y: Int, state: AppState) -> Int? {
    let inner = rect.inset(by: 1)
    let first: Int
    let visible: Int
    switch pane {
    case .registry:
      guard state.drillDown == nil else { return nil }
      first = inner.y + 1
      visible = inner.height - 1
    case .alerts:
      let slos = min(state.snapshot?.slos.count ?? 0, max(0, inner.height - 2))
      first = inner.y + 2
      visible = inner.height - slos - 2
    case .incidents:
      first = inner.y + 2
      visible = inner.height - 2
    case .errors:
      first = inner.y
      visible = inner.height
    case .canary, .charts:
      return nil
    }
    let count = rowCount(pane, state: state)
    guard visible > 0, count > 0, y >= first, y < first + visible else { return nil }
    let offset = PaneTable.scrollOffset(
      selected: state.selection(of: pane).index, count: count, visible: visible)
    let row = offset + (y - first)
    return row < count ? row : nil
  }

  /// How many rows `pane` lists (the rows its selection moves over).
  static func rowCount(_ pane: PaneID, state: AppState) -> Int {
    if pane == .registry { return state.registryKeys.count }
    return AppRows.keys(
      for: pane, snapshot: state.snapshot, registry: state.registry, filter: state.filter,
      incidents: state.incidents
    ).count
  }
}
