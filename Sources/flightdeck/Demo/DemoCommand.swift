import ArgumentParser
import FlightDeckCore
import FlightDeckNetwork
import FlightDeckTUI
import Foundation

/// `flightdeck demo`: the simulator on the built-in scenario, into a
/// temporary folder, with the dashboard on it.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Simulate canary traffic into a temporary folder and open the dashboard on it.",
    discussion: """
      Generates five minutes of history at once, then live traffic in real time: five artefacts, \
      a rollout of rag-answer's prompt p8 that the demo starts when the screen opens (5 → 25 → 50 %, \
      judged by the canary judge after each step) and that degrades 100 s later at 50 % — the judge \
      fails it and the rollout aborts, with the reasons in the Canary pane (Enter) — a shadow \
      deployment, a support-bot canary awaiting approval and an artefact with no price. The status \
      line names the folder when the screen opens, and the demo names it again on exit, when it is \
      removed (also when the terminal closes under it: tmux kill-session, a dropped SSH connection). \
      Its alert rules and SLOs are written to the workspace's flightdeck.toml, so `retro` and `kpi` \
      with --workspace use them.

      The registry lives in a workspace (default ./.flightdeck-demo), created and seeded on first \
      run to match the simulated traffic: production and canary pointers, a past of approved \
      promotions, one artefact left unregistered, and a pending promotion of support-bot v13 that \
      needs two approvals. The simulated traffic follows the registry: approve the promotion and \
      production traffic moves to v13; roll back and it returns. The workspace is kept on exit so \
      its audit log can be exported; --fresh seeds it again. Rollouts started on the workspace \
      (`flightdeck rollout start … --workspace .flightdeck-demo`) are ticked and judged by the demo \
      itself.

      Every decision is published, as `flightdeck serve` publishes it, to two routing targets in the \
      workspace's own routing folder: a LiteLLM router configuration (routing/litellm.yaml) and an \
      OpenFeature flagd flag file (routing/flags.json), each written atomically within a second of the \
      decision. The simulated traffic routes by what routing/litellm.yaml says, read back as a router \
      reads it: approve the promotion and the file, then the traffic, move to v13; edit the file by hand \
      and the header shows the drift (read back every 2 s) and the traffic follows the edit until \
      `flightdeck routing publish ARTEFACT --workspace .flightdeck-demo` writes FlightDeck's state back. \
      A decision taken while no demo runs (or in a demo killed before it published) is published when \
      the next demo opens. --resolve-listen 127.0.0.1:PORT also serves the resolve API on that loopback \
      address while the demo runs (GET /v1/artefacts/NAME/pointers/production, /routing).
      """)

  @Option(
    help: "Scenario file (TOML). Default: the built-in scenario.", completion: .file(extensions: ["toml"]))
  var scenario: String?

  @Option(
    help: "Random seed for the simulated traffic (0 to 2^64-1, default 1).", transform: OptionValue.seed)
  var seed: UInt64 = 1

  @Option(help: "The demo's registry workspace (created and seeded when missing).", completion: .directory)
  var workspace: String = ".flightdeck-demo"

  @Flag(help: "Delete the demo workspace's registry first and seed it again.")
  var fresh = false

  @Option(
    name: .customLong("resolve-listen"),
    help:
      "Serve the resolve API (read-only) on this loopback HOST:PORT while the demo runs, e.g. 127.0.0.1:9466."
  )
  var resolveListen: String?

  @OptionGroup var display: DisplayOptions
  @OptionGroup var log: LogOptions

  func validate() throws {
    if let scenario { try ConfigPathCheck.validate(scenario, option: "--scenario") }
    if let resolveListen {
      let address: ReceiverListenAddress
      do {
        address = try ReceiverListenAddress(parsing: resolveListen)
      } catch {
        throw ValidationError("--resolve-listen: \(error)")
      }
      guard address.isLoopback else {
        throw ValidationError(
          "--resolve-listen: the demo serves the resolve API on loopback only (127.0.0.1, ::1, localhost); "
            + "`flightdeck serve --resolve-listen --resolve-token-file` serves it beyond")
      }
    }
  }

  func run() throws {
    // No screen, no demo: refused before the workspace is seeded or telemetry written.
    try DashboardSession.requireTerminal()
    let loaded = try CLIError.wrapping { try Scenario.load(path: scenario) }
    var template = "/tmp/flightdeck-demo-XXXXXX".utf8CString
    guard let dirPointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      throw CLIError("cannot create a temporary folder in /tmp: \(String(cString: strerror(errno)))")
    }
    let dir = String(cString: dirPointer)
    defer { try? FileManager.default.removeItem(atPath: dir) }

    // Five minutes of history written before the screen opens, then real time.
    let backfillMs: Int64 = 5 * 60_000
    let start = SystemClock().now().adding(milliseconds: -backfillMs)
    var simulator = TrafficSimulator(scenario: loaded, seed: seed, start: start)
    do {
      let writer = try RotatingJSONLWriter(directory: URL(fileURLWithPath: dir))
      try writer.write(simulator.records(until: start.adding(milliseconds: backfillMs)))
      writer.close()
    } catch {
      throw CLIError("\(error)")
    }
    // A bad keymap is refused here, before the demo workspace is touched.
    let keyMap = try display.keyMap()
    // The operator's own config.toml, read once: its log level and file, and its mouse setting.
    let userConfiguration = try CLIError.wrapping { try UserConfigurationFile.load() }
    let logPath = try log.bootstrapFile(userConfiguration?.log ?? LogConfiguration())
    let clock = SystemClock()
    let ws = RegistryWorkspace(directory: workspace)
    let (followed, hint) = try Self.prepareWorkspace(
      ws, fresh: fresh, scenario: loaded, clock: clock, routing: true)
    let story = try Self.startStoryRollouts(loaded, store: followed, workspace: workspace)
    var configuration = Self.demoConfiguration()
    configuration.routing = DemoRouting.configuration(ws)
    if !display.readOnly { try DemoRouting.prepare(ws, store: followed, clock: clock) }
    let resolve = try resolveListen.map { text in
      try CLIError.wrapping {
        try BackgroundResolveServer(
          listen: try ReceiverListenAddress(parsing: text),
          store: try ws.open(clock: clock, policy: .standard, readOnly: true))
      }
    }
    defer { resolve?.stop() }
    let producer = DemoProducer(
      runner: SimulationRunner(simulator: simulator, speed: 1, backfillMs: backfillMs), directory: dir,
      registry: followed, followed: DemoRouting.followedTarget(ws))
    let thread = Thread { producer.run() }
    thread.start()
    defer { producer.stopAndWait() }
    var options = EngineOptions()
    options.sinceMs = 15 * 60_000
    let status = try DashboardSession.run(
      patterns: [dir], options: options, themeChoice: display.theme, readOnly: display.readOnly,
      registry: DashboardRegistry(
        workspace: RegistryWorkspace(directory: workspace), configuration: configuration,
        readOnly: display.readOnly),
      clock: clock,
      banner: "demo: telemetry in \(dir); "
        + ([story, hint].compactMap { $0 }.joined(separator: "; "))
        + "; routing published to \(workspace)/routing"
        + (resolve.map { "; resolve API on http://\(Self.host(resolveListen)):\($0.port)" } ?? "")
        + " — ? for keys",
      driveRollouts: true,
      rolloutWindowMs: loaded.rollouts.map(\.windowMs).max() ?? 120_000,
      knownOperators: DemoRegistrySeed.operators.map(\.name), keyMap: keyMap,
      mouse: display.mouse(configuration: userConfiguration), logPath: logPath)
    print("demo telemetry was in \(dir) (removed now; `flightdeck simulate --out DIR` keeps one)")
    print("demo registry kept in \(workspace): flightdeck audit verify --workspace \(workspace)")
    print(
      "demo routing files kept in \(DemoRouting.folder(ws)): flightdeck routing status --check --workspace \(workspace)"
    )
    if status != 0 { throw ExitCode(status) }
  }

  /// The host part of a `--resolve-listen` address, bracketed when it is IPv6.
  static func host(_ listen: String?) -> String {
    guard let listen, let address = try? ReceiverListenAddress(parsing: listen) else { return "127.0.0.1" }
    return address.host.contains(":") ? "[\(address.host)]" : address.host
  }

  /// Starts the scenario's story rollouts (``Scenario/rollouts``) as
  /// `alice`, the seeded release manager.
  /// - Returns: the status-line text that announces them, or `nil` when
  ///   the scenario has none.
  /// - Throws: `CLIError` when the store refuses for a reason other than
  ///   those ``DemoRegistrySeed/startRollouts(_:scenario:as:)`` skips.
  static func startStoryRollouts(_ scenario: Scenario, store: any RegistryStore, workspace: String) throws
    -> String?
  {
    guard !scenario.rollouts.isEmpty else { return nil }
    do {
      let results = try DemoRegistrySeed.startRollouts(
        store, scenario: scenario, as: DemoRegistrySeed.operators[0])
      let parts = results.map { r in
        if let started = r.started {
          return "\(started.displayID) \(r.artefact) \(started.plan.canaryVersion) started "
            + "(\(started.plan.steps.compactMap { if case .setWeight(let w) = $0 { "\(w)" } else { nil } }.joined(separator: "→")) %)"
        }
        return "\(r.artefact): \(r.skipped ?? "not started")"
      }
      return parts.joined(separator: "; ")
    } catch let e as RegistryError {
      throw CLIError("demo workspace \(workspace): \(e.message)")
    }
  }

  /// Creates and seeds the demo workspace `ws` when it has no registry (or
  /// when `fresh`), writes the demo's rules and SLOs into its
  /// `flightdeck.toml` (and, with `routing`, its routing targets:
  /// `flightdeck demo` publishes to them, `serve --demo` does not), and
  /// opens it for the traffic producer to follow.
  /// - Returns: the store, and the status-line text for the pending request.
  /// - Throws: `CLIError` when the workspace cannot be created or opened.
  static func prepareWorkspace(
    _ ws: RegistryWorkspace, fresh: Bool, scenario: Scenario, clock: SystemClock,
    backends: StoreBackends = .embedded, routing: Bool = false
  ) throws -> (any RegistryStore, String) {
    let workspace = ws.directory
    do {
      if fresh {
        for file in ws.storeFiles() { try? FileManager.default.removeItem(atPath: file) }
      }
      if try !ws.storeExists() {
        let now = clock.now()
        let seedClock = ManualClock(start: now.adding(milliseconds: -14 * 86_400_000))
        let store = try ws.create(
          clock: seedClock, policy: .standard, actor: DemoRegistrySeed.operators[0], backends: backends)
        _ = try DemoRegistrySeed.seed(store, scenario: scenario, clock: seedClock, now: now)
      }
      try DemoWorkspaceConfiguration.write(into: ws, routing: routing)
      let store = try ws.open(clock: clock, policy: .standard, backends: backends)
      let snapshot = try store.snapshot()
      let pending = snapshot.requests.filter { $0.state == .pending }.sorted { $0.id < $1.id }.first
      let hint =
        pending.map {
          "\($0.displayID) \($0.artefact) \($0.version) needs \(PaneFormat.count($0.rule.approvals, "approval")) "
            + "(select it, press a)"
        } ?? "registry in \(workspace)"
      return (store, hint)
    } catch let e as RegistryError {
      throw CLIError("demo workspace \(workspace): \(e.message)")
    }
  }

  /// The demo's configuration: the bundled alert rules
  /// (`Resources/default-alerts.yml`: the canary page alert, a latency
  /// ticket, ingest errors), availability SLOs over 30 days — rag-answer
  /// 99 %, support-bot (an agent calling tools, 1 % of whose requests fail or
  /// time out) 98 % — with the SRE Workbook burn-rate alerts, a latency SLO
  /// of rag-answer (95 % of requests within 5 s: its p95 is about 3.2 s, so
  /// it holds even while p8 degrades, and gives `K` a latency attainment),
  /// and `page` alerts opening incidents.
  static func demoConfiguration() -> FlightDeckConfiguration {
    var c = FlightDeckConfiguration()
    c.alerts.rulesPath = AlertRulesLoader.defaultRulesURL?.path
    c.alerts.evaluationIntervalMs = 5_000
    c.alerts.incidentSeverities = ["page"]
    c.alerts.slos = [("rag-answer", 99.0), ("support-bot", 98.0)].map {
      SLODefinition(name: "availability", artefact: $0.0, kind: .availability, objectivePercent: $0.1)
    }
    c.alerts.slos.append(
      SLODefinition(
        name: "latency", artefact: "rag-answer", kind: .latency, objectivePercent: 95, thresholdMs: 5000))
    return c
  }
}
