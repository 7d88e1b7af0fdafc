import FlightDeckCore
import FlightDeckTUI
import FlightDeckTerminal
import Foundation
import Logging

/// Starts the full-screen dashboard on some telemetry and runs it until the
/// user quits or a stop signal arrives.
///
/// Everything that can be refused (theme, config, arguments) is checked
/// before the screen starts, so a mistake is one clear line on the normal
/// screen, never a half-drawn dashboard. Logs go to a file, never to the
/// screen: the caller bootstraps logging first (``LogOptions/bootstrapFile(_:)``).
enum DashboardSession {
  /// Refuses as the screen would when standard input or output is not a
  /// terminal, before a command writes or binds anything.
  /// - Throws: `CLIError` with the terminal's own wording ("standard input
  ///   is not a terminal; run flightdeck in an interactive terminal").
  static func requireTerminal() throws {
    do { try NcursesBackend.requireTerminal() } catch { throw CLIError("\(error)") }
  }

  /// Runs the dashboard.
  /// - Parameters:
  ///   - registry: The registry workspace to show and act on; `nil` or a
  ///     missing workspace leaves the registry keys explaining why.
  ///   - clock: The wall clock (the demo shares it with its registry seed).
  ///   - driveRollouts: Whether this process ticks and judges the workspace's
  ///     running rollouts (``DashboardAutopilot``) on the telemetry it shows.
  ///   - rolloutWindowMs: The judge's look-back for each measurement, ms.
  ///   - replayLabel: The header's mode label of a replay (`REPLAY INC-1 ×10`).
  ///   - replayEnd: Where the replay ends (the status line says so then).
  ///   - knownOperators: Operator names to suggest as a second approver
  ///     besides the configuration's roles (the demo's seeded operators).
  ///   - keyMap: The key bindings (``DisplayOptions/keyMap(directories:)``);
  ///     read-only mode still removes the dangerous ones.
  ///   - mouse: Whether to ask the terminal for mouse reports.
  ///   - logPath: The log file logging was bootstrapped to; the terminal's
  ///     standard error goes there too while the screen is up.
  /// - Returns: the process exit status (0 after `q`, 128 + signal after a signal).
  /// - Throws: `CLIError` for a bad theme or a terminal that cannot start.
  static func run(
    patterns: [String], options: EngineOptions, themeChoice: String?, readOnly: Bool,
    registry: DashboardRegistry? = nil, clock: any FlightDeckClock = SystemClock(), banner: String? = nil,
    driveRollouts: Bool = false, rolloutWindowMs: Int64 = 120_000, replayLabel: String? = nil,
    replayEnd: Timestamp? = nil, knownOperators: [String] = [], keyMap: KeyMap = .default, mouse: Bool = true,
    logPath: String
  ) throws -> Int32 {
    let environment = ProcessInfo.processInfo.environment
    let (themes, warnings): ([Theme], [String])
    do {
      (themes, warnings) = try ThemeCatalog.load(choice: themeChoice, environment: environment)
    } catch {
      throw CLIError("\(error)")
    }
    let log = Logger(label: "flightdeck")
    log.info("dashboard starting", metadata: ["patterns": .string(patterns.joined(separator: " "))])
    for w in warnings { log.warning("theme: \(w)") }

    let (desk, registryProblem) = registry?.open(clock: clock) ?? (nil, nil)
    if let registryProblem { log.warning("registry: \(registryProblem)") }
    // Rollouts advance and are judged from this process when asked (the demo does), and routing
    // decisions reach the configured targets, while no controller runs.
    var works: [any ControllerWork & Sendable] = []
    var leases: (any ControllerLeaseStore)?
    if desk != nil, let registry, !registry.readOnly {
      if driveRollouts,
        let store = try? registry.workspace.open(
          clock: clock, policy: registry.configuration.riskPolicy, backends: .cli)
      {
        leases = store as? any ControllerLeaseStore
        works.append(
          RolloutController(
            store: store, clock: clock, intervalMs: 2_000,
            samples: { artefact in
              let files = (try? TelemetryPaths.expand(patterns)) ?? patterns
              return try? AnalysisSampleCollector.collect(
                paths: files, artefact: artefact, windowMs: rolloutWindowMs
              )
              .collector
            }))
      }
      if !registry.configuration.routing.targets.isEmpty,
        let store = try? registry.workspace.open(
          clock: clock, policy: registry.configuration.riskPolicy, backends: .cli),
        let outbox = store as? any RoutingOutboxStore & ArtefactStore
      {
        leases = leases ?? store as? any ControllerLeaseStore
        works.append(
          RoutingControllerWork(
            publisher: RoutingPublisher(
              store: outbox, configuration: registry.configuration.routing, clock: clock),
            clock: clock))
      }
    }
    let autopilotLog = Logger(label: "flightdeck.autopilot")
    let autopilot =
      works.isEmpty
      ? nil
      : DashboardAutopilot(works: works, leases: leases, clock: clock, log: { autopilotLog.info("\($0)") })
    autopilot?.start()
    defer { autopilot?.stopAndWait() }
    // Alert rules and SLOs: a bad rules file is refused here, before the screen starts.
    let alertsConfig = registry?.configuration.alerts ?? AlertConfiguration()
    let alertEngine = try Self.alertEngine(alertsConfig, desk: desk)
    let engine = DashboardEngine(
      patterns: patterns, options: options, clock: clock, logger: Logger(label: "flightdeck.engine"),
      alerts: alertEngine)
    // Alert state is kept in the workspace (and incidents opened) unless read-only.
    let keeper =
      alertEngine != nil && !(registry?.readOnly ?? true)
      ? desk.map { AlertKeeper(configuration: alertsConfig, store: $0.store) } : nil
    let backend: NcursesBackend
    do {
      var backendOptions = NcursesBackend.Options()
      backendOptions.stderrLogPath = logPath
      backendOptions.mouse = mouse
      backendOptions.diagnostic = { message in Logger(label: "flightdeck.terminal").warning("\(message)") }
      backend = try NcursesBackend.start(backendOptions)
    } catch {
      throw CLIError("\(error)")
    }
    let symbols = backend.supportsUnicode ? Symbols(mode: Symbols.detect(environment: environment)) : .ascii
    var configuration = DashboardLoop.Configuration(
      themes: themes, symbols: symbols,
      monochrome: Theme.needsMonochrome(colorCount: backend.colorCount, environment: environment),
      readOnly: readOnly)
    configuration.replayLabel = replayLabel
    configuration.keyMap = keyMap
    configuration.mouse = mouse
    configuration.replayEnd = replayEnd
    // What the screen needs to print commands with real paths.
    configuration.telemetryPaths = patterns
    configuration.workingDirectory = FileManager.default.currentDirectoryPath
    configuration.workspacePath = registry.map {
      URL(fileURLWithPath: $0.workspace.directory).standardizedFileURL.path
    }
    configuration.storeLocation = registry.flatMap { $0.workspace.store?.description }
    configuration.operatorRoles = registry?.configuration.roles ?? [:]
    configuration.knownOperators = knownOperators
    // K tallies the followed files for cost and, against the configuration's
    // latency SLO threshold, latency attainment.
    let latencySLO = alertsConfig.slos.first { $0.kind == .latency && $0.thresholdMs != nil }
    let kpiOptions = options
    configuration.kpiTelemetry = { files, from, to in
      try? KPITelemetry.read(
        paths: files.filter { FileManager.default.fileExists(atPath: $0) }, options: kpiOptions, from: from,
        to: to, latencyThresholdMs: latencySLO?.thresholdMs, latencyArtefact: latencySLO?.artefact
      ).telemetry
    }
    let loop = DashboardLoop(
      engine: engine, backend: backend, clock: clock, configuration: configuration,
      stopSignal: { NcursesBackend.pendingSignal }, releaseDesk: desk, alertKeeper: keeper,
      rulesWatcher: alertEngine == nil ? nil : alertsConfig.rulesPath.map(AlertRulesWatcher.init(path:)),
      // A store's change notification wakes the loop out of its wait for keys.
      wake: { [waker = backend.waker] in waker.wake() })
    if let registryProblem {
      if desk == nil {
        loop.registryUnavailable(registryProblem)
      } else {
        loop.showStatus(registryProblem, seconds: 30)
      }
    }
    if let banner { loop.showStatus(banner, seconds: 30) }
    let exit: DashboardLoop.Exit
    do {
      exit = try loop.run()
    } catch {
      backend.stop()
      log.error("fatal: \(error)")
      throw CLIError("\(error)")
    }
    backend.stop()
    if loop.unfinishedWritesAtExit > 0 {
      // Each command is one transaction: saved whole or not at all.
      let count = loop.unfinishedWritesAtExit
      FileHandle.standardError.write(
        Data(
          ("flightdeck: \(count) registry change\(count == 1 ? " was" : "s were") still being saved when the "
            + "dashboard quit; each is saved whole or not at all — check with flightdeck history ARTEFACT\n")
            .utf8))
    }
    switch exit {
    case .quit:
      log.info("quit by user")
      return 0
    case .signal(let sig):
      log.info("stopped by signal \(sig)")
      return TerminalSignals.exitStatus(for: sig)
    }
  }

  /// The alert engine for `configuration`: its rules file's groups plus the
  /// SLOs' burn-rate rules, restoring the workspace's stored instances (a
  /// firing alert keeps firing with its start time); `nil` when there is
  /// neither a rules file nor an SLO.
  /// - Throws: `CLIError` listing every error of a bad rules file
  ///   (`file:line:col: field: message`), so nothing starts on a bad file.
  static func alertEngine(_ configuration: AlertConfiguration, desk: ReleaseDesk?) throws -> AlertEngine? {
    guard configuration.rulesPath != nil || !configuration.slos.isEmpty else { return nil }
    var groups: [AlertRuleGroup] = []
    if let path = configuration.rulesPath {
      do {
        groups = try AlertRulesLoader.load(path: path)
      } catch let e as AlertRulesFileError {
        throw CLIError(
          "alert rules refused (\(e.errors.count) error\(e.errors.count == 1 ? "" : "s"), every one as `flightdeck rules check` prints them): "
            + e.errors.map(\.description).joined(separator: "; "))
      }
    }
    let stored = (try? desk?.store.alertInstances()) ?? []
    return AlertEngine(configuration: configuration, groups: groups, restoring: stored)
  }
}
