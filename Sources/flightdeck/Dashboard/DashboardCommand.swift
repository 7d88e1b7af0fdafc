import ArgumentParser
import FlightDeckCore
import FlightDeckNetwork
import FlightDeckTUI
import Foundation
import Logging

/// `flightdeck dashboard`: the live dashboard on real telemetry.
struct DashboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dashboard",
    abstract: "Open the live dashboard on telemetry files, globs or directories.",
    discussion: """
      Follows the files through rotation and truncation. Keys: ? for help, q to quit. \
      A file whose records are all older than --since is shown as of its newest record. \
      A file that vanishes (rotated away) is waited for; a path or glob that matches nothing at the start is an error.

      --replay INC-n replays an incident for a retrospective: the screen's clock runs from \
      --replay-lead before the incident's first alert (or its opening) to its resolution at --speed \
      times real time, the telemetry of the files given appears as its timestamps are reached, the \
      alert rules are evaluated again on it, and the incident's timeline (Incidents pane, Enter) shows \
      each event when the replay reaches it. Every pane shows the registry, rollouts, alerts, silences \
      and incidents as they stood at the replay clock (rebuilt from the audit log). The workspace is \
      opened read-only; nothing is written.

      Without --config, the workspace's own flightdeck.toml is read when it has one (seeded demo \
      workspaces do: the demo's alert rules and SLOs), live and in a replay.
      """)

  @Argument(help: "Telemetry files, globs or directories (FlightDeck JSON Lines or OTLP/JSON).")
  var paths: [String] = []

  @Option(
    name: .customLong("otlp-listen"),
    help: ArgumentHelp(
      "Also receive OTLP/HTTP traces on HOST:PORT (e.g. 127.0.0.1:4318) and show them.",
      discussion:
        "Received spans are written durably to the data folder (--data-dir) and the screen follows that "
        + "folder, so replay DATA_DIR sees what the screen saw. Beyond loopback --token-file is required."))
  var otlpListen: String?

  @Option(
    name: .customLong("data-dir"),
    help: "With --otlp-listen: the data folder (default: [receiver] data_dir, else <workspace>/telemetry).")
  var dataDir: String?

  @Option(
    name: .customLong("token-file"), help: "With --otlp-listen: a file holding the bearer token (chmod 600).")
  var tokenFile: String?

  @Option(
    name: .customLong("input-format"),
    help: "Telemetry format: auto (detect per file and line), flightdeck, otlp, litellm or langfuse.")
  var inputFormat: String?

  /// The old spelling of `--input-format` (`--format` names an output
  /// everywhere else), still read so that scripts keep working; not shown.
  @Option(name: .customLong("format"), help: .hidden)
  var legacyFormat: String?

  /// `--input-format`, else the old `--format`.
  var format: String? { inputFormat ?? legacyFormat }

  @Option(help: "The registry workspace (default: the config's `workspace`, else ./.flightdeck).")
  var workspace: String?

  @Option(
    help: ArgumentHelp(
      "Where the store is: sqlite:PATH or postgres://USER@HOST/DATABASE (default: $FLIGHTDECK_STORE, else the config's `store`, else the workspace folder's own file).",
      valueName: "url"))
  var store: String?

  @Flag(
    name: .customLong("drive-rollouts"),
    help: ArgumentHelp(
      "Tick and judge the workspace's running rollouts from this dashboard.",
      discussion:
        "Analysis steps are judged on the telemetry files, folders and globs given."
    ))
  var driveRollouts = false

  @Option(help: "Replay incident INC-n's telemetry and timeline on the screen (read-only).")
  var replay: String?

  @Option(
    help: "Replayed seconds per real second with --replay (more than 0, at most 10000).",
    transform: OptionValue.decimal(OptionBounds.replaySpeed))
  var speed: Double = 10

  @Option(
    name: .customLong("replay-lead"),
    help: "How long before the incident's first alert a replay starts (at most 31 days).")
  var replayLead: String = "5m"

  @OptionGroup var input: TelemetryInputOptions
  @OptionGroup var display: DisplayOptions
  @OptionGroup var log: LogOptions

  func validate() throws {
    if let config = input.config { try ConfigPathCheck.validate(config) }
    if inputFormat != nil && legacyFormat != nil {
      throw ValidationError("give --input-format once (--format is its old name)")
    }
    if let otlpListen {
      do {
        _ = try ReceiverListenAddress(parsing: otlpListen)
      } catch {
        throw ValidationError("--otlp-listen: \(error)")
      }
      if replay != nil { throw ValidationError("--otlp-listen cannot be combined with --replay") }
    } else {
      if paths.isEmpty {
        throw ValidationError("give telemetry files, globs or directories, or --otlp-listen")
      }
      if dataDir != nil || tokenFile != nil {
        throw ValidationError("--data-dir and --token-file go with --otlp-listen")
      }
    }
    if let replay {
      _ = try OptionValue.check {
        try OptionBounds.identifier(replay, prefix: "INC", noun: "incident", option: "--replay")
      }
    }
    _ = try OptionValue.duration(replayLead, "--replay-lead", OptionBounds.timelineLead)
  }

  func run() throws {
    try InputPathCheck.check(paths)
    // Refused before a receiver binds or a workspace is opened.
    try DashboardSession.requireTerminal()
    // Without --config, the workspace's own configuration (a seeded demo
    // workspace has its alert rules and SLOs there), live and in a replay alike,
    // over the operator's own config.toml, which may name the workspace (ConfigurationChoice).
    let (options, choice): (EngineOptions, ConfigurationChoice)
    do {
      (options, choice) = try input.engineOptions(format: format, workspace: workspace)
    } catch let e as ValidationError {
      throw e
    } catch {
      throw CLIError("\(error)")
    }
    let config = choice.configuration
    let logPath = try log.bootstrapFile(config.log)
    // A bad keymap is refused here, before the screen starts.
    let keyMap = try display.keyMap()
    let ws = RegistryWorkspace(
      directory: choice.workspaceDirectory,
      store: try CLIError.wrapping { try StoreLocation.chosen(option: store, configuration: config.store) })
    if let replay {
      try runReplay(replay, workspace: ws, options: options, config: config, keyMap: keyMap, logPath: logPath)
      return
    }
    // --otlp-listen: the receiver runs beside the screen, which follows its data folder.
    var patterns = paths
    var banner: String?
    var receiving: DataFolderReceiverRun?
    if let otlpListen {
      let service = try CLIError.wrapping {
        try DataFolderReceiver(
          settings: config.receiver, listen: try ReceiverListenAddress(parsing: otlpListen),
          dataDirectory: dataDir, tokenFile: tokenFile, workspace: ws.directory, mapping: options.otlpMapping,
          prices: options.prices,
          // To the log file (bootstrapped above): the terminal belongs to the screen.
          logger: Logger(label: "flightdeck.otlp-receiver"))
      }
      let run: DataFolderReceiverRun
      do {
        run = try service.startInBackground()
      } catch {
        throw CLIError("--otlp-listen: cannot listen on \(service.listen): \(error)")
      }
      receiving = run
      patterns.append(service.folder.options.directory)
      banner =
        "receiving OTLP on \(service.tracesURL(port: run.port)), writing to \(service.folder.options.directory)"
    }
    defer { receiving?.stop() }
    let status = try DashboardSession.run(
      patterns: patterns, options: options, themeChoice: display.theme ?? config.theme,
      readOnly: display.readOnly,
      registry: DashboardRegistry(workspace: ws, configuration: config, readOnly: display.readOnly),
      banner: banner, driveRollouts: driveRollouts, keyMap: keyMap,
      mouse: display.mouse(configuration: config), logPath: logPath)
    if status != 0 { throw ExitCode(status) }
  }

  /// `--replay INC-n`: the incident's window through the same screen, on a
  /// ``ReplayClock``, the engine holding each record until the clock reaches
  /// it, the workspace read-only.
  /// - Throws: `CLIError` for an unknown incident or an unreadable workspace.
  private func runReplay(
    _ text: String, workspace: RegistryWorkspace, options: EngineOptions, config: FlightDeckConfiguration,
    keyMap: KeyMap, logPath: String
  ) throws {
    let id = Incident.parseID(text) ?? 0
    let incident: Incident
    do {
      incident = try workspace.open(clock: SystemClock()).incident(id: id)
    } catch let e as RegistryError {
      throw CLIError("--replay: \(e.message)")
    }
    let lead = DurationText.milliseconds(replayLead) ?? 300_000
    let (start, end) = IncidentTimeline.window(of: incident, now: SystemClock().now(), leadMs: lead)
    let clock = ReplayClock(start: start, end: end, speed: speed)
    var replayOptions = options
    replayOptions.holdRecordsAfterClock = true
    let banner =
      "replay of \(incident.displayID) (\(incident.severity.rawValue)) \(start.rfc3339) → \(end.rfc3339) at "
      + "\(speed.formatted())×: the timeline (Incidents pane, Enter) fills in as it happened — q quits"
    let status = try DashboardSession.run(
      patterns: paths, options: replayOptions, themeChoice: display.theme ?? config.theme, readOnly: true,
      registry: DashboardRegistry(workspace: workspace, configuration: config, readOnly: true, replay: true),
      clock: clock,
      banner: banner, replayLabel: "REPLAY \(incident.displayID) ×\(speed.formatted())", replayEnd: end,
      keyMap: keyMap, mouse: display.mouse(configuration: config), logPath: logPath)
    if status != 0 { throw ExitCode(status) }
  }
}
