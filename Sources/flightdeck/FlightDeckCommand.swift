import ArgumentParser
import Foundation

/// The `flightdeck` command line.
///
/// Exit codes: 0 success; 1 runtime failure (unreadable file, bad config,
/// terminal error); 64 bad arguments (ArgumentParser's validation code);
/// 128 + signal number after SIGHUP (129) and SIGTERM (143); 130 after Ctrl-C.
@main
struct FlightDeckCommand: ParsableCommand {
  /// The release, printed by `flightdeck --version` (semantic versioning).
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "flightdeck",
    abstract: "A terminal dashboard for the lifecycle of models, prompts and agents.",
    discussion: """
      Tails FlightDeck JSON Lines and OpenTelemetry OTLP/JSON (GenAI) telemetry and shows live \
      latency, error rate, cost and canary splits in one screen.
      Start with `flightdeck demo`.
      """,
    version: version,
    subcommands: [
      DemoCommand.self, DashboardCommand.self, SimulateCommand.self, ReplayCommand.self,
      RenderCommand.self,
    ])

  /// Parses the arguments and runs the chosen subcommand.
  ///
  /// Like ArgumentParser's own `main()`, except for a `ValidationError`
  /// thrown from a subcommand's `run()` (e.g. a bad `--since`, checked only
  /// once the configuration is loaded): ArgumentParser would print the root
  /// usage (`Usage: flightdeck <subcommand>`); this prints the subcommand's
  /// usage, as for an error from `validate()`, and exits 64.
  static func main() {
    var command: ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      exit(withError: error)
    }
    do {
      try command.run()
    } catch let error as ValidationError {
      let sub = type(of: command)
      let name = sub.configuration.commandName ?? "\(sub)"
      let usage = usageString(for: sub)
      let text =
        "Error: \(error.message)\nUsage: \(usage)\n  See 'flightdeck \(name) --help' for more information.\n"
      FileHandle.standardError.write(Data(text.utf8))
      Foundation.exit(ExitCode.validationFailure.rawValue)
    } catch {
      exit(withError: error)
    }
  }
}
