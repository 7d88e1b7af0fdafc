import FlightDeckCore
import Synchronization

/// The dashboard's run loop: engine, app model and backend on one thread.
///
/// Each ``step()`` polls the telemetry sources when they are due, turns
/// engine changes into a new snapshot (at most once per frame, and once a
/// second for the clock), draws only when something changed and at most
/// every ``Configuration/frameIntervalMs`` (15 frames/s by default), then
/// waits in the backend for input until the next deadline. With nothing to
/// do it sleeps in `poll(2)` for up to a second at a time, so an idle
/// dashboard costs next to no CPU (btop's approach).
///
/// The store never holds up the screen: registry commands, loads, the
/// change-token poll and the alert bookkeeping run on a ``StoreWorker`` (one
/// serial worker, so commands keep their order) and come back as messages the
/// loop drains every turn.
///
/// Live updates: when the desk's store offers a change signal
/// (``RegistryStore/signalChanges(_:)``; PostgreSQL's `LISTEN`/`NOTIFY`), the
/// loop subscribes at creation and the registry follows other processes'
/// changes by notification instead of polling: each
/// ``StoreChangeEvent/changed(token:)`` wakes the loop (`wake`), and the
/// next turn hands a reload to the store worker (unless the snapshot already
/// shows that token), so a change made anywhere is on screen within the
/// store's round trip. While the signal is attached the change token is read
/// only by a safety poll every ``ReleaseDesk/signalledPollIntervalMs``
/// (15 s); until it first attaches, and whenever it detaches (the
/// connection dropped: the status line says so), the desk polls every 500 ms; each
/// ``StoreChangeEvent/attached(token:)`` reloads once, whatever the token,
/// since notifications sent while it was away were lost. A store without a
/// signal (SQLite: no notification crosses processes) is polled every
/// ``ReleaseDesk/defaultPollIntervalMs`` (500 ms) as before. While a command is out the status line says
/// "saving…" (a load a key asked for: "loading…"), and keys and frames keep
/// flowing; at most one poll is out at a time. Quitting with a command out
/// waits up to ``Configuration/quitWaitMs`` with "saving…" on screen, then
/// quits and counts the command in ``unfinishedWritesAtExit``.
///
/// Time comes from the injected clock: tests use a manual clock and a
/// `TestBackend`, and call ``step()`` without ever sleeping.
public final class DashboardLoop {
  /// How the loop looks and paces itself.
  public struct Configuration: Sendable {
    /// Themes to cycle through with `t`; the first is shown at start. Never empty.
    public var themes: [Theme]
    /// Glyph tables (braille, block or ASCII).
    public var symbols: Symbols
    /// Draw without colour (NO_COLOR or a terminal with < 8 colours).
    public var monochrome: Bool
    /// Read-only mode: dangerous key bindings are removed.
    public var readOnly: Bool
    /// Least time between two frames, in ms (default 66 ≈ 15 frames/s).
    public var frameIntervalMs: Int64
    /// How often the snapshot is rebuilt even without new data, in ms (default 1000).
    public var tickIntervalMs: Int64
    /// The header's label when replaying an incident (e.g. `REPLAY INC-1 ×10`); `nil` when live.
    public var replayLabel: String?
    /// Where a replay ends: once the clock reaches it the status line says
    /// the replay is over (the screen stays as it ended).
    public var replayEnd: Timestamp?
    /// The telemetry paths as given on the command line (``AppState/telemetryPaths``).
    public var telemetryPaths: [String] = []
    /// The key bindings before read-only mode (the default map, or the
    /// operator's ``KeyMapFile`` laid over it); read-only still removes the
    /// dangerous ones.
    public var keyMap: KeyMap = .default
    /// Whether clicks and the wheel act (``AppState/mouseEnabled``).
    public var mouse: Bool = true
    /// The working directory (``AppState/workingDirectory``).
    public var workingDirectory: String?
    /// The workspace folder, absolute (``AppState/workspacePath``).
    public var workspacePath: String?
    /// The store's location when not the embedded one (``AppState/storeLocation``).
    public var storeLocation: String?
    /// Role → operator names (``AppState/operatorRoles``).
    public var operatorRoles: [String: [String]] = [:]
    /// Other known operators (``AppState/knownOperators``).
    public var knownOperators: [String] = []
    /// Tallies the files this dashboard follows (the sources of its last
    /// snapshot) over a KPI period (`from`, `to`), so `K` shows cost and
    /// latency-SLO attainment from its own telemetry; `nil` (or an answer of
    /// `nil`): the KPI view says those need `flightdeck kpi --telemetry`.
    public var kpiTelemetry:
      (@Sendable (_ files: [String], _ from: Timestamp, _ to: Timestamp) -> KPITelemetry?)?
    /// How long quitting waits for registry commands still being written, in
    /// ms (default 3000); what is still out then is counted in
    /// ``DashboardLoop/unfinishedWritesAtExit``.
    public var quitWaitMs: Int = 3000

