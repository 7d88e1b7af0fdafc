import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck dashboard`: the live dashboard on real telemetry.
struct DashboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dashboard",
    abstract: "Open the live dashboard on telemetry files, globs or directories.",
    discussion: """
      Follows the files through rotation and truncation. Keys: ? for help, q to quit. \
      A file whose records are all older than --since is shown as of its newest record. A file that \
      does not exist yet is waited for, but its directory (or a glob's directory) must exist.
      """)

  @Argument(help: "Telemetry files, globs or directories (FlightDeck JSON Lines or OTLP/JSON).")
  var paths: [String]

  @Option(help: "Telemetry format: auto (detect per line), flightdeck or otlp.")
  var format: String?

  @Option(help: "The registry workspace (default: the config's `workspace`, else ./.flightdeck).")
  var workspace: String?

  @Flag(
    name: .customLong("drive-rollouts"),
    help: ArgumentHelp(
      "Tick and judge the workspace's running rollouts from this dashboard.",
      discussion:
        "Analysis steps are judged on the telemetry files and folders given (globs are not expanded for the judge)."
    ))
  var driveRollouts = false

  @OptionGroup var input: TelemetryInputOptions
  @OptionGroup var display: DisplayOptions

  func validate() throws {
    if let config = input.config { try ConfigPathCheck.validate(config) }
  }

  func run() throws {
    try InputPathCheck.check(paths)
    let (options, config): (EngineOptions, FlightDeckConfiguration)
    do {
      (options, config) = try input.engineOptions(format: format)
    } catch let e as ValidationError {
      throw e
    } catch {
      throw CLIError("\(error)")
    }
    let status = try DashboardSession.run(
      patterns: paths, options: options, themeChoice: display.theme ?? config.theme,
      readOnly: display.readOnly,
      registry: DashboardRegistry(
        workspace: RegistryWorkspace(
          directory: workspace ?? config.workspace ?? RegistryWorkspace.defaultDirectory),
        configuration: config, readOnly: display.readOnly),
      driveRollouts: driveRollouts)
    if status != 0 { throw ExitCode(status) }
  }
}
