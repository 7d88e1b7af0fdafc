/// Where each part of the screen goes for a terminal size, each pane sized
/// from its content.
///
/// - Below ``minimumWidth`` × ``minimumHeight`` (60×16): nothing but the
///   too-small notice.
/// - Full (≥ 120×40): header; left column (60 % of the width, at most
///   ``maximumLeftWidth``, so the Registry keeps its names, error and cost
///   columns at 120 columns) Registry, Canary, then Alerts and Incidents
///   side by side; right column Charts then Ingest errors; two footer rows.
///   Every pane is visible. The Registry takes its rows + header + borders,
///   at most half the body; the Canary its blocks + borders
///   (``CanaryPane/wantedRows(_:width:symbols:registry:cap:)``), at least
///   ``minimumCanaryHeight`` and leaving the Alerts / Incidents pair its
///   rows + borders (4 to ``maximumAlertsHeight``); the pair takes the rest
///   of the column, so rows the Canary has no content for go to the alert
///   and incident lists, and at 200 columns each list is half the left
///   column wide rather than a quarter of the right one. Ingest errors take
///   their rows + borders, 3 rows when empty, at most 10; the Charts the rest.
/// - Compact (anything between, e.g. 80×24): header; Registry (its rows +
///   header + borders, at most 45 % of the body); a tab strip; one tabbed
///   pane (the focused one, or Charts while the Registry has focus); two
///   footer rows.
///
/// Without row counts (`nil`) the Registry takes its cap, Ingest errors 3
/// rows, the pair 4 rows and the Canary the rest.
public struct ScreenLayout: Sendable, Hashable {
  /// Smallest usable width in columns.
  public static let minimumWidth = 60
  /// Smallest usable height in rows.
  public static let minimumHeight = 16

  /// Whether a `width` × `height` terminal (cells) is below
  /// ``minimumWidth`` × ``minimumHeight``: it then shows only the too-small
  /// notice, and keys do not act on what cannot be seen.
  public static func isTooSmall(width: Int, height: Int) -> Bool {
    width < minimumWidth || height < minimumHeight
  }
  /// Width from which every pane is shown at once.
  public static let fullWidth = 120
  /// Height from which every pane is shown at once.
  public static let fullHeight = 40

  /// Which arrangement applies.
  public enum Mode: Sendable, Hashable {
    /// Below the minimum size.
    case tooSmall
    /// Registry plus one tabbed pane.
    case compact
    /// Every pane visible.
    case full
  }

  /// The arrangement.
  public var mode: Mode
  /// The header row.
  public var header: Rect = Rect(x: 0, y: 0, width: 0, height: 0)
  /// The two footer rows.
  public var footer: Rect = Rect(x: 0, y: 0, width: 0, height: 0)
  /// The tab strip (compact only).
  public var tabs: Rect?
  /// The pane rectangles on screen (panes not shown are absent).
  public var panes: [PaneID: Rect] = [:]

  /// Widest the left column (Registry, Canary) gets in full mode: the
  /// drill-down's 13 columns need 1 + 96 + 12 gaps = 109 inside the box (111
  /// with borders), and the Registry with 20-column names ~90; the Charts get
  /// the rest.
  public static let maximumLeftWidth = 112

  /// Largest Ingest errors pane height in full mode, in rows.
  public static let maximumErrorsHeight = 10

  /// Largest height the Alerts / Incidents pair asks for in full mode, in
  /// rows (it gets more when the Canary leaves rows unused).
  public static let maximumAlertsHeight = 14

  /// Smallest Canary pane height in full mode, in rows: one block's name,
  /// weight line and split bar inside the borders.
  public static let minimumCanaryHeight = 6

  /// The left column's width in full mode on a `width`-column screen.
  public static func leftWidth(width: Int) -> Int { min(width * 60 / 100, maximumLeftWidth) }

  /// The layout for a `width` × `height` terminal with `focus` focused.
  ///
  /// - Parameters:
  ///   - registryRows: data rows the Registry has (versions), or `nil`.
  ///   - errorRows: ingest error lines to list, or `nil`.
  ///   - alertRows: inner rows the taller of Alerts and Incidents wants;
  ///     in full mode the pair gets them + 2 borders, between 4 and
  ///     ``maximumAlertsHeight`` (`nil` or 0: 4 rows) and the rows the
  ///     Canary leaves.
  ///   - canaryRows: inner rows the Canary's blocks take, or `nil` (it then
  ///     takes what the pair leaves).
  public init(
    width: Int, height: Int, focus: PaneID, registryRows: Int? = nil, errorRows: Int? = nil,
    alertRows: Int? = nil, canaryRows: Int? = nil
  ) {
    guard !Self.isTooSmall(width: width, height: height) else {
      mode = .tooSmall
      return
    }
    header = Rect(x: 0, y: 0, width: width, height: 1)
    footer = Rect(x: 0, y: height - 2, width: width, height: 2)
    let body = Rect(x: 0, y: 1, width: width, height: height - 3)
    /// Registry height: rows + header + 2 borders, between 4 and `cap`.
    func registryHeight(cap: Int) -> Int {
      guard let registryRows else { return cap }
      return min(cap, max(4, registryRows + 3))
    }
    if width >= Self.fullWidth && height >= Self.fullHeight {
      mode = .full
      let cols = Layout.split(
        body, direction: .horizontal, constraints: [.length(Self.leftWidth(width: width)), .fill(1)])
      let registry = registryHeight(cap: body.height / 2)
      let below = body.height - registry
      let pairWanted = min(Self.maximumAlertsHeight, max(4, (alertRows ?? 0) + 2))
      let canaryRoom = max(Self.minimumCanaryHeight, below - pairWanted)
      let canary = canaryRows.map { min(canaryRoom, max(Self.minimumCanaryHeight, $0 + 2)) } ?? canaryRoom
      let left = Layout.split(
        cols[0], direction: .vertical, constraints: [.length(registry), .length(canary), .fill(1)])
      let errors = min(Self.maximumErrorsHeight, max(3, (errorRows ?? 0) + 2))
      let right = Layout.split(cols[1], direction: .vertical, constraints: [.fill(1), .length(errors)])
      let pair = Layout.split(left[2], direction: .horizontal, constraints: [.fill(1), .fill(1)])
      panes = [
        .registry: left[0], .canary: left[1], .charts: right[0], .alerts: pair[0], .incidents: pair[1],
        .errors: right[1],
      ]
    } else {
      mode = .compact
      let registry = registryHeight(cap: body.height * 45 / 100)
      let rows = Layout.split(
        body, direction: .vertical, constraints: [.length(registry), .length(1), .fill(1)])
      tabs = rows[1]
      panes = [.registry: rows[0], Self.tabbedPane(focus: focus): rows[2]]
    }
  }

  /// In compact mode, the pane shown under the tab strip: the focused pane,
  /// or Charts while the Registry has focus (so the chart follows the selection).
  public static func tabbedPane(focus: PaneID) -> PaneID { focus == .registry ? .charts : focus }
}