    /// Creates a configuration.
    public init(
      themes: [Theme], symbols: Symbols = .braille, monochrome: Bool = false, readOnly: Bool = false,
      frameIntervalMs: Int64 = 66, tickIntervalMs: Int64 = 1000
    ) {
      self.themes = themes.isEmpty ? [ThemeLoader.builtInDefault] : themes
      self.symbols = symbols
      self.monochrome = monochrome
      self.readOnly = readOnly
      self.frameIntervalMs = max(1, frameIntervalMs)
      self.tickIntervalMs = max(1, tickIntervalMs)
    }
  }

  /// Why the loop ended.
  public enum Exit: Sendable, Equatable {
    /// The user quit (`q`, Ctrl-C as a key).
    case quit
    /// A stop signal arrived (its number).
    case signal(Int32)
  }

  /// The app state (focus, selection, overlays), for tests and the caller.
  public private(set) var state: AppState
  /// Frames drawn so far.
  public private(set) var framesDrawn = 0
  /// Snapshots built so far.
  public private(set) var snapshotsBuilt = 0
  /// Registry commands still being written when the loop quit (after
  /// waiting ``Configuration/quitWaitMs``): each is one transaction, so it
  /// is either saved whole or not at all; the caller says so after the screen closes.
  public private(set) var unfinishedWritesAtExit = 0

  /// How long to wait for input, at most, while store work is out (ms), so
  /// its answer shows promptly.
  static let storeAnswerWaitMs = 15

  /// A reload a change signal asked for.
  private enum SignalledRefresh: Equatable {
    /// Reload unless the snapshot shows this change token.
    case token(Int64)
    /// Reload whatever the token (the signal attached again).
    case forced
  }

  /// The change signal's events, handed from the backend's thread to the loop.
  private final class SignalInbox: Sendable {
    private let events = Mutex<[StoreChangeEvent]>([])

    /// Queues `event` (any thread).
    func put(_ event: StoreChangeEvent) { events.withLock { $0.append(event) } }

    /// Every queued event, oldest first, and empties the queue.
    func takeAll() -> [StoreChangeEvent] {
      events.withLock { list in
        defer { list = [] }; return list
      }
    }
  }

  /// What a job handed to the store worker was, so its answer is routed.
  private enum StoreJob {
    /// A change-token poll.
    case poll
    /// A command, a load or alert bookkeeping, and what the status line says meanwhile.
    case work(StoreActivity?)
  }

  private let engine: DashboardEngine
  private let backend: any TerminalBackend
  private let clock: any FlightDeckClock
  private let configuration: Configuration
  private let stopSignal: () -> Int32?
  /// Owns the release desk; `nil` without a workspace.
  private let storeWorker: StoreWorker?
  /// Jobs given to ``storeWorker`` whose answers are not applied yet, oldest first.
  private var storeJobs: [StoreJob] = []
  /// When the next change-token poll is due (`nil`: now).
  private var nextDeskPoll: Timestamp?
  private var pollInFlight = false
  /// The store's change signal (`nil`: the store offers none, or no workspace).
  private var changeSignal: StoreChangeSignal?
  /// Where ``changeSignal``'s handler queues its events.
  private let signalInbox = SignalInbox()
  /// Whether the change signal is attached (its last event was not a detachment).
  private var signalAttached = false
  /// A reload the change signal asked for, not yet handed to the worker.
  private var pendingRefresh: SignalledRefresh?
  /// When the last reload a change signal asked for was handed to the worker
  /// (``signalledRefreshIntervalMs`` apart at least).
  private var lastSignalledRefresh: Timestamp?

