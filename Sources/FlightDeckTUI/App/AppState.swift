import FlightDeckCore

/// The whole state of the dashboard UI (bubbletea's model).
///
/// A value: ``AppUpdate/update(_:_:)`` changes it in response to messages;
/// ``ScreenView/view(state:snapshot:width:height:theme:)`` draws it.
public struct AppState: Sendable {
  /// The key bindings in force (already without dangerous ones in read-only mode).
  public var keyMap: KeyMap
  /// Whether the dashboard is read-only (dangerous bindings removed).
  public var readOnly: Bool
  /// The focused pane.
  public var focus: PaneID = .registry
  /// Selected row per pane (panes without rows have none).
  public var selection: [PaneID: PaneSelection] = [:]
  /// The applied artefact filter (substring; empty: none).
  public var filter: String = "" {
    didSet {
      if filter != oldValue {
        registryPane.filterChanged(filter)
        canaryPane.filterChanged(filter)
      }
    }
  }
  /// The `:` command prompt and its history (``CommandModeUpdate``).
  public var commandMode = CommandModeState()
  /// Whether mouse clicks and the wheel act (``MouseUpdate``); `false` with
  /// `mouse = false` in the configuration or `--no-mouse`.
  public var mouseEnabled = true
  /// Whether the filter prompt is open; while it is, typed keys edit ``filter``.
  public var isEditingFilter: Bool = false
  /// The open overlays, bottom first (help, dialogs, drill-downs, views):
  /// the top one gets the keys and Esc closes it (``overlay``). Each
  /// overlay's state is also reachable by name (``dialog``, ``incidentView``…).
  public var overlays = OverlayStack()
  /// Whether the view is frozen (PAUSED) rather than following new snapshots (LIVE).
  public var isPaused: Bool = false
  /// Whether this is a headless still frame (`flightdeck render`): the
  /// header then says FRAME rather than claiming LIVE.
  public var isStill: Bool = false
  /// The label of a replay (`flightdeck dashboard --replay`, e.g. `REPLAY
  /// INC-1 ×10`), drawn instead of ` LIVE `; `nil` when live.
  public var replayLabel: String?
  /// The theme in use.
  public var themeName: String = "default"
  /// The themes to cycle through with `t`, in order.
  public var themeNames: [String] = []
  /// The Registry pane's model: registry, drill-down and rows (``RegistryPaneState``).
  public private(set) var registryPane = RegistryPaneState()
  /// The Canary pane's model: its rows (``CanaryPaneState``).
  public private(set) var canaryPane = CanaryPaneState()
  /// The artefact drilled into with Enter, if any (``RegistryPaneState/drillDown``).
  public var drillDown: String? {
    get { registryPane.drillDown }
    set { registryPane.setDrillDown(newValue, filter: filter) }
  }
  /// The snapshot on screen.
  public var snapshot: DashboardSnapshot? {
    didSet {
      canaryPane.snapshotChanged(from: oldValue, to: snapshot, filter: filter)
      registryPane.snapshotChanged(from: oldValue, to: snapshot, filter: filter)
    }
  }
  /// The newest snapshot received while paused, shown on resume.
  public var heldSnapshot: DashboardSnapshot?
  /// The status line: message, level, expiry, pin, message log and the
  /// store work it announces (``StatusLineState``, changed by ``StatusLineUpdate``).
  public var statusLine = StatusLineState()
  /// The status-line message, if any (``StatusLineState/message``).
  public var statusMessage: String? {
    get { statusLine.message }
    set { statusLine.message = newValue }
  }
  /// How the status message is styled (``StatusLineState/level``).
  public var statusLevel: StatusLevel {
    get { statusLine.level }
    set { statusLine.level = newValue }
  }
  /// The messages given to the status line, oldest first (``StatusLineState/log``).
  public var statusLog: [StatusLogEntry] { statusLine.log }
  /// The registry on screen (`nil`: no registry workspace, or not read
  /// yet; ``RegistryPaneState/registry``); setting it works the Registry rows out again.
  public var registry: RegistrySnapshot? {
    get { registryPane.registry }
    set { registryPane.setRegistry(newValue, snapshot: snapshot, filter: filter) }
  }
  /// The Registry pane's rows (``RegistryPaneState/rows``).
  public var registryRows: RegistryRows { registryPane.rows }
  /// The rows left behind while drilled in (``RegistryPaneState/undrilledRows``).
  public var undrilledRegistryRows: RegistryRows? { registryPane.undrilledRows }
  /// The Canary pane's rows (``CanaryPaneState/rows``).
  public var canaryRows: CanaryRows { canaryPane.rows }
  /// Why the registry is not available (`nil`: available, or no desk at all).
  public var registryProblem: String?
  /// Pointer moves this dashboard made itself (from its own outcomes), so a
  /// new registry snapshot announces only the moves made by someone else.
  public var ownMoveIDs: Set<Int64> = []
  /// The incident queue as last read through the desk (`nil`: not read yet
  /// or no registry workspace).
  public var incidents: [Incident]?
  /// Why the incident queue could not be read, if it could not.
  public var incidentsProblem: String?
  /// Whether the store's controller lease has been read (a dashboard on a
  /// workspace reads it every second, off the UI thread); the header shows
  /// who drives only once it has.
  public var controllerKnown = false
  /// The store's controller lease as last read (`nil`: no controller ever
  /// held one), and when it was read (the dashboard's clock).
  public var controllerLease: ControllerLease?
  /// When ``controllerLease`` was read.
  public var controllerReadAt: Timestamp?
  /// Notification delivery as last read from the store's outbox (dead
  /// letters, failing entries; ``AppEffect/loadNotificationDelivery``), `nil`
  /// before any reading or when the store keeps no outbox. The header shows
  /// it while in trouble (``HeaderPane/deliveryText(_:form:)``).
  public var notificationDelivery: NotificationDeliveryTrouble?
  /// Every routing target's state as last read from the store
  /// (``AppEffect/loadRouting``, with the lease every second), `nil` before
  /// the first reading or without targets; the header shows the targets not
  /// in sync (``HeaderPane/routingText(_:compact:)``) and the detail view
  /// each target carrying the artefact (``VersionDetailPane``).
  public var routingStatus: [RoutingStatus]?
  /// The telemetry paths, folders and patterns as given on the command line
  /// (the demo: its folder), so ingest errors name files relative to them
  /// (``IngestErrorsPane/displayPath(_:given:)``) and commands the screen
  /// prints (`R`) carry real paths; empty when unknown.
  public var telemetryPaths: [String] = []
  /// The registry workspace folder as an absolute path, for the commands the
  /// screen prints (a second approver's `flightdeck approve … --workspace`,
  /// `R`'s replay); `nil` when unknown or without a workspace.
  public var workspacePath: String?
  /// The store's location as printed (a password masked) when it is not the
  /// workspace folder's own file: printed commands then say `--store` instead
  /// of `--workspace`; `nil` for the embedded store.
  public var storeLocation: String?
  /// Whether the store vouches for identities (a PostgreSQL store records the
  /// role that logged in): a second approver then logs in as their own role
  /// instead of setting `FLIGHTDECK_USER`.
  public var identityIsAuthenticated = false
  /// The dashboard's working directory, against which relative
  /// ``telemetryPaths`` are made absolute in printed commands; `nil` when unknown.
  public var workingDirectory: String?
  /// Role → operator names of the workspace's configuration (`[roles]`),
  /// to name who can give a request its next approval.
  public var operatorRoles: [String: [String]] = [:]
  /// Operator names known besides the roles (the demo's seeded operators),
  /// in order of preference, for the same purpose.
  public var knownOperators: [String] = []
  /// The operator acting through this dashboard (the desk's identity), the
  /// default commander of the assign dialog; `nil` when unknown.
  public var operatorName: String?
  /// How ``operatorName`` was identified (the desk's
  /// ``FlightDeckCore/ReleaseDesk/identification``): the header shows it
  /// beside the name and the help overlay spells it out; `nil` when unknown.
  public var operatorIdentification: ActorIdentification?
  /// The FlightDeck roles the store reports for ``operatorName`` when it
  /// vouches for identities (a PostgreSQL store: the role's memberships,
  /// `viewer`, `operator`, `approver`, `release-manager`); an action whose
  /// ``Action/requiredTeamRole`` is not among them is hidden and its key says
  /// which role it needs (``restrict(toTeamRoles:)``). `nil` (SQLite, a role
  /// in no team role such as the tables' owner, or unknown): every action is
  /// offered and the store's own rules decide.
  public var operatorTeamRoles: Set<String>?
  /// The dangerous bindings read-only mode removed, so their keys can say
  /// `read-only: promotion disabled` instead of doing nothing.
  public var disabledBindings: [KeyBinding] = []
  /// The bindings ``restrict(toTeamRoles:)`` hid because the operator's team
  /// roles lack the role their action needs, so their keys can say which.
  public var roleDisabledBindings: [KeyBinding] = []
  /// Terminal size in cells.
  public var width: Int = 80
  /// Terminal height in cells.
  public var height: Int = 24

