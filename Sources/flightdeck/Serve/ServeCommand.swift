import ArgumentParser
import FlightDeckCore
import FlightDeckNetwork
import FlightDeckTUI
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// `flightdeck serve`: the always-on controller, headless. This command only
/// wires the pieces: the lease and the loop are the core's
/// (``ControllerLoop``), the threads and signals FlightDeckNetwork's.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the controller headless: alerts, incidents and rollouts with no dashboard open.",
    discussion: """
      Takes the store's controller lease (one active controller per store) and, while it holds it, \
      follows the telemetry given (and the OTLP receiver's data folder with --otlp-listen), evaluates the \
      configuration's alert rules and SLOs (persisting alert state and opening incidents, as \
      system:alerting) and drives every running rollout (ticks, analyses through the judge, gates before \
      production, as system:rollout-controller). A second `serve` on the same store waits as a standby \
      and takes over within about --lease-ttl + --heartbeat once the holder stops renewing (killed with \
      -9). Dashboards on the store then show what the controller decides and drive nothing.
      Probes: GET /healthz (200 while running) and GET /readyz (200 while holding the lease with the \
      store reachable, else 503) on --listen.
      The resolve API for applications (read-only: pointers, routing weights, prompt templates, with ETags \
      and long polls) on --resolve-listen when given; beyond loopback it needs --resolve-token-file.
      SIGTERM or SIGINT: the turn in flight finishes, the lease is released, exit 0.
      Exit codes: 0 stopped by a signal; 1 bad configuration, unusable store or a port that cannot be bound; 64 bad arguments.
      """)

  @Argument(help: "Telemetry files, globs or directories to follow (FlightDeck JSON Lines or OTLP/JSON).")
  var paths: [String] = []

  @Option(
    help:
      "Where the probes listen, HOST:PORT (default: [controller] listen, else 127.0.0.1:9465; port 0 picks one)."
  )
  var listen: String?

  @Option(
    name: .customLong("otlp-listen"),
    help: "Also receive OTLP/HTTP traces on HOST:PORT (as `flightdeck receive`) and follow its data folder.")
  var otlpListen: String?

  @Option(name: .customLong("data-dir"), help: "With --otlp-listen: the data folder.")
  var dataDir: String?

  @Option(name: .customLong("token-file"), help: "With --otlp-listen: a file holding the bearer token.")
  var tokenFile: String?

  @Option(
    name: .customLong("resolve-listen"),
    help:
      "Serve the resolve API for applications on HOST:PORT (default: [controller] resolve_listen, else not served)."
  )
  var resolveListen: String?

  @Option(
    name: .customLong("resolve-token-file"),
    help:
      "A file holding the resolve API's bearer token, required beyond loopback (default: [controller] resolve_token_file)."
  )
  var resolveTokenFile: String?

  @Option(help: "The registry workspace (default: the config's `workspace`, else ./.flightdeck).")
  var workspace: String?

  @Option(
    help: ArgumentHelp(
      "Where the store is: sqlite:PATH or postgres://USER@HOST/DATABASE (default: $FLIGHTDECK_STORE, else the config's `store`, else the workspace folder's own file).",
      valueName: "url"))
  var store: String?

  @Option(
    name: .customLong("lease-ttl"),
    help:
      "How long the lease lasts without a heartbeat (1s to 10m; default: [controller] lease_ttl, else 5s).")
  var leaseTTL: String?

  @Option(
    help:
      "Time between two lease renewals, or a standby's attempts (100ms to 1m, at most half the TTL; default: [controller] heartbeat, else 1s)."
  )
  var heartbeat: String?

  @Option(
    name: .customLong("rollout-interval"),
    help: "Time between two rollout rounds (100ms to 1h; default: [controller] rollout_interval, else 2s).")
  var rolloutInterval: String?

  @Option(
    name: .customLong("analysis-window"),
    help:
      "Each analysis judges the artefact's requests over this long before now (1s to 31 days; default: [controller] analysis_window, else 2m)."
  )
  var analysisWindow: String?

  @Flag(
    help: ArgumentHelp(
      "Run the demo's world headless: its simulated traffic, rules, SLOs and story rollout.",
      discussion: """
        The workspace (default ./.flightdeck-demo) is seeded as `flightdeck demo` seeds it when it has \
        no registry; the lease holder writes the simulated traffic, following the registry, to \
        WORKSPACE/demo-telemetry (a standby that takes over carries it on) and follows it; the demo's \
        alert rules and SLOs are evaluated unless --config names rules or SLOs of its own (its \
        notification receivers are used as they are). Open a dashboard on it with \
        `flightdeck dashboard --workspace WORKSPACE WORKSPACE/demo-telemetry`.
        """))
  var demo = false

  @OptionGroup var input: TelemetryInputOptions
  @OptionGroup var log: LogOptions

  func validate() throws {
    if let config = input.config { try ConfigPathCheck.validate(config) }
    if let listen {
      do {
        _ = try ReceiverListenAddress(parsing: listen)
      } catch {
        throw ValidationError("--listen: \(error)")
      }
    }
    if let resolveListen {
      do {
        _ = try ReceiverListenAddress(parsing: resolveListen)
      } catch {
        throw ValidationError("--resolve-listen: \(error)")
      }
    }
    if let otlpListen {
      do {
        _ = try ReceiverListenAddress(parsing: otlpListen)
      } catch {
        throw ValidationError("--otlp-listen: \(error)")
      }
    } else if dataDir != nil || tokenFile != nil {
      throw ValidationError("--data-dir and --token-file go with --otlp-listen")
    }
    if let leaseTTL { _ = try OptionValue.duration(leaseTTL, "--lease-ttl", OptionBounds.leaseTTL) }
    if let heartbeat { _ = try OptionValue.duration(heartbeat, "--heartbeat", OptionBounds.leaseHeartbeat) }
    if let rolloutInterval {
      _ = try OptionValue.duration(rolloutInterval, "--rollout-interval", OptionBounds.driveInterval)
    }
    if let analysisWindow {
      _ = try OptionValue.duration(analysisWindow, "--analysis-window", OptionBounds.analysisWindow)
    }
  }

  func run() throws {
    try InputPathCheck.check(paths)
    var (options, config): (EngineOptions, FlightDeckConfiguration)
    let choice: ConfigurationChoice
    do {
      // The workspace's own configuration over the operator's config.toml (ConfigurationChoice).
      (options, choice) = try input.engineOptions(
        format: nil, workspace: workspace,
        defaultWorkspace: demo ? ".flightdeck-demo" : RegistryWorkspace.defaultDirectory)
      config = choice.configuration
    } catch let e as ValidationError {
      throw e
    } catch {
      throw CLIError("\(error)")
    }
    // Log lines name followed paths and receivers' errors: sanitised before they reach the terminal.
    try log.bootstrapStandardError(config.log)
    let ws = RegistryWorkspace(
      directory: choice.workspaceDirectory,
      store: try CLIError.wrapping { try StoreLocation.chosen(option: store, configuration: config.store) })
    let clock = SystemClock()
    var demoScenario: Scenario?
    if demo {
      let scenario = try CLIError.wrapping { try Scenario.load(path: nil) }
      _ = try DemoCommand.prepareWorkspace(ws, fresh: false, scenario: scenario, clock: clock, backends: .cli)
      if config.alerts.rulesPath == nil && config.alerts.slos.isEmpty {
        config.alerts = DemoCommand.demoConfiguration().alerts
      }
      if input.since == nil { options.sinceMs = max(options.sinceMs, 15 * 60_000) }
      demoScenario = scenario
    }
    let registry = try CLIError.wrapping {
      try ws.open(clock: clock, policy: config.riskPolicy, gatePolicy: config.gatePolicy, backends: .cli)
    }
    guard let leases = registry as? any ControllerLeaseStore else {
      throw CLIError("the store \(ws.storeLocation) keeps no controller lease; `serve` needs one")
    }
    // Alert rules and SLOs: a bad rules file is refused here, before anything runs.
    let alertsConfig = config.alerts
    let groups = try ServeCommand.alertRuleGroups(alertsConfig)
    let logger = Logger(label: "flightdeck.serve")
    var services: [any Service] = []
    var patterns = paths + config.controller.telemetry
    let demoFolder = (ws.directory as NSString).appendingPathComponent("demo-telemetry")
    if demo { patterns.append(demoFolder) }
    // `/metrics`: the receiver's and the sender's counters, for the process's life.
    let receiverMetrics = OTLPReceiverPrometheusMetrics()
    let notificationMetrics = NotificationPrometheusMetrics()
    var receiving = false
    if let otlpListen {
      receiving = true
      let receiver = try CLIError.wrapping {
        try DataFolderReceiver(
          settings: config.receiver, listen: try ReceiverListenAddress(parsing: otlpListen),
          dataDirectory: dataDir, tokenFile: tokenFile, workspace: ws.directory, mapping: options.otlpMapping,
          prices: options.prices, logger: Logger(label: "flightdeck.otlp-receiver"), observer: receiverMetrics
        )
      }
      patterns.append(receiver.folder.options.directory)
      services.append(receiver)
    }
    // The notification sender: a `ControllerWork` made in `makeWork` below,
    // so that only the lease holder delivers (a standby sends nothing).
    let notificationsConfig = config.notifications
    var outbox: (any NotificationOutboxStore)?
    var secrets = NotificationSecrets()
    if notificationsConfig.route != nil {
      outbox = try NotificationsOutbox.of(registry)
      secrets = try CLIError.wrapping {
        try NotificationSecrets.load(notificationsConfig, configFile: input.config ?? "")
      }
    }
    // Its HTTP client must be shut down before it goes (async-http-client's rule): at the end of run().
    let transport = outbox == nil ? nil : HTTPNotificationTransport()
    defer { if let transport { ServeCommand.shutDown(transport) } }
    let notificationOutbox = outbox
    let notificationSecrets = secrets
    // The routing publisher: also lease-holder work, so only the holder writes the targets.
    let routingConfig = config.routing
    let routingOutbox = routingConfig.targets.isEmpty ? nil : try RoutingOutboxOf.of(registry)
    // `/metrics`: the telemetry counted by the engine of the lease holder.
    let metricsSlot = TelemetryMetricsSlot()

    // The options win over [controller], which wins over the defaults.
    let controllerConfig = config.controller
    let ttlMs = leaseTTL.flatMap(DurationText.milliseconds) ?? controllerConfig.leaseTTLMs
    let beatMs = heartbeat.flatMap(DurationText.milliseconds) ?? controllerConfig.heartbeatMs
    guard beatMs * 2 <= ttlMs else {
      throw ValidationError(
        "the heartbeat (\(DurationText.format(beatMs))) must be at most half of the lease TTL (\(DurationText.format(ttlMs)))"
      )
    }
    let settings = ControllerLeaseSettings(ttlMs: ttlMs, heartbeatMs: beatMs)
    let holder = ControllerLeaseHolder(
      host: ProcessInfo.processInfo.hostName, pid: Int64(getpid()), instance: UUID().uuidString.lowercased())
    let roundMs = rolloutInterval.flatMap(DurationText.milliseconds) ?? controllerConfig.rolloutIntervalMs
    let windowMs = analysisWindow.flatMap(DurationText.milliseconds) ?? controllerConfig.analysisWindowMs
    let probeAddress = try listen.map { try ReceiverListenAddress(parsing: $0) } ?? controllerConfig.listen
    let follow = patterns
    let scenario = demoScenario
    // No screen: the metrics store keeps only what the rules read, not the dashboard's hour.
    let engineOptions = {
      var o = options
      o.fitMetricsToController(AlertEngine(configuration: alertsConfig, groups: groups))
      return o
    }()
    let makeWork: @Sendable () -> [any ControllerWork] = {
      var work: [any ControllerWork] = []
      if let scenario {
        do {
          work.append(
            try DemoTrafficWork(
              folder: demoFolder, scenario: scenario, seed: 1,
              epoch: (try? leases.controllerLease())?.epoch ?? 0, registry: registry, workspace: ws.directory)
          )
        } catch {
          ServeCommand.say("flightdeck serve: \(error)")
        }
      }
      work += [
        RolloutController(
          store: registry, clock: clock, intervalMs: roundMs,
          samples: { artefact in
            let files = (try? TelemetryPaths.expand(follow)) ?? follow
            return try? AnalysisSampleCollector.collect(paths: files, artefact: artefact, windowMs: windowMs)
              .collector
          })
      ]
      if !follow.isEmpty {
        // Made at each takeover: the engine starts from the alert state the store holds.
        let alerts = AlertEngine(
          configuration: alertsConfig, groups: groups, restoring: (try? registry.alertInstances()) ?? [])
        let engine = DashboardEngine(
          patterns: follow, options: engineOptions, clock: clock, logger: Logger(label: "flightdeck.engine"),
          alerts: alerts)
        let metrics = metricsSlot.replace()
        engine.recordObserver = { metrics.observe($0) }
        engine.sourceObserver = metrics
        work.append(
          AlertControllerWork(
            engine: engine, keeper: AlertKeeper(configuration: alertsConfig, store: registry), clock: clock))
      }
      if let notificationOutbox, let transport,
        let sender = try? NotificationSender(
          store: notificationOutbox, configuration: notificationsConfig, secrets: notificationSecrets,
          transport: transport, clock: clock)
      {
        work.append(NotificationControllerWork(sender: sender, clock: clock, observer: notificationMetrics))
      }
      if let routingOutbox {
        work.append(
          RoutingControllerWork(
            publisher: RoutingPublisher(store: routingOutbox, configuration: routingConfig, clock: clock),
            clock: clock))
      }
      return work
    }
    let board = ServeStatusBoard(holder: holder)
    let controller = ControllerLoopService(
      makeLoop: {
        ControllerLoop(
          keeper: ControllerLeaseKeeper(store: leases, holder: holder, clock: clock, settings: settings),
          makeWork: makeWork)
      },
      onTurn: { turn in
        if !turn.acted { metricsSlot.clear() }
        for line in board.record(turn, now: clock.now()) { ServeCommand.say(line) }
      },
      onStop: { error in
        if let error {
          ServeCommand.say(
            "flightdeck serve: the lease could not be released (\(error)); it lapses at its expiry")
        } else {
          ServeCommand.say("flightdeck serve: stopped; lease released")
        }
      },
      onHeartbeat: { step in
        // Renewals (and failures) while a long turn runs: the probes stay current.
        // A loss is reported by the loop's next turn.
        if case .lost = step { return }
        for line in board.record(ControllerLoop.Turn(lease: step, acted: true, lines: []), now: clock.now()) {
          ServeCommand.say(line)
        }
      })
    let exposeReceiver = receiving
    let probes = ControllerHealthServer(
      listen: probeAddress, logger: logger,
      readiness: { board.probe(now: clock.now()) },
      metrics: {
        // The telemetry the holder's engine counted, the receiver's and the
        // sender's counters, then the state the store holds now.
        metricsSlot.exposition()
          + (exposeReceiver ? receiverMetrics.exposition() : [])
          + (notificationOutbox == nil ? [] : notificationMetrics.exposition())
          + ControllerStateMetrics.exposition(
            registry: try? registry.snapshot(), alerts: try? registry.alertInstances(),
            leaseHeld: board.holdsLease(now: clock.now()),
            outbox: try? notificationOutbox?.notificationOutboxCounts())
      }
    )
    services.append(probes)
    // The resolve API: read-only, answered by any instance, holder or standby.
    let resolveAddress =
      try resolveListen.map { try ReceiverListenAddress(parsing: $0) }
      ?? controllerConfig.resolveListen
    if let resolveAddress {
      let token = try (resolveTokenFile ?? controllerConfig.resolveTokenFile).map { path in
        try CLIError.wrapping { try OTLPReceiverToken.read(contentsOf: path) }
      }
      services.append(
        try CLIError.wrapping {
          try ResolveServer(listen: resolveAddress, store: registry, bearerToken: token)
        })
      ServeCommand.say(
        "flightdeck serve: resolve API on \(resolveAddress)\(token == nil ? "" : " (bearer token required)")")
    }
    ServeCommand.say(
      "flightdeck serve: \(holder.displayName) instance \(holder.instance) on \(ws.storeLocation); probes on \(probeAddress); "
        + "lease TTL \(DurationText.format(ttlMs)), heartbeat \(DurationText.format(beatMs))")
    do {
      try ControllerServiceGroup.runBlocking(controller: controller, services: services, logger: logger)
    } catch {
      throw CLIError("flightdeck serve stopped: \(error)")
    }
  }

  /// The rules file's groups (none without one).
  /// - Throws: `CLIError` listing every error of a bad rules file.
  static func alertRuleGroups(_ configuration: AlertConfiguration) throws -> [AlertRuleGroup] {
    guard let path = configuration.rulesPath else { return [] }
    do {
      return try AlertRulesLoader.load(path: path)
    } catch let e as AlertRulesFileError {
      throw CLIError(
        "alert rules refused (\(e.errors.count) error\(e.errors.count == 1 ? "" : "s"), every one as `flightdeck rules check` prints them): "
          + e.errors.map(\.description).joined(separator: "; "))
    }
  }

  /// Shuts `transport`'s HTTP client down, waiting for it (requests in
  /// flight end; their events come back when their claim ends).
  static func shutDown(_ transport: HTTPNotificationTransport) {
    let done = DispatchSemaphore(value: 0)
    Task {
      try? await transport.shutdown()
      done.signal()
    }
    done.wait()
  }

  /// One sanitised line on standard output, flushed (a supervisor's log).
  static func say(_ line: String) {
    FileHandle.standardOutput.write(Data((Sanitizer.sanitize(line) + "\n").utf8))
  }
}