  /// The least time between two reloads the change signal asks for (ms, on
  /// the injected clock): notifications arriving faster — a busy team, or
  /// any role flooding `NOTIFY` on the store's channel, which PostgreSQL
  /// cannot refuse — are folded into one reload per interval, so a
  /// dashboard never reloads continuously.
  public static let signalledRefreshIntervalMs: Int64 = 200
  /// ``applyStoreAnswers()`` is running (it does not nest).
  private var applyingStoreAnswers = false
  private let alertKeeper: AlertKeeper?
  /// When the controller lease is next read (`nil`: now).
  private var nextLeaseRead: Timestamp?
  /// A lease read is out on the store worker.
  private let leaseRead = PendingFlag()
  /// Whether the loop reads the controller lease (a store that keeps one, not a replay).
  private let readsControllerLease: Bool
  /// Alert transitions held until the first lease read says who drives.
  private var heldAlertTransitions: [AlertTransition] = []
  private var rulesWatcher: AlertRulesWatcher?
  private var replayAnnounced = false
  private var lastRulesCheck: Timestamp?
  private var themeIndex = 0
  private var needsDraw = true
  private var lastDraw: Timestamp?
  private var lastSnapshot: Timestamp?
  private var forceFullRedraw = false
  /// A key (or resize) was handled and its frame is not drawn yet.
  private var inputFramePending = false

  /// Creates a loop.
  ///
  /// - Parameters:
  ///   - engine: The live engine to poll and to send commands to.
  ///   - backend: Where frames go and keys come from.
  ///   - clock: The time source (the same one the engine uses).
  ///   - configuration: Themes, symbols and pacing.
  ///   - stopSignal: Polled every step; a non-nil signal number ends the loop.
  ///   - releaseDesk: The registry to show and act on (`nil`: no workspace;
  ///     the registry keys then say so). When its store offers a change
  ///     signal, the loop subscribes and reloads on each notification, with
  ///     a safety poll every ``ReleaseDesk/signalledPollIntervalMs``; else
  ///     it is polled every step, at most every 500 ms, so another process's
  ///     change shows within a second. The loop's store worker owns it from
  ///     here on: do not use it elsewhere.
  ///   - alertKeeper: Persists the alert engine's transitions (on the store worker).
  ///   - rulesWatcher: Reloads the alert rules file when it changes.
  ///   - storeWork: Where store work runs: ``StoreWorker/Mode/background``
  ///     (default: off the UI thread) or ``StoreWorker/Mode/inline`` (tests
  ///     that expect the store's answer within the same ``step()``).
  ///   - wake: Wakes the loop out of its wait for input, from any thread
  ///     (the terminal's self-pipe); called when the store's change signal
  ///     reports, so a change is reloaded at once rather than at the next
  ///     deadline (up to a second later).
  public init(
    engine: DashboardEngine, backend: any TerminalBackend, clock: any FlightDeckClock,
    configuration: Configuration, stopSignal: @escaping () -> Int32? = { nil },
    releaseDesk: ReleaseDesk? = nil, alertKeeper: AlertKeeper? = nil, rulesWatcher: AlertRulesWatcher? = nil,
    storeWork: StoreWorker.Mode = .background, wake: @escaping @Sendable () -> Void = {}
  ) {
    var signalProblem: String?
    if let desk = releaseDesk {
      let inbox = signalInbox
      do {
        changeSignal = try desk.store.signalChanges { event in
          inbox.put(event)
          wake()
        }
      } catch {
        signalProblem =
          "live updates unavailable (\((error as? RegistryError)?.message ?? "\(error)")); polling the store every 0.5 s"
      }
    }
    self.storeWorker = releaseDesk.map { StoreWorker(desk: $0, mode: storeWork) }
    self.alertKeeper = alertKeeper
    self.readsControllerLease =
      releaseDesk.map { $0.store is any ControllerLeaseStore } == true && configuration.replayLabel == nil
    self.rulesWatcher = rulesWatcher
    self.engine = engine
    self.backend = backend
    self.clock = clock
    self.configuration = configuration
    self.stopSignal = stopSignal
    let size = backend.size
    state = AppState(
      keyMap: configuration.keyMap, readOnly: configuration.readOnly,
      width: size.width, height: size.height)
    state.mouseEnabled = configuration.mouse
    state.operatorName = releaseDesk?.identity.name
    state.operatorIdentification = releaseDesk?.identification
    state.replayLabel = configuration.replayLabel
    state.telemetryPaths = configuration.telemetryPaths
    state.workingDirectory = configuration.workingDirectory
    state.workspacePath = configuration.workspacePath
    state.storeLocation = configuration.storeLocation
    state.identityIsAuthenticated = releaseDesk?.identityIsAuthenticated ?? false
    // A role in no team role is the tables' owner (an administrator, whom grants and
    // policies do not limit) or a login that cannot even read: it is offered everything.
    if let desk = releaseDesk, desk.identityIsAuthenticated, !desk.identity.roles.isEmpty {
      state.restrict(toTeamRoles: Set(desk.identity.roles))
    }
    state.operatorRoles = configuration.operatorRoles
    state.knownOperators = configuration.knownOperators
    _ = AppUpdate.update(
      &state, .themeList(configuration.themes.map(\.name), current: configuration.themes[0].name))
    if let signalProblem { showStatus(signalProblem, seconds: 30) }
  }