  /// Creates the initial state; `readOnly` removes dangerous bindings from
  /// `keyMap` and keeps them as ``disabledBindings``, so pass the full map
  /// (``KeyMap/default``): a map already without them leaves nothing to say
  /// `read-only: … disabled` about, and the writing keys would do nothing silently.
  public init(keyMap: KeyMap = .default, readOnly: Bool = false, width: Int = 80, height: Int = 24) {
    self.keyMap = readOnly ? keyMap.withoutDangerous() : keyMap
    self.disabledBindings = readOnly ? keyMap.bindings.filter(\.isDangerous) : []
    self.readOnly = readOnly
    self.width = width
    self.height = height
  }

  /// The overlay that gets the keys: the top of ``overlays``, else the
  /// filter prompt while it is open (it sits under every overlay).
  public var overlay: Overlay? {
    if let top = overlays.top { return top.kind }
    return isEditingFilter ? .filter : nil
  }

  /// The key context: focused pane and open overlay.
  public var keyContext: KeyContext { KeyContext(focus: focus, overlay: overlay) }

  /// The selected row of `pane`, or a default selection.
  public func selection(of pane: PaneID) -> PaneSelection { selection[pane] ?? PaneSelection() }

  /// The registry and telemetry merged, as the Registry pane draws it.
  /// Its figures are those of the snapshot it was merged from, which may be
  /// older than ``snapshot`` when that has the same ``SnapshotLayout``
  /// (``RegistryRows/row(_:)`` gives the current figures of a row).
  public var overview: RegistryOverview { registryRows.overview }

  /// The rows the Registry selection moves over: every version row, or
  /// only the drilled-into artefact's while the detail view is shown (a
  /// view of ``registryRows``: each key made when read).
  public var registryKeys: RegistryRowKeys { registryRows.keys }

  /// The version row selected in the Registry pane (or in the detail view), if any.
  public var selectedVersion: (artefact: String, version: String)? {
    guard case .version(let a, let v)? = selection(of: .registry).key else { return nil }
    return (a, v)
  }

  /// The artefact the Charts pane shows: the drill-down, else the artefact of
  /// the selected row of the focused Canary pane, else of the selected
  /// Registry row, else of the selected Canary row.
  public var selectedArtefact: String? {
    if let drillDown { return drillDown }
    if focus == .canary, let a = selection(of: .canary).key?.artefact { return a }
    if let a = selection(of: .registry).key?.artefact { return a }
    return selection(of: .canary).key?.artefact
  }
}
