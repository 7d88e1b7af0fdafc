import FlightDeckCore

/// The dashboard's pure view function (bubbletea's `View`): state and
/// snapshot in, a ``Canvas`` out. No terminal, no clock.
public enum ScreenView {
  /// Draws the whole screen.
  ///
  /// - Parameters:
  ///   - state: UI state (focus, selection, filter, overlays, mode).
  ///   - snapshot: the snapshot to show (normally `state.snapshot`; `nil`
  ///     before the first one).
  ///   - width: terminal width in columns (negative counts as 0).
  ///   - height: terminal height in rows (negative counts as 0).
  ///   - symbols: glyph tables (braille / block / ASCII).
  /// - Returns: a `width` × `height` canvas; below 60×16 it holds only the
  ///   centred too-small notice. In ASCII mode every glyph of FlightDeck's
  ///   own is ASCII (``AsciiFallback``).
  public static func view(
    state: AppState, snapshot: DashboardSnapshot?, width: Int, height: Int, symbols: Symbols = .braille
  ) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    canvas.ellipsis = symbols.ellipsis
    let layout = Self.layout(
      state: state, snapshot: snapshot, width: canvas.width, height: canvas.height, symbols: symbols)
    guard layout.mode != .tooSmall else {
      TooSmallNotice.draw(into: &canvas)
      if symbols.mode == .ascii { AsciiFallback.apply(to: &canvas) }
      return canvas
    }
    HeaderPane.draw(into: &canvas, rect: layout.header, snapshot: snapshot, state: state)
    for (pane, rect) in layout.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      drawPane(pane, into: &canvas, rect: rect, snapshot: snapshot, state: state, symbols: symbols)
    }
    if let tabs = layout.tabs {
      drawTabs(into: &canvas, rect: tabs, shown: ScreenLayout.tabbedPane(focus: state.focus))
    }
    FooterPane.draw(into: &canvas, rect: layout.footer, state: state)
    if state.commandMode.isOpen { CommandPromptView.draw(into: &canvas, rect: layout.footer, state: state) }
    for layer in state.overlays.layers {
      drawOverlay(layer, into: &canvas, snapshot: snapshot, state: state, symbols: symbols)
    }
    if symbols.mode == .ascii { AsciiFallback.apply(to: &canvas) }
    return canvas
  }

  /// Draws the screen for `state`'s own snapshot and size.
  public static func view(state: AppState, symbols: Symbols = .braille) -> Canvas {
    view(state: state, snapshot: state.snapshot, width: state.width, height: state.height, symbols: symbols)
  }

  /// Rows the Registry slot is sized for: every version row of the
  /// overview (registry and telemetry merged), unfiltered (so the pane does
  /// not jump while a filter is typed), plus one for the drill-down's
  /// summary line; `nil` before a snapshot or registry.
  static func registryRows(state: AppState, snapshot: DashboardSnapshot?) -> Int? {
    guard snapshot != nil || state.registry != nil else { return nil }
    let versions =
      RegistryRows.sameStorage(snapshot?.artefacts, state.snapshot?.artefacts)
      ? state.registryRows.overviewRowCount
      : RegistryOverview.merge(registry: state.registry, telemetry: snapshot).rows.count
    return versions + (state.drillDown == nil ? 0 : 1)
  }

  /// Draws one overlay layer; ``view(state:snapshot:width:height:symbols:)``
  /// draws the stack bottom first, so the top layer is drawn last.
  static func drawOverlay(
    _ layer: OverlayLayer, into canvas: inout Canvas, snapshot: DashboardSnapshot?, state: AppState,
    symbols: Symbols
  ) {
    switch layer {
    case .audit(let audit): AuditOverlay.draw(into: &canvas, audit: audit, symbols: symbols)
    case .history(let history): HistoryOverlay.draw(into: &canvas, history: history, symbols: symbols)
    case .verdict(let verdict):
      VerdictOverlay.draw(into: &canvas, verdict: verdict, registry: state.registry, symbols: symbols)
    case .incident(let view):
      IncidentView.draw(into: &canvas, view: view, now: snapshot?.now, symbols: symbols)
    case .ingestError(let view):
      IngestErrorOverlay.draw(into: &canvas, error: view.error, offset: view.offset, symbols: symbols)
    case .alert(let view):
      AlertView.draw(
        into: &canvas, fingerprint: view.fingerprint, alerts: snapshot?.alerts ?? [],
        incidents: state.incidents,
        offset: view.offset, symbols: symbols)
    case .whatIf(let proposal):
      WhatIfPanel.draw(into: &canvas, proposal: proposal, snapshot: snapshot, symbols: symbols)
    case .kpi(let kpi): KPIOverlay.draw(into: &canvas, kpi: kpi, symbols: symbols)
    case .messages(let messages):
      MessagesOverlay.draw(into: &canvas, log: state.statusLog, view: messages, symbols: symbols)
    case .text(let view): TextView.draw(into: &canvas, view: view, symbols: symbols)
    case .dialog(let dialog):
      // Centred in the body: the header, the dialog's keys and the status line stay.
      DialogOverlay.draw(
        into: &canvas, area: OverlayFrame.large(width: canvas.width, height: canvas.height), dialog: dialog,
        symbols: symbols)
    case .help(let offset):
      HelpOverlay.draw(
        into: &canvas, keyMap: state.keyMap, readOnly: state.readOnly, offset: offset, symbols: symbols,
        identity: HeaderPane.identityDescription(state: state))
    }
  }

  /// Draws one pane by id.
  static func drawPane(
    _ pane: PaneID, into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState,
    symbols: Symbols
  ) {
    switch pane {
    case .registry:
      if let name = state.drillDown {
        VersionDetailPane.draw(
          name, into: &canvas, rect: rect, snapshot: snapshot, state: state, symbols: symbols)
      } else {
        RegistryPane.draw(into: &canvas, rect: rect, snapshot: snapshot, state: state, symbols: symbols)
      }
    case .canary:
      CanaryPane.draw(into: &canvas, rect: rect, snapshot: snapshot, state: state, symbols: symbols)
    case .charts:
      ChartsPane.draw(into: &canvas, rect: rect, snapshot: snapshot, state: state, symbols: symbols)
    case .errors:
      IngestErrorsPane.draw(into: &canvas, rect: rect, snapshot: snapshot, state: state, symbols: symbols)
    case .alerts:
      AlertsPane.draw(into: &canvas, rect: rect, snapshot: snapshot, state: state, symbols: symbols)
    case .incidents:
      IncidentsPane.draw(into: &canvas, rect: rect, snapshot: snapshot, state: state, symbols: symbols)
    }
  }

  /// Draws the compact tab strip: every pane but the Registry, the shown one
  /// in reverse video and bracketed (readable without colour).
  static func drawTabs(into canvas: inout Canvas, rect: Rect, shown: PaneID) {
    for (pane, span) in tabSpans(rect: rect) {
      let isShown = pane == shown
      let label = isShown ? "[" + pane.title + "]" : " " + pane.title + " "
      canvas.put(
        label, x: span.lowerBound, y: rect.y, maxWidth: span.count,
        style: isShown ? CellStyle(.title, bold: true, reverse: true) : CellStyle(.dim))
    }
  }
}