  deinit {
    changeSignal?.stop()
  }

  /// Whether the store's change signal is in use (the store offers one):
  /// the registry then follows notifications, with a slow safety poll.
  public var followsChangeSignal: Bool { changeSignal != nil }

  /// Ends the subscription to the store's change signal (``run()`` does
  /// when it returns); the registry is polled every 500 ms from then on.
  /// Idempotent.
  public func stopChangeSignal() {
    guard let signal = changeSignal else { return }
    signal.stop()
    changeSignal = nil
    signalAttached = false
    pendingRefresh = nil
    setDeskPollInterval(ReleaseDesk.defaultPollIntervalMs)
  }

  /// The theme in use, with colour removed in monochrome mode.
  public var theme: Theme {
    let t = configuration.themes[themeIndex]
    return configuration.monochrome ? t.withoutColor() : t
  }

  /// Shows `message` in the status line for `seconds` (default 10).
  public func showStatus(_ message: String, seconds: Int64 = 10) {
    let now = clock.now()
    // The clock first, so the status log dates the message even before the first snapshot.
    _ = AppUpdate.update(&state, .tick(now))
    _ = AppUpdate.update(&state, .status(message, until: now.adding(milliseconds: seconds * 1000)))
    needsDraw = true
  }

  /// Says why the registry cannot be used (e.g. the workspace database is
  /// corrupt or newer than this binary), for a loop started without a desk:
  /// the registry keys then show `reason` instead of "no registry workspace".
  public func registryUnavailable(_ reason: String) {
    apply(.registryUnavailable(reason))
  }

  /// Waits until the store worker has finished every job handed to it, or
  /// `timeoutMs` passed; the answers are applied by the next ``step()``.
  /// For tests (and callers) that need the store's answer before going on:
  /// the loop itself never waits for the store.
  /// - Returns: `true` when no store work is out (always, without a workspace).
  @discardableResult
  public func waitForStoreWork(timeoutMs: Int) -> Bool {
    storeWorker?.waitUntilIdle(timeoutMs: timeoutMs) ?? true
  }

  /// Runs until the user quits or a stop signal arrives.
  /// - Throws: what the backend throws when drawing fails.
  public func run() throws -> Exit {
    defer { stopChangeSignal() }
    while true {
      if let exit = try step() { return exit }
    }
  }

