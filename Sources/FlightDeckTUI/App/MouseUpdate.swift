import FlightDeckCore

/// The mouse's part of the update function: pure, no I/O.
///
/// Screen cells are mapped to panes through ``ScreenView/layout(state:snapshot:width:height:)``,
/// the layout the view draws with, so a click lands on what is on screen.
///
/// - Left click on a pane focuses it; on one of its rows (Registry
///   overview, Alerts, Incidents, Ingest errors, a Canary block) it also
///   selects that row. The Registry's drill-down has a summary first: a
///   click there focuses the pane only.
/// - Left click on a label of the compact tab strip focuses that pane.
/// - Left click on a header banner goes where it points
///   (``HeaderPane/targets(snapshot:state:width:)``): the pages to the
///   Alerts pane, the unacknowledged incidents to the Incidents pane, the
///   routing segment to the routing status, the delivery segment to the
///   messages view.
/// - In the incident view and the messages view, a left click on a
///   timeline row or a message selects it, and a click on the selected one
///   (so a double-click) opens it as Enter does.
/// - The wheel moves the focused list's selection one row per notch; with
///   an overlay open it scrolls the overlay ``wheelOverlayRows`` rows when
///   the overlay scrolls (its ``Action/scrollUp`` / ``Action/scrollDown``
///   bindings).
/// - Clicks on other overlays, a dialog or the `:` prompt, other
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
        AppUpdate.scrollTopOverlay(&state, by: up ? -wheelOverlayRows : wheelOverlayRows)
        return []
      }
      AppUpdate.moveSelection(&state, by: up ? -1 : 1)
      return []
    case .press(button: 1):
      guard state.overlay == nil else { return overlayClick(&state, y: event.y) }
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
    if layout.header.contains(x: x, y: y) { return headerClick(&state, x: x - layout.header.x) }
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
      state.selection[pane] = PaneSelection(index: row, key: state.rows(of: pane).rowKey(at: row))
    }
    return []
  }

  /// A left click on the header at column `x`: a banner that leads
  /// somewhere goes there (``HeaderPane/targets(snapshot:state:width:)``);
  /// elsewhere nothing happens.
  static func headerClick(_ state: inout AppState, x: Int) -> [AppEffect] {
    let targets = HeaderPane.targets(snapshot: state.snapshot, state: state, width: state.width)
    guard let hit = targets.first(where: { $0.columns.contains(x) }) else { return [] }
    switch hit.target {
    case .alerts: state.focus = .alerts
    case .incidents: state.focus = .incidents
    case .routing: state.textView = routingView(state.routingStatus ?? [])
    case .delivery: return AppUpdate.perform(&state, .showMessages)
    }
    return []
  }

  /// The routing status read whole (a click on the header's routing
  /// segment), as `flightdeck routing status` prints it: per target its
  /// condition, what differs and when it was last published.
  static func routingView(_ lines: [RoutingStatus]) -> TextViewState {
    TextViewState(
      title: "Routing status (flightdeck routing status)",
      blocks: lines.map { line in
        let published = line.publishedAt.map { ", published \($0.rfc3339)" } ?? ""
        return .init(
          "\(line.target.name):", line.condition.rawValue + published + (line.detail.map { ": " + $0 } ?? ""))
      })
  }

  /// A left click at screen row `y` with an overlay open: in the incident
  /// view a timeline row, in the messages view a message, is selected
  /// (moves the cursor there); a click on the row already selected — the
  /// second click of a double-click — opens it whole as Enter does.
  /// Other overlays ignore clicks.
  static func overlayClick(_ state: inout AppState, y: Int) -> [AppEffect] {
    let (w, h) = (state.width, state.height)
    switch state.overlays.top {
    case .incident(var view):
      let now = state.snapshot?.now
      let count = IncidentView.visibleTimeline(view, now: now).count
      guard let n = IncidentView.entry(atY: y, view: view, now: now, width: w, height: h),
        let current = view.resolvedCursor(count: count)
      else { return [] }
      if n == current {
        AppUpdate.openEntry(&state)
        return []
      }
      view.moveCursor(by: n - current, count: count, room: IncidentView.timelineRows(width: w, height: h))
      state.overlays.replaceTop(.incident(view))
    case .messages(var view):
      guard let n = MessagesOverlay.message(atY: y, log: state.statusLog, view: view, width: w, height: h)
      else { return [] }
      if n == view.cursor {
        AppUpdate.openEntry(&state)
        return []
      }
      view.cursor = n
      state.overlays.replaceTop(.messages(view))
    default:
      break
    }
    return []
  }

  /// The row of `pane` (drawn in `rect`) at screen row `y`, or `nil` when
  /// `y` is not on one of its rows (border, header, counts line, empty
  /// space) or the pane's rows cannot be clicked (the Charts, the Registry's
  /// detail view). The rows scroll with ``PaneTable/scrollOffset(selected:count:visible:)``.
  public static func row(of pane: PaneID, in rect: Rect, at y: Int, state: AppState) -> Int? {
    if pane == .canary { return CanaryPane.block(atY: y, rect: rect, state: state) }
    if pane == .registry, state.drillDown != nil { return nil }
    guard let (first, visible) = listArea(of: pane, in: rect, state: state) else { return nil }
    let count = state.rows(of: pane).rowCount
    guard visible > 0, count > 0, y >= first, y < first + visible else { return nil }
    let offset = PaneTable.scrollOffset(
      selected: state.selection(of: pane).index, count: count, visible: visible)
    let row = offset + (y - first)
    return row < count ? row : nil
  }

  /// Where a list pane drawn in `rect` shows its rows: the screen row of the
  /// first and how many fit; `nil` for the Canary (blocks, not rows) and the
  /// Charts. Follows each pane's drawing: a one-cell border; Registry: a
  /// header row, then the rows; Alerts: a counts line and a header, with the
  /// SLO lines at the bottom; Incidents: a counts line and a header; Ingest
  /// errors: the rows. Clicks (``row(of:in:at:state:)``) and paging
  /// (``AppState/pageRows(of:down:)``) both read it.
  public static func listArea(of pane: PaneID, in rect: Rect, state: AppState) -> (first: Int, visible: Int)?
  {
    let inner = rect.inset(by: 1)
    switch pane {
    case .registry:
      return (inner.y + 1, inner.height - 1)
    case .alerts:
      let slos = AlertsPane.sloRows(state.snapshot?.slos ?? [], inner: inner)
      return (inner.y + 2, inner.height - slos - 2)
    case .incidents:
      return (inner.y + 2, inner.height - 2)
    case .errors:
      return (inner.y, inner.height)
    case .canary, .charts:
      return nil
    }
  }
}