  /// One turn of the loop: poll, snapshot, draw, wait for input (up to the
  /// next deadline), handle it.
  ///
  /// - Returns: `nil` to go on, or why the loop should end.
  /// - Throws: what the backend throws when drawing fails.
  public func step() throws -> Exit? {
    if let sig = stopSignal() { return .signal(sig) }
    if let exit = try applyStoreAnswers() { return exit }
    var now = clock.now()
    // A key's frame comes before the poll and the tick: it is drawn from the
    // snapshot on screen (plus the new selection's charts, which are cheap),
    // and a snapshot build that is due follows, so the key does not wait
    // behind the build.
    if inputFramePending {
      inputFramePending = false
      let frameDue = lastDraw.map { now.milliseconds(since: $0) >= configuration.frameIntervalMs } ?? true
      if frameDue && needsDraw {
        if engine.hasChanges && engine.nextSnapshotIsCheap {
          if let exit = try perform(AppUpdate.update(&state, .newSnapshot(engine.snapshot()))) { return exit }
          snapshotsBuilt += 1
        }
        // Out of the frame pacing: the frame a build due now makes still follows at once.
        let paced = lastDraw
        try draw(now)
        lastDraw = paced
      }
    }
    if now >= engine.nextPollDue {
      engine.pump()
      keepAlerts()
      if let exit = try applyStoreAnswers() { return exit }
      reloadRulesIfChanged(now)
      now = clock.now()
      if let end = configuration.replayEnd, now >= end, !replayAnnounced {
        replayAnnounced = true
        showStatus("replay finished at \(end.rfc3339): the screen stays as it ended — q quits", seconds: 3600)
      }
    }
    takeSignalEvents()
    readControllerLeaseIfDue(now)
    if let worker = storeWorker, !pollInFlight, let refresh = pendingRefresh,
      now >= (lastSignalledRefresh?.adding(milliseconds: Self.signalledRefreshIntervalMs) ?? now)
    {
      pendingRefresh = nil
      lastSignalledRefresh = now
      submitPoll(worker, now: now, refresh: refresh)
      if let exit = try applyStoreAnswers() { return exit }
    } else if let worker = storeWorker, !pollInFlight, now >= (nextDeskPoll ?? now) {
      submitPoll(worker, now: now)
      if let exit = try applyStoreAnswers() { return exit }
    }
    let tickDue = lastSnapshot.map { now.milliseconds(since: $0) >= configuration.tickIntervalMs } ?? true
    let frameDue = lastDraw.map { now.milliseconds(since: $0) >= configuration.frameIntervalMs } ?? true
    if (engine.hasChanges && frameDue) || tickDue {
      let snap = engine.snapshot()
      lastSnapshot = now
      if engine.lastSnapshotUnchanged && state.snapshot != nil {
        // A tick that changed nothing: the screen stays as drawn, unless
        // the tick expires the status message.
        let message = state.statusMessage
        _ = AppUpdate.update(&state, .tick(now))
        if state.statusMessage != message { needsDraw = true }
        if needsDraw && frameDue { try draw(now) }
        return try waitAndHandleInput(now)
      }
      snapshotsBuilt += 1
      // The first snapshot selects a row: its effect tells the engine which
      // artefact to chart (without it the engine charts every artefact).
      if let exit = try perform(AppUpdate.update(&state, .newSnapshot(snap))) { return exit }
      // A selection the snapshot moved (the first one's, above all) asks
      // for charts it lacks: they are added before the frame, cheaply.
      if engine.hasChanges && engine.nextSnapshotIsCheap {
        if let exit = try perform(AppUpdate.update(&state, .newSnapshot(engine.snapshot()))) { return exit }
        snapshotsBuilt += 1
      }
      _ = AppUpdate.update(&state, .tick(now))
      needsDraw = true
    }
    if needsDraw && frameDue {
      try draw(now)
    }
    return try waitAndHandleInput(now)
  }

  /// The end of a turn: waits for input up to the next deadline and
  /// handles what arrived (a burst of keys at once).
  private func waitAndHandleInput(_ now: Timestamp) throws -> Exit? {
    let timeout = waitBudget(now)
    if let event = backend.readEvent(timeoutMs: timeout) {
      if let exit = try handle(event) { return exit }
      // Drain whatever else is queued, so a burst of keys costs one frame.
      while let more = backend.readEvent(timeoutMs: 0) {
        if let exit = try handle(more) { return exit }
      }
    }
    return nil
  }

  /// Hands the alert engine's transitions to the keeper (persisted, audited,
  /// incidents opened for paging severities) and says on the status line
  /// which incidents opened. Without a keeper (no workspace, or read-only),
  /// or while a controller holds the store's lease (``AppState/controllerDrives``),
  /// the transitions are dropped: the screen still shows the alerts. Before
  /// the first lease read has answered they are held, then kept or dropped.
  private func keepAlerts() {
    let transitions = heldAlertTransitions + engine.takeAlertTransitions()
    heldAlertTransitions = []
    guard let keeper = alertKeeper, !transitions.isEmpty else { return }
    // Until the first lease read is in, nobody knows who drives: hold them.
    if readsControllerLease && !state.controllerKnown {
      heldAlertTransitions = transitions
      return
    }
    // While a controller holds the lease it records transitions and opens
    // incidents; this dashboard shows what the store says (it reloads on changes).
    guard !state.controllerDrives else { return }
    let clock = self.clock
    let record: @Sendable () -> [AppMessage] = {
      let report = keeper.record(transitions)
      let now = clock.now()
      let opened = report.incidents.filter { $0.openedAt >= now.adding(milliseconds: -60_000) }
      if let first = opened.first {
        return [
          .status(
            "\(first.displayID) opened (\(first.severity.rawValue)): \(first.title) — see the Incidents pane",
            until: now.adding(milliseconds: 30_000))
        ]
      } else if let joined = report.joined.first {
        return [
          .status(
            "\(joined.displayID) (\(joined.state.rawValue)): its alert fired again and joined it",
            until: now.adding(milliseconds: 15_000))
        ]
      } else if let problem = report.problems.first {
        return [.status(problem, until: now.adding(milliseconds: 15_000))]
      }
      return []
    }
    guard let worker = storeWorker else {
      for message in record() { apply(message) }
      return
    }
    storeJobs.append(.work(nil))
    worker.submit { _ in StoreWorker.Answer(messages: record()) }
  }

  /// Every ``controllerLeaseReadIntervalMs``, reads the store's controller
  /// lease on the store worker (off the UI thread) and hands it to the update
  /// function (``AppMessage/controllerLease(_:readAt:)``): the header says
  /// who drives, and alert transitions are not recorded while a controller
  /// does. Lease heartbeats move no change token, so this read is its own.
  private func readControllerLeaseIfDue(_ now: Timestamp) {
    // A replay shows the past: who drives now is beside the point.
    guard let worker = storeWorker, readsControllerLease, !leaseRead.isPending else { return }
    if let next = nextLeaseRead, now < next { return }
    nextLeaseRead = now.adding(milliseconds: Self.controllerLeaseReadIntervalMs)
    leaseRead.set(true)
    let flag = leaseRead
    let clock = self.clock
    storeJobs.append(.work(nil))
    worker.submit { desk in
      defer { flag.set(false) }
      // A store without a lease, or a failed read: nothing new (the header keeps the last reading).
      guard let leases = desk.store as? any ControllerLeaseStore else { return StoreWorker.Answer() }
      let lease: ControllerLease?
      do {
        lease = try leases.controllerLease()
      } catch {
        return StoreWorker.Answer()
      }
      return StoreWorker.Answer(messages: [.controllerLease(lease, readAt: clock.now())])
    }
  }

  /// How often a dashboard reads the controller lease, ms.
  static let controllerLeaseReadIntervalMs: Int64 = 1_000

  /// Every 2 s, loads the rules file again if it changed: a good file
  /// replaces the rules, a bad one is refused whole (the last good rules keep
  /// running) and its first error goes to the status line.
  private func reloadRulesIfChanged(_ now: Timestamp) {
    guard var watcher = rulesWatcher else { return }
    if let last = lastRulesCheck, now.milliseconds(since: last) < 2_000 { return }
    lastRulesCheck = now
    let result = watcher.check()
    rulesWatcher = watcher
    switch result {
    case .success(let groups)?:
      engine.replaceAlertRules(groups)
      showStatus(
        "alert rules reloaded from \(watcher.path): "
          + PaneFormat.count(groups.reduce(0) { $0 + $1.rules.count }, "rule"), seconds: 10)
    case .failure(let e)?:
      let first = e.errors.first.map(\.description) ?? "unreadable"
      showStatus(
        "alert rules file refused (\(e.errors.count) error\(e.errors.count == 1 ? "" : "s"); first: \(first)); "
          + "the last good rules keep running — flightdeck rules check \(watcher.path)", seconds: 60)
    case nil:
      break
    }
  }

  private func draw(_ now: Timestamp) throws {
    let size = backend.size
    if size.width != state.width || size.height != state.height {
      _ = AppUpdate.update(&state, .resize(width: size.width, height: size.height))
    }
    let canvas = ScreenView.view(
      state: state, snapshot: state.snapshot, width: size.width, height: size.height,
      symbols: configuration.symbols)
    if forceFullRedraw, let redrawing = backend as? any FullRedrawing {
      redrawing.invalidate()
    }
    forceFullRedraw = false
    try backend.draw(canvas, theme: theme)
    framesDrawn += 1
    lastDraw = now
    needsDraw = false
  }

  /// Milliseconds to wait for input: until the next poll, tick or frame,
  /// between 0 and 1000.
  private func waitBudget(_ now: Timestamp) -> Int {
    var deadline = engine.nextPollDue
    if storeWorker != nil, !pollInFlight { deadline = min(deadline, nextDeskPoll ?? now) }
    if pendingRefresh != nil {
      let allowed = lastSignalledRefresh?.adding(milliseconds: Self.signalledRefreshIntervalMs) ?? now
      deadline = min(deadline, max(allowed, now.adding(milliseconds: Int64(Self.storeAnswerWaitMs))))
    }
    if !storeJobs.isEmpty {
      deadline = min(deadline, now.adding(milliseconds: Int64(Self.storeAnswerWaitMs)))
    }
    if let lastSnapshot {
      deadline = min(deadline, lastSnapshot.adding(milliseconds: configuration.tickIntervalMs))
    }
    if needsDraw || engine.hasChanges, let lastDraw {
      deadline = min(deadline, lastDraw.adding(milliseconds: configuration.frameIntervalMs))
    }
    return Int(max(0, min(1000, deadline.milliseconds(since: now))))
  }

  private func handle(_ event: InputEvent) throws -> Exit? {
    inputFramePending = true
    let message: AppMessage
    switch event {
    case .key(let k): message = .key(k)
    case .mouse(let m): message = .mouse(m)
    case .resize(let w, let h):
      message = .resize(width: w, height: h)
      forceFullRedraw = true
    }
    return try perform(AppUpdate.update(&state, message), fromKey: true)
  }

  /// Applies a message that came from the registry, and performs its effects.
  private func apply(_ message: AppMessage) {
    needsDraw = true
    _ = try? perform(AppUpdate.update(&state, message))
  }

  /// Performs `effects` in order; registry effects go to the store worker
  /// (the answers already in are applied in turn). `fromKey`: the effects
  /// answer a key, so a load says "loading…" (background loads stay quiet).
  private func perform(_ effects: [AppEffect], fromKey: Bool = false) throws -> Exit? {
    needsDraw = true
    for effect in effects {
      switch effect {
      case .quit:
        return try quit()
      case .redraw:
        forceFullRedraw = true
      case .setPaused(let p):
        engine.apply(.setPaused(p))
      case .selectArtefact(let name):
        engine.apply(.selectArtefact(name))
      case .nextTheme(let name):
        if let i = configuration.themes.firstIndex(where: { $0.name == name }) { themeIndex = i }
        forceFullRedraw = true
        // Say which theme is now active (the names are the theme files' names).
        showStatus("theme: \(name)", seconds: 3)
      case .setFilter:
        break
      case .registry, .loadHistory, .loadAudit, .loadIncidents, .loadIncident, .loadKPI,
        .loadNotificationDelivery, .loadRouting:
        guard let worker = storeWorker else {
          // No workspace: the refusal needs no store.
          for answer in RegistryBridge.execute(effect, desk: nil) {
            if let exit = try perform(AppUpdate.update(&state, answer)) { return exit }
          }
          continue
        }
        let files = state.snapshot?.ingest.sources.map(\.path) ?? []
        let read = configuration.kpiTelemetry
        var activity: StoreActivity?
        if case .registry = effect {
          activity = .saving
        } else if fromKey {
          activity = .loading
        }
        if let activity { _ = AppUpdate.update(&state, .storeStarted(activity)) }
        storeJobs.append(.work(activity))
        worker.submit { desk in
          // The KPI tally reads telemetry files: on the worker too.
          let tally = read.map { read in
            { (from: Timestamp, to: Timestamp) in files.isEmpty ? nil : read(files, from, to) }
          }
          return StoreWorker.Answer(messages: RegistryBridge.execute(effect, desk: desk, kpiTelemetry: tally))
        }
        if let exit = try applyStoreAnswers() { return exit }
      }
    }
    return nil
  }

  /// Folds the change signal's queued events into ``pendingRefresh`` (a
  /// change: reload unless the snapshot shows its token; an attachment:
  /// reload once) and, when the signal detaches or attaches again, says so
  /// on the status line and sets the desk's poll interval (500 ms while
  /// detached, the slow safety poll while attached).
  private func takeSignalEvents() {
    guard changeSignal != nil else { return }
    for event in signalInbox.takeAll() {
      switch event {
      case .changed(let token):
        // The token on screen already: nothing to reload (a repeat, or a flood of it).
        if pendingRefresh != .forced && token != state.registry?.changeToken {
          pendingRefresh = .token(token)
        }
      case .attached:
        pendingRefresh = .forced
        if !signalAttached {
          signalAttached = true
          setDeskPollInterval(ReleaseDesk.signalledPollIntervalMs)
        }
        if state.statusMessage?.hasPrefix(Self.detachedStatusPrefix) == true {
          showStatus("live updates resumed: the registry follows the store's notifications again", seconds: 5)
        }
      case .detached(let reason):
        if signalAttached {
          signalAttached = false
          setDeskPollInterval(ReleaseDesk.defaultPollIntervalMs)
        }
        showStatus(
          "\(Self.detachedStatusPrefix): polling the store every 0.5 s until they are back (\(reason))",
          seconds: 30)
      }
    }
  }

  /// How the status line begins while the change signal is detached.
  static let detachedStatusPrefix = "live updates interrupted"

  /// Sets the desk's change-token poll interval (on the worker, after the
  /// jobs before it); the answer brings the next poll's due time.
  private func setDeskPollInterval(_ milliseconds: Int64) {
    guard let worker = storeWorker else { return }
    storeJobs.append(.work(nil))
    worker.submit { desk in
      desk.pollIntervalMs = milliseconds
      return StoreWorker.Answer()
    }
  }

  /// Hands a change-token poll to the worker, or with `refresh` the reload
  /// a change signal asked for (at most one of either out at a time).
  /// When the registry changed, a second job reads the silences and alert
  /// instances, so silences and acknowledgements made anywhere (keys, CLI,
  /// another dashboard) reach the alert engine with the registry's change;
  /// it is a job of its own so the new snapshot is on screen without waiting
  /// for those reads. A read-only screen (a replay among them: its store
  /// answers as of the replay clock) reads them from the desk's store.
  private func submitPoll(_ worker: StoreWorker, now: Timestamp, refresh: SignalledRefresh? = nil) {
    pollInFlight = true
    storeJobs.append(.poll)
    let keeperStore = alertKeeper?.store
    let changed = ChangeFlag()
    worker.submit { desk in
      let message: AppMessage?
      switch refresh {
      case nil: message = RegistryBridge.poll(desk, now: now)
      case .token(let token): message = RegistryBridge.refresh(desk, signalled: token, now: now)
      case .forced: message = RegistryBridge.refresh(desk, signalled: nil, now: now)
      }
      guard let message else { return StoreWorker.Answer() }
      changed.set()
      return StoreWorker.Answer(messages: [message])
    }
    storeJobs.append(.work(nil))
    worker.submit { desk in
      var answer = StoreWorker.Answer()
      guard changed.isSet else { return answer }
      let store = keeperStore ?? desk.store
      if let silences = try? store.silences(includeExpired: false), let stored = try? store.alertInstances() {
        answer.alertState = (silences, stored)
      }
      return answer
    }
  }

  /// Whether a job is out, set by the loop and cleared by the job (on the store worker).
  private final class PendingFlag: Sendable {
    private let value = Mutex(false)

    /// Sets or clears it.
    func set(_ pending: Bool) { value.withLock { $0 = pending } }

    /// Whether it is set.
    var isPending: Bool { value.withLock { $0 } }
  }

  /// Whether a poll found a change, handed from the poll's job to the
  /// alert-state job after it (both on the store worker, one after the other).
  private final class ChangeFlag: Sendable {
    private let value = Mutex(false)

    /// Marks the change.
    func set() { value.withLock { $0 = true } }

    /// Whether ``set()`` was called.
    var isSet: Bool { value.withLock { $0 } }
  }

  /// Applies the store worker's answers that are in, oldest first, and
  /// performs their effects. Answers are applied whole, from the outermost
  /// call: work an answer's messages submit is answered after it, never in
  /// the middle of it (nor before an older answer's remaining messages).
  /// - Returns: why the loop should end, if an answer's effect says so.
  private func applyStoreAnswers() throws -> Exit? {
    guard let worker = storeWorker, !applyingStoreAnswers else { return nil }
    applyingStoreAnswers = true
    defer { applyingStoreAnswers = false }
    while let answer = worker.takeAnswer() {
      let job = storeJobs.isEmpty ? .work(nil) : storeJobs.removeFirst()
      if case .poll = job { pollInFlight = false }
      if let due = answer.nextPollDue { nextDeskPoll = due }
      if let alerts = answer.alertState {
        engine.updateAlertState(silences: alerts.silences, stored: alerts.stored)
      }
      needsDraw = true
      for message in answer.messages {
        if let exit = try perform(AppUpdate.update(&state, message)) { return exit }
      }
      if case .work(let activity?) = job { _ = AppUpdate.update(&state, .storeFinished(activity)) }
    }
    return nil
  }

  /// Quits; with registry commands still out, first shows "saving…" and
  /// waits up to ``Configuration/quitWaitMs`` for them, and counts those
  /// still out then in ``unfinishedWritesAtExit``.
  private func quit() throws -> Exit {
    let writes = storeJobs.filter { if case .work(.saving) = $0 { return true } else { return false } }.count
    guard let worker = storeWorker, writes > 0 else { return .quit }
    _ = AppUpdate.update(&state, .status("saving… (quitting once the store answers)", until: nil))
    try draw(clock.now())
    if !worker.waitUntilIdle(timeoutMs: configuration.quitWaitMs) {
      // Jobs finish in order: the unfinished ones are the newest.
      unfinishedWritesAtExit =
        storeJobs.suffix(worker.pendingJobs)
        .filter { if case .work(.saving) = $0 { return true } else { return false } }.count
    }
    return .quit
  }
}
